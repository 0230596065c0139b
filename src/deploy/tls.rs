//! TLS for `ftps://` and `webdavs://`: the usual web roots are trusted,
//! plus each certificate of `CAMNANG_CA_FILE` (PEM): as an authority, and
//! as the host's own certificate itself (pinned), so a self-signed
//! certificate made the way hosting panels make them (`openssl req
//! -x509`, marked as an authority, often with no subject alternative
//! name) is trusted as it is. WebDAV's HTTP client (`ureq`) is given the
//! same settings through [`PinnedTls`], one link of its chain of
//! connectors.

use std::io::{Read as _, Write as _};
use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport,
    TransportAdapter,
};

use super::store::StoreError;

/// Which versions of TLS a host is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tls {
    /// TLS 1.2 only: ProFTPD by default wants FTP's data connections to
    /// resume the control connection's TLS session, which its TLS 1.3
    /// does not allow (425 "Unable to build data connection").
    Only12,
    /// TLS 1.3 or 1.2 (HTTPS).
    Any,
}

/// The certificates `CAMNANG_CA_FILE` names (none when it is not set).
fn named_certificates() -> Result<Vec<CertificateDer<'static>>, StoreError> {
    let Some(file) = std::env::var_os("CAMNANG_CA_FILE") else {
        return Ok(Vec::new());
    };
    use rustls::pki_types::pem::PemObject as _;
    let unreadable = |e: &dyn std::fmt::Display| {
        StoreError::Certificate(format!(
            "CAMNANG_CA_FILE={}: {e}",
            std::path::Path::new(&file).display()
        ))
    };
    let mut certs = Vec::new();
    for cert in CertificateDer::pem_file_iter(&file).map_err(|e| unreadable(&e))? {
        certs.push(cert.map_err(|e| unreadable(&e))?);
    }
    if certs.is_empty() {
        return Err(unreadable(
            &"no certificate (-----BEGIN CERTIFICATE-----) in the file",
        ));
    }
    Ok(certs)
}

/// The TLS settings of a deploy: see the module's documentation.
pub(super) fn client_config(versions: Tls) -> Result<rustls::ClientConfig, StoreError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let pinned = named_certificates()?;
    for cert in &pinned {
        // a certificate webpki will not take as an authority is still
        // the host's own
        let _ = roots.add(cert.clone());
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .map_err(StoreError::other)?;
    let versions: &[&rustls::SupportedProtocolVersion] = match versions {
        Tls::Only12 => &[&rustls::version::TLS12],
        Tls::Any => rustls::ALL_VERSIONS,
    };
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .map_err(StoreError::other)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(Pinned { pinned, webpki }))
        .with_no_client_auth())
}

/// Makes ring rustls's provider for the whole process, for the crates
/// that build their own TLS settings without naming one (rust-s3's HTTP
/// client for `s3://…?endpoint=https://…`: without it every S3 deploy to
/// an HTTPS endpoint stopped with a panic). Once is enough; a provider
/// already made is kept.
pub(super) fn process_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A failure to connect over TLS: a certificate not trusted (the message
/// of rustls, through the protocol's crate), or any other.
pub(super) fn connect_error(message: String) -> StoreError {
    let m = message.to_ascii_lowercase();
    match m.contains("certificate") || m.contains("unknownissuer") || m.contains("notvalidforname")
    {
        true => StoreError::Certificate(message),
        false => StoreError::Connect(message),
    }
}

/// Trusts a host whose certificate is one of `pinned` byte for byte, and
/// otherwise what webpki trusts.
#[derive(Debug)]
struct Pinned {
    pinned: Vec<CertificateDer<'static>>,
    webpki: Arc<rustls::client::WebPkiServerVerifier>,
}

impl rustls::client::danger::ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &rustls::pki_types::ServerName<'_>,
        ocsp_response: &[u8],
        now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        if self
            .pinned
            .iter()
            .any(|c| c.as_ref() == end_entity.as_ref())
        {
            return Ok(rustls::client::danger::ServerCertVerified::assertion());
        }
        self.webpki
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// The link of `ureq`'s chain of connectors that puts TLS with
/// [`client_config`] over the TCP connection of an `https://` address
/// (ureq's own takes roots only, no pinned certificate).
#[derive(Debug)]
pub(super) struct PinnedTls(pub(super) Arc<rustls::ClientConfig>);

impl<In: Transport> Connector<In> for PinnedTls {
    type Out = Either<In, TlsTransport>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let Some(transport) = chained else {
            return Ok(None);
        };
        if !details.needs_tls() || transport.is_tls() {
            return Ok(Some(Either::A(transport)));
        }
        let host = details
            .uri
            .host()
            .ok_or(ureq::Error::Tls("no host name"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let name = rustls::pki_types::ServerName::try_from(host)
            .map_err(|_| ureq::Error::Tls("not a host name"))?;
        let mut conn = rustls::ClientConnection::new(self.0.clone(), name)?;
        let mut sock = TransportAdapter::new(transport.boxed(), details.current_time.clone());
        sock.set_timeout(details.timeout);
        conn.complete_io(&mut sock)?;
        Ok(Some(Either::B(TlsTransport {
            buffers: LazyBuffers::new(
                details.config.input_buffer_size(),
                details.config.output_buffer_size(),
            ),
            stream: rustls::StreamOwned { conn, sock },
        })))
    }
}

/// A TLS connection made by [`PinnedTls`].
pub(super) struct TlsTransport {
    buffers: LazyBuffers,
    stream: rustls::StreamOwned<rustls::ClientConnection, TransportAdapter>,
}

impl std::fmt::Debug for TlsTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsTransport").finish_non_exhaustive()
    }
}

impl Transport for TlsTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let output = self
            .buffers
            .output()
            .get(..amount)
            .ok_or(ureq::Error::Tls("output beyond the buffer"))?;
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let amount = self.stream.read(input)?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.get_mut().get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}
