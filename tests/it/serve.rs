//! `camnang serve` as a clerk uses it: start it, edit a file, see the new
//! page and the reload event; break a file and see the mistake in place of
//! the page; fix it and see the page come back; look at a poster.

use std::io::{Read as _, Write as _};
use std::sync::mpsc;
use std::time::Duration;

use crate::util::{self, Needs, Served, TestSite, http_get, procedure};

/// Opens the live-reload event stream as a browser page does and
/// reports when it says "reload".
fn reload_events(s: &Served) -> mpsc::Receiver<()> {
    let (tx, rx) = mpsc::channel();
    let port = s.port;
    let page = http_get(port, "/").text();
    let stream_path = page
        .split("data-event-stream=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the live-reload script is in the page")
        .to_string();
    let (ready_tx, ready_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
            return;
        };
        let _ = write!(
            s,
            "GET {stream_path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        );
        let mut buf = [0u8; 4096];
        let mut text = String::new();
        let mut told_ready = false;
        while let Ok(n) = s.read(&mut buf) {
            if n == 0 {
                break;
            }
            text.push_str(&String::from_utf8_lossy(&buf[..n]));
            if !told_ready && text.contains("event: init") {
                told_ready = true;
                let _ = ready_tx.send(());
            }
            if text.contains("event: reload") {
                let _ = tx.send(());
                break;
            }
        }
    });
    ready_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the event stream opens");
    rx
}

fn page(port: u16) -> String {
    http_get(port, "/cu-tru/dang-ky-tam-tru/").text()
}

#[test]
fn an_edit_shows_up_in_the_browser_and_only_its_pages_are_redrawn() {
    let site = TestSite::standard();
    let mut s = Served::start(&site, &[]);
    let first = http_get(s.port, "/cu-tru/dang-ky-tam-tru/");
    assert_eq!(first.status, 200);
    assert!(first.text().contains("<h1>Đăng ký tạm trú</h1>"));
    // links are built on the preview's own address
    assert!(
        first
            .text()
            .contains(&format!("http://127.0.0.1:{}/q/tt01/", s.port))
    );
    // nothing is written to disk
    assert!(!site.path("public").exists());

    let reload = reload_events(&s);
    let text = site
        .read("content/cu-tru/dang-ky-tam-tru.md")
        .replace("Gửi hồ sơ.", "Gửi hồ sơ trước 17 giờ.");
    site.write("content/cu-tru/dang-ky-tam-tru.md", &text);
    reload
        .recv_timeout(Duration::from_secs(10))
        .expect("the open page is told to reload");
    assert!(page(s.port).contains("Gửi hồ sơ trước 17 giờ."));
    // the JSON export shows the edited step too, in the procedure's own
    // file and in the file of all (joined from the files kept)
    let steps = |v: &serde_json::Value| v["steps"].as_array().cloned().unwrap_or_default();
    let one: serde_json::Value =
        serde_json::from_str(&http_get(s.port, "/api/tt01.json").text()).expect("JSON");
    let all: serde_json::Value =
        serde_json::from_str(&http_get(s.port, "/api/procedures.json").text()).expect("JSON");
    let in_all = all["procedures"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["id"] == "tt01"))
        .expect("tt01 in the file of all");
    assert_eq!(
        steps(&one).last(),
        Some(&"Gửi hồ sơ trước 17 giờ.".into()),
        "{one}"
    );
    assert_eq!(
        in_all, &one,
        "the file of all holds the procedure's own file"
    );
    // the body changed: its page is redrawn, the rest kept
    let line = s.wait_for_line(|l| l.contains("vẽ lại"));
    let redrawn: usize = line
        .split("vẽ lại ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("count of pages redrawn");
    assert!((1..=4).contains(&redrawn), "{line}");
    assert!(line.contains("giữ nguyên"), "{line}");
}

