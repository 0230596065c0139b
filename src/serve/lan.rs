//! The local network: this computer's address and a QR code of it drawn
//! in the terminal.

use super::*;

/// The address of this computer on the local network: the one the system
/// would send from to reach a private address (no packet is sent).
pub(super) fn lan_address() -> Option<IpAddr> {
    for probe in ["192.168.1.1:9", "10.0.0.1:9", "172.16.0.1:9"] {
        let Ok(sock) = UdpSocket::bind("0.0.0.0:0") else {
            continue;
        };
        if sock.connect(probe).is_ok()
            && let Ok(addr) = sock.local_addr()
            && !addr.ip().is_loopback()
            && !addr.ip().is_unspecified()
        {
            return Some(addr.ip());
        }
    }
    None
}

/// A QR code of `url` drawn with block characters, for a phone to scan
/// from the terminal.
pub fn terminal_qr(url: &str) -> Option<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::L).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}