#[test]
fn broken_content_shows_its_mistake_and_the_page_comes_back_when_fixed() {
    let site = TestSite::standard();
    let s = Served::start(&site, &[]);
    let good = site.read("content/cu-tru/dang-ky-tam-tru.md");

    let reload = reload_events(&s);
    site.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &good.replace("summary: Khai báo", "summary: \"Khai báo"),
    );
    reload
        .recv_timeout(Duration::from_secs(10))
        .expect("reload after the break");
    let broken = http_get(s.port, "/cu-tru/dang-ky-tam-tru/");
    assert_eq!(broken.status, 500);
    let text = broken.text();
    assert!(text.contains("Nội dung đang có lỗi"), "{text}");
    assert!(
        text.contains("content/cu-tru/dang-ky-tam-tru.md:5:"),
        "{text}"
    );
    assert!(text.contains("E006"), "{text}");
    // the error page reloads itself too
    assert!(text.contains("data-event-stream"), "{text}");
    // other pages show the mistake as well, and the server keeps running
    assert_eq!(http_get(s.port, "/").status, 500);
    // so does whatever else is asked for: a poster opened from the print
    // page, a page's address without its `/` (a bare 404 with no reason)
    for path in ["/in-an/ap-phich-a4/tt01.pdf", "/cu-tru/dang-ky-tam-tru"] {
        let got = http_get(s.port, path);
        assert_eq!(got.status, 500, "{path}");
        assert!(got.text().contains("E006"), "{path}: {}", got.text());
    }

    let reload = reload_events(&s);
    site.write("content/cu-tru/dang-ky-tam-tru.md", &good);
    reload
        .recv_timeout(Duration::from_secs(10))
        .expect("reload after the fix");
    let fixed = http_get(s.port, "/cu-tru/dang-ky-tam-tru/");
    assert_eq!(fixed.status, 200);
    assert!(fixed.text().contains("<h1>Đăng ký tạm trú</h1>"));
}

#[test]
fn a_new_procedure_file_appears_on_the_home_page() {
    let site = TestSite::standard();
    let s = Served::start(&site, &[]);
    let reload = reload_events(&s);
    site.write(
        "content/cu-tru/thong-bao-luu-tru.md",
        &procedure("Thông báo lưu trú", "tt04"),
    );
    reload
        .recv_timeout(Duration::from_secs(10))
        .expect("reload");
    assert!(http_get(s.port, "/").text().contains("Thông báo lưu trú"));
    assert_eq!(http_get(s.port, "/cu-tru/thong-bao-luu-tru/").status, 200);
    // a preview never locks a new id
    assert!(!site.path("qr-lock.yaml").exists());
}

#[test]
fn a_theme_folder_made_while_serving_is_watched() {
    let site = TestSite::standard();
    assert!(!site.path("themes").exists());
    let s = Served::start(&site, &[]);
    let reload = reload_events(&s);
    // the folders first, as Explorer makes them, then the override
    std::fs::create_dir_all(site.path("themes/default/templates/partials")).expect("mkdir");
    let _ = reload.recv_timeout(Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(300));
    let contact = "<p class=\"mine\">Gọi Tổ công nghệ số</p>\n";
    site.write("themes/default/templates/partials/contact.html", contact);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !page(s.port).contains("Gọi Tổ công nghệ số") {
        assert!(
            std::time::Instant::now() < deadline,
            "the override was not picked up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // a mistake in it shows, and its fix brings the page back
    site.write(
        "themes/default/templates/partials/contact.html",
        &format!("{contact}{{% if site.title %}}\n"),
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !http_get(s.port, "/cu-tru/dang-ky-tam-tru/")
        .text()
        .contains("contact.html")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the mistake was not shown"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    site.write("themes/default/templates/partials/contact.html", contact);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while http_get(s.port, "/cu-tru/dang-ky-tam-tru/").status != 200 {
        assert!(
            std::time::Instant::now() < deadline,
            "the page did not come back"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(page(s.port).contains("Gọi Tổ công nghệ số"));
}

#[test]
fn a_poster_previewed_while_serving_opens_the_sites_address_needs_zbar_poppler() {
    if !Needs::default()
        .tool("zbarimg", &["--version"])
        .tool("pdftoppm", &["-v"])
        .tool("pdftotext", &["-v"])
        .met()
    {
        return;
    }
    let site = TestSite::standard();
    let s = Served::start(&site, &[]);
    let pdf = http_get(s.port, "/in-an/ap-phich-a4/tt01.pdf");
    assert_eq!(pdf.status, 200);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("tt01.pdf");
    std::fs::write(&file, &pdf.body).expect("pdf");
    let png = dir.path().join("p");
    let made = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-f", "1", "-l", "1"])
        .arg(&file)
        .arg(&png)
        .status()
        .expect("pdftoppm");
    assert!(made.success());
    let page = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "png"))
        .expect("a page");
    let out = std::process::Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(&page)
        .output()
        .expect("zbarimg");
    // what is printed from the preview is what build prints: the code
    // opens the site, not this computer (it opened 127.0.0.1:<port>)
    let codes = String::from_utf8_lossy(&out.stdout);
    assert_eq!(codes.trim(), "https://thu.example.vn/q/tt01/");
    let text = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("thu.example.vn"), "{text}");
    assert!(!text.contains("127.0.0.1"), "{text}");
}

/// Every line the server prints until it has been quiet for a second.
fn drain(s: &mut Served) -> Vec<String> {
    let mut lines = Vec::new();
    while let Some(l) = s.next_line() {
        lines.push(l);
    }
    lines
}

#[test]
fn a_guide_saved_where_camnang_reads_nothing_is_told_once_while_serving() {
    let site = TestSite::standard();
    let mut s = Served::start(&site, &[]);
    drain(&mut s);
    // every line the server prints for the next update, warnings included
    // (they come on the other stream, before or after the "updated" line)
    let update = |s: &mut Served| {
        let mut lines = s.lines_until(|l| l.starts_with("đã cập nhật"));
        lines.extend(drain(s));
        lines
    };
    let told = |lines: &[String], code: &str| lines.iter().any(|l| l.contains(code));
    // Notepad's hidden .txt: told, with the name to give the file
    site.write(
        "content/cu-tru/thong-bao.md.txt",
        &procedure("Thông báo lưu trú", "tt04"),
    );
    let lines = update(&mut s);
    assert!(told(&lines, "cảnh báo[W037]"), "{lines:?}");
    assert!(told(&lines, "«thong-bao.md»"), "{lines:?}");
    // an edit of a guide redraws its pages in place and does not tell it
    let text = site
        .read("content/cu-tru/dang-ky-tam-tru.md")
        .replace("Gửi hồ sơ.", "Gửi hồ sơ trước 17 giờ.");
    site.write("content/cu-tru/dang-ky-tam-tru.md", &text);
    let lines = update(&mut s);
    assert!(!told(&lines, "W03"), "{lines:?}");
    // nor does the next whole rebuild, whose warnings are the same
    site.write(
        "content/cu-tru/thong-bao-luu-tru.md",
        &procedure("Thông báo lưu trú", "tt05"),
    );
    let lines = update(&mut s);
    assert!(!told(&lines, "W03"), "{lines:?}");
    assert!(http_get(s.port, "/").text().contains("Thông báo lưu trú"));
    // a folder inside the category: the warnings changed, all are told
    site.write(
        "content/cu-tru/ban-cu/dang-ky.md",
        &procedure("Bản cũ", "tt06"),
    );
    let lines = update(&mut s);
    for code in ["W036", "W037"] {
        assert!(told(&lines, code), "{code}: {lines:?}");
    }
    // a warning an edit of a guide brings is told at once (a link with a
    // space was told only at the next save that broke something)
    let text = site.read("content/cu-tru/dang-ky-tam-tru.md");
    site.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &format!("{text}\nXem [mẫu đơn](files/mau don.pdf).\n"),
    );
    let lines = update(&mut s);
    assert!(told(&lines, "cảnh báo[W087]"), "{lines:?}");
    // and the page shows the edit
    assert!(page(s.port).contains("mẫu đơn"));
}

/// A link an edit adds to a form the site does not have is told at once
/// (W108, as `build` tells it), and the page is served with it.
#[test]
fn a_link_to_a_missing_form_is_told_while_serving() {
    let site = TestSite::standard();
    let mut s = Served::start(&site, &[]);
    drain(&mut s);
    let text = site.read("content/cu-tru/dang-ky-tam-tru.md");
    site.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &format!("{text}\nTải [mẫu CT01](/files/mau-ct01.pdf).\n"),
    );
    let mut lines = s.lines_until(|l| l.starts_with("đã cập nhật"));
    lines.extend(drain(&mut s));
    assert!(
        lines.iter().any(|l| l.contains("cảnh báo[W108]")),
        "{lines:?}"
    );
    assert!(page(s.port).contains("/files/mau-ct01.pdf"));
    // the form copied in: the next update tells nothing again
    site.write("content/files/mau-ct01.pdf", "%PDF-1.4\n");
    let mut lines = s.lines_until(|l| l.starts_with("đã cập nhật"));
    lines.extend(drain(&mut s));
    assert!(!lines.iter().any(|l| l.contains("W108")), "{lines:?}");
    assert_eq!(http_get(s.port, "/files/mau-ct01.pdf").status, 200);
}

#[test]
fn a_character_posters_would_leave_out_is_told_while_serving() {
    let site = TestSite::standard();
    let mut s = Served::start(&site, &[]);
    drain(&mut s);
    // a new guide whose title starts with an emoji copied from Zalo
    site.write(
        "content/cu-tru/thong-bao-luu-tru.md",
        &procedure("📌 Thông báo lưu trú", "tt05"),
    );
    let mut lines = s.lines_until(|l| l.starts_with("đã cập nhật"));
    lines.extend(drain(&mut s));
    assert!(
        lines.iter().any(|l| l.contains("cảnh báo[W082]")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("content/cu-tru/thong-bao-luu-tru.md:2:8")),
        "{lines:?}"
    );
}

/// A file emptied and written again a moment later (an editor saving
/// over a network drive in two steps) is read once written: "the file is
/// empty" (E003) is not shown in between.
#[test]
fn a_file_saved_in_two_steps_is_read_once_written() {
    let site = TestSite::standard();
    let mut s = Served::start(&site, &[]);
    drain(&mut s);
    let path = site.path("content/cu-tru/khai-bao-tam-vang.md");
    let text = site.read("content/cu-tru/khai-bao-tam-vang.md");
    std::fs::write(&path, "").expect("emptied");
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(
        &path,
        text.replace("Khai báo tạm vắng", "Khai báo tạm vắng (sửa)"),
    )
    .expect("written");
    let mut lines = s.lines_until(|l| l.starts_with("đã cập nhật"));
    lines.extend(drain(&mut s));
    assert!(!lines.iter().any(|l| l.contains("E003")), "{lines:?}");
    assert!(
        http_get(s.port, "/cu-tru/khai-bao-tam-vang/")
            .text()
            .contains("Khai báo tạm vắng (sửa)")
    );
}

/// A guide renamed while its page is open: the old address leads to the
/// new one (the tab reloaded into "page not found", nothing telling the
/// clerk where the page went).
#[test]
fn a_page_whose_guide_was_renamed_leads_to_its_new_address() {
    let site = TestSite::standard();
    let s = Served::start(&site, &[]);
    assert_eq!(http_get(s.port, "/cu-tru/khai-bao-tam-vang/").status, 200);
    let reload = reload_events(&s);
    std::fs::rename(
        site.path("content/cu-tru/khai-bao-tam-vang.md"),
        site.path("content/cu-tru/bao-vang.md"),
    )
    .expect("rename");
    reload
        .recv_timeout(Duration::from_secs(10))
        .expect("reload after the rename");
    let old = http_get(s.port, "/cu-tru/khai-bao-tam-vang/");
    assert_eq!(old.status, 307, "{}", old.headers);
    assert!(old.headers.contains("/cu-tru/bao-vang/"), "{}", old.headers);
    assert_eq!(http_get(s.port, "/cu-tru/bao-vang/").status, 200);
    // an address no guide ever had is still "page not found"
    assert_eq!(http_get(s.port, "/cu-tru/khong-co/").status, 404);
}

/// Ctrl-C stops serve while a page is open in the browser (its live-reload
/// stream never ends: serve waited for the browser to close, whatever
/// the clerk pressed).
#[test]
fn ctrl_c_stops_serve_while_a_page_is_open() {
    let site = TestSite::standard();
    let mut s = Served::start(&site, &[]);
    let _tab = reload_events(&s);
    let pressed = std::time::Instant::now();
    let sent = std::process::Command::new("kill")
        .args(["-INT", &s.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let status = loop {
        if let Ok(Some(status)) = s.child.try_wait() {
            break status;
        }
        assert!(
            pressed.elapsed() < Duration::from_secs(5),
            "serve still running 5 s after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
}

/// A poster drawn shortened while serving says so in the terminal, as
/// `build` does (it was drawn cut without a word).
#[test]
fn a_poster_shortened_while_serving_is_told() {
    let site = TestSite::standard();
    let long = "Người dân chuẩn bị giấy tờ và nộp hồ sơ tại bộ phận một cửa. ".repeat(40);
    let text = site.read("content/cu-tru/khai-bao-tam-vang.md");
    let (before, after) = text.split_once("summary: ").expect("a summary");
    let rest = after.split_once('\n').map_or("", |(_, r)| r);
    site.write(
        "content/cu-tru/khai-bao-tam-vang.md",
        &format!("{before}summary: {}\n{rest}", long.trim()),
    );
    let mut s = Served::start(&site, &[]);
    drain(&mut s);
    let pdf = http_get(s.port, "/in-an/ap-phich-a4/tt02.pdf");
    assert!(pdf.body.starts_with(b"%PDF-"));
    let lines = s.lines_until(|l| l.contains("đã rút gọn để vừa trang"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("in-an/ap-phich-a4/tt02.pdf")),
        "{lines:?}"
    );
}

#[test]
fn posters_can_be_previewed_while_serving() {
    let site = TestSite::standard();
    let s = Served::start(&site, &[]);
    let listing = http_get(s.port, "/in-an/").text();
    assert!(listing.contains("/in-an/ap-phich-a4/tt01.pdf"), "{listing}");
    let pdf = http_get(s.port, "/in-an/ap-phich-a4/tt01.pdf");
    assert_eq!(pdf.status, 200);
    assert!(pdf.headers.contains("application/pdf"), "{}", pdf.headers);
    assert!(pdf.body.starts_with(b"%PDF-"));
    let board = http_get(s.port, "/in-an/bang-niem-yet-a4.pdf");
    assert!(board.body.starts_with(b"%PDF-"));
    assert_eq!(
        http_get(s.port, "/in-an/ap-phich-a4/khong-co.pdf").status,
        404
    );
}

#[test]
fn the_server_answers_only_with_the_site() {
    let site = TestSite::standard();
    let s = Served::start(&site, &[]);
    assert_eq!(http_get(s.port, "/khong-co-trang-nay/").status, 404);
    assert!(
        http_get(s.port, "/khong-co-trang-nay/")
            .text()
            .contains("Không tìm thấy trang")
    );
    for bad in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/content/cu-tru/_index.md",
        "/site.yaml",
    ] {
        let r = http_get(s.port, bad);
        assert!(r.status == 400 || r.status == 404, "{bad}: {}", r.status);
        assert!(!r.text().contains("base_url"), "{bad} leaked site.yaml");
    }
    let r = http_get(s.port, "/cu-tru");
    assert_eq!(r.status, 308);
    assert!(r.headers.contains("location: /cu-tru/"), "{}", r.headers);
}

/// Draws the terminal's block-character QR code as a PGM image. The code
/// is drawn for the usual dark terminal: a block is a light module.
fn terminal_qr_to_pgm(lines: &[String], path: &std::path::Path) {
    let scale = 8;
    let rows: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let w = rows.iter().map(Vec::len).max().unwrap_or(0);
    let h = rows.len() * 2;
    let mut px = vec![255u8; w * scale * h * scale];
    for (r, row) in rows.iter().enumerate() {
        for (c, ch) in row.iter().enumerate() {
            // each character is two modules: top and bottom
            let (top, bottom) = match ch {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                _ => (false, false),
            };
            for (dy, light) in [(0, top), (1, bottom)] {
                if !light {
                    for y in 0..scale {
                        for x in 0..scale {
                            let yy = (r * 2 + dy) * scale + y;
                            px[yy * w * scale + c * scale + x] = 0;
                        }
                    }
                }
            }
        }
    }
    let mut f = std::fs::File::create(path).expect("pgm");
    write!(f, "P5\n{} {}\n255\n", w * scale, h * scale).expect("header");
    f.write_all(&px).expect("pixels");
}

#[test]
fn lan_mode_prints_a_code_a_phone_can_scan_needs_zbar_lan() {
    if !util::require("zbarimg", &["--version"]) {
        return;
    }
    let site = TestSite::standard();
    let mut s = Served::start(&site, &["--lan"]);
    let first = s.wait_for_line(|l| l.contains("quét mã") || l.contains("không tìm thấy địa chỉ"));
    // a machine with no network at all: nothing to scan
    if !Needs::default()
        .that(
            !first.contains("không tìm thấy địa chỉ"),
            &format!("a local network address (camnang serve --lan said: {first})"),
        )
        .met()
    {
        return;
    }
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("address")
        .to_string();
    let mut qr = Vec::new();
    while let Some(l) = s.next_line() {
        if l.contains('█') || l.contains('▀') || l.contains('▄') {
            qr.push(l);
        } else if !qr.is_empty() {
            break;
        }
    }
    let dir = tempfile::tempdir().expect("dir");
    let img = dir.path().join("qr.pgm");
    terminal_qr_to_pgm(&qr, &img);
    let out = std::process::Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(&img)
        .output()
        .expect("zbarimg");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), url);
    // and the phone gets the site at that address
    let port: u16 = url
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .expect("port");
    assert_eq!(port, s.port);
    assert_eq!(http_get(s.port, "/").status, 200);
}
