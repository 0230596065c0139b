//! `camnang import`: the two real portal records in `../shared/portal/`
//! imported, checked and built; saved records in every shape; hostile
//! records; a local server answering exactly as the portal does (201 with
//! the envelope, the firewall's HTML page, a slow answer, malformed JSON,
//! a 404); `--diff` and `--update` keeping a clerk's edits. No network
//! beyond 127.0.0.1.

use std::path::PathBuf;
use std::time::Duration;

use crate::util::{Run, TestSite, camnang};
use serde_json::{Value, json};

const TAM_TRU: &str = "019d2bf7-770b-734d-b7fb-5e1995f194f4";
const KHAI_SINH: &str = "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7";

/// `../shared/portal` beside the checkout.
fn portal_dir() -> PathBuf {
    crate::util::repo().join("../shared/portal")
}

fn record(code: &str) -> Value {
    let text = std::fs::read_to_string(portal_dir().join(format!("{code}.json")))
        .expect("the real records are in ../shared/portal");
    serde_json::from_str(&text).expect("real record is JSON")
}

/// An empty site: site.yaml and content/.
fn empty_site() -> TestSite {
    let s = TestSite::new();
    std::fs::remove_dir_all(s.path("content/cu-tru")).expect("remove sample category");
    std::fs::create_dir_all(s.path("content")).expect("content/");
    s
}

fn import(site: &TestSite, args: &[&str]) -> Run {
    let mut c = camnang();
    c.args(["import", "--root"])
        .arg(site.root())
        .args(["--today", "2026-11-30", "--pause-ms", "10"])
        .args(args);
    Run::of(c)
}

fn check(site: &TestSite) -> Run {
    let mut c = camnang();
    c.args([
        "check",
        "--format",
        "json",
        "--today",
        "2026-12-01",
        "--root",
    ])
    .arg(site.root());
    Run::of(c)
}

/// The first `n` bytes of `s`, cut at a character boundary.
fn cut(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

fn no_panic(run: &Run) {
    assert!(
        !run.stderr.contains("panicked") && run.code != 101,
        "panic:\n{}",
        run.stderr
    );
}

/// Every .md file under content/, relative.
fn md_files(site: &TestSite) -> Vec<String> {
    crate::util::files_below(&site.path("content"))
        .into_iter()
        .map(|p| format!("content/{}", p.to_string_lossy().replace('\\', "/")))
        .filter(|p| p.ends_with(".md"))
        .collect()
}

#[test]
fn the_real_records_import_check_and_build() {
    let site = empty_site();
    let dir = portal_dir();
    let run = import(&site, &[dir.to_str().expect("utf-8 path")]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let tam_tru = "content/dang-ky-quan-ly-cu-tru/dang-ky-tam-tru.md";
    let khai_sinh = "content/ho-tich/dang-ky-khai-sinh.md";
    let files = md_files(&site);
    for f in [tam_tru, khai_sinh, "content/ho-tich/_index.md"] {
        assert!(files.contains(&f.to_string()), "{f} missing: {files:?}");
    }
    // every gap listed at the end
    assert!(run.stdout.contains("W101"), "{}", run.stdout);
    assert!(
        run.stdout.contains("«steps» cần kiểm tra"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("2 tệp mới"), "{}", run.stdout);

    let text = site.read(tam_tru);
    assert!(text.contains("code: \"1.004194\""), "{text}");
    assert!(text.contains("Lệ phí 7.000 đồng"), "{text}");
    // a legal document named without its number keeps the number
    assert!(text.contains("Luật Cư trú 2020 (68/2020/QH14)"), "{text}");
    assert!(text.contains("(154/2024/NĐ-CP)"), "{text}");
    assert!(text.contains("  portal_id: 019d2bf7-770b-734d-b7fb-5e1995f194f4"));
    assert!(text.contains("  portal_updated: 2026-04-29"));
    assert!(
        text.contains("53/2025/TT-BCA ngày 01/7/2025"),
        "glued words split"
    );
    assert!(
        text.contains("1. Cá nhân, tổ chức chuẩn bị hồ sơ"),
        "steps split"
    );
    assert!(text.contains("5. Căn cứ theo ngày hẹn"), "five steps");
    assert!(text.contains("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7"));
    assert!(
        text.contains("(01 bản chính, 01 bản sao)"),
        "copies counted"
    );
    // the note of a case the portal left without a name is under a
    // heading of its own, one item a line, not under the case before
    let notes = &text[text.find("## Ghi chú về hồ sơ").expect("notes")..];
    let own = notes.find("**Lưu ý:**").expect("own heading");
    assert!(
        notes[..own].contains("Hồ sơ đăng ký tạm trú gồm:"),
        "{notes}"
    );
    assert!(
        notes[own..].contains("chứng thực.\n- Người nước ngoài"),
        "{notes}"
    );
    let ks = site.read(khai_sinh);
    assert!(ks.contains("agency: \"Ủy ban nhân dân cấp xã\""), "{ks}");
    // the documents after "… các giấy tờ sau:" are a group headed by it
    assert!(
        ks.contains("  - group: \"Người có yêu cầu đăng ký khai sinh thực hiện việc nộp/xuất trình (theo hình thức trực tiếp) hoặc tải lên (theo hình thức trực tuyến) các giấy tờ sau:\"\n    items:\n      - \"Tờ khai đăng ký khai sinh"),
        "{ks}"
    );
    assert!(ks.contains("  - \"steps\""), "khai sinh steps do not split");
    assert!(
        ks.contains("  - \"channels[0].time\""),
        "OTHER unit is a gap"
    );

    // check: no errors, a W080 for each draft entry
    let c = check(&site);
    let report: Value = serde_json::from_str(&c.stdout).expect("check json");
    assert_eq!(report["errors"], 0, "{}", c.stdout);
    let w080 = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["code"] == "W080")
        .count();
    assert!(w080 >= 5, "{}", c.stdout);
    let others: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["code"] != "W080")
        .collect();
    assert!(others.is_empty(), "only draft warnings: {others:?}");

    // build: the page shows the fees, documents and the draft marks
    let b = site.build(&["--no-print"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let page = site.read("public/dang-ky-quan-ly-cu-tru/dang-ky-tam-tru/index.html");
    let online_row = page
        .split("<tr>")
        .find(|r| r.contains("Trực tuyến"))
        .expect("an online row");
    assert!(online_row.contains("7.000 đồng"), "{online_row}");
    assert!(page.contains("Tờ khai thay đổi thông tin cư trú"));
    assert!(page.contains("<h3>Đăng ký tạm trú theo danh sách, hồ sơ gồm:"));
    assert!(page.contains("cần kiểm tra"));
    let ks_page = site.read("public/ho-tich/dang-ky-khai-sinh/index.html");
    assert!(ks_page.contains("Giấy chứng sinh"));

    // the same records again: said, nothing rewritten
    let before = site.read(tam_tru);
    let again = import(&site, &[dir.to_str().expect("utf-8 path")]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("đã được nhập"), "{}", again.stdout);
    assert_eq!(site.read(tam_tru), before);
    assert_eq!(md_files(&site).len(), files.len());
    // the same record with its id in capitals: the same record (it was a
    // second guide, and a second saved record Windows takes for the first)
    let shouted = tempfile::tempdir().expect("temp");
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("1.004194.json")).expect("record"))
            .expect("json");
    let data = if v.get("data").is_some() {
        &mut v["data"]
    } else {
        &mut v
    };
    let id = data["id"].as_str().expect("id").to_ascii_uppercase();
    data["id"] = json!(id);
    std::fs::write(shouted.path().join("r.json"), v.to_string()).expect("write");
    let again = import(&site, &[shouted.path().to_str().expect("utf-8")]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("đã được nhập"), "{}", again.stdout);
    assert_eq!(md_files(&site).len(), files.len());
}

#[test]
fn saved_records_in_every_shape() {
    let site = empty_site();
    let inbox = tempfile::tempdir().expect("temp");
    // without the envelope
    let bare = record("1.004194")["data"].clone();
    std::fs::write(inbox.path().join("bare.json"), bare.to_string()).expect("write");
    // JSON Lines: one good record, one blank line, one cut off
    let lines = format!(
        "{}\n\n{}\n{}\n",
        record("1.001193"),
        cut(&record("1.001193").to_string(), 500),
        json!({"ma": "1.004194", "ten": "not a portal record"})
    );
    let jsonl = inbox.path().join("crawl.jsonl");
    std::fs::write(&jsonl, lines).expect("write");
    let run = import(
        &site,
        &[
            "--category",
            "thu-tuc",
            inbox.path().join("bare.json").to_str().expect("utf-8"),
            jsonl.to_str().expect("utf-8"),
        ],
    );
    no_panic(&run);
    assert_eq!(
        run.code, 1,
        "a truncated line is a failure:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("E101") && run.stderr.contains("crawl.jsonl:3:"),
        "{}",
        run.stderr
    );
    // a line that is JSON but no record is named by its line
    assert!(
        run.stderr.contains("E102") && run.stderr.contains("crawl.jsonl:4:"),
        "{}",
        run.stderr
    );
    let files = md_files(&site);
    assert!(
        files.contains(&"content/thu-tuc/dang-ky-tam-tru.md".to_string()),
        "{files:?}"
    );
    assert!(
        files.contains(&"content/thu-tuc/dang-ky-khai-sinh.md".to_string()),
        "{files:?}"
    );
    // the folder given is named for itself, not after the first record's
    // portal category (records of two categories went in)
    let index = site.read("content/thu-tuc/_index.md");
    assert!(
        index.contains("title: \"Thu tuc\"") || index.contains("title: Thu tuc"),
        "{index}"
    );
}

#[test]
fn older_text_odd_amounts_and_files_saved_on_windows_import_as_meant() {
    let site = empty_site();
    let inbox = tempfile::tempdir().expect("temp");
    let older = with("1.004194", |d| {
        d["id"] = json!("019d2bf7-770b-734d-b7fb-000000000011");
        d["name"] = json!("Đăng k&yacute; t&#7841;m tr&uacute; (bản cũ)");
        d["departmentsExecuting"] = json!([{"name": "Phòng Tài nguyên & Môi trường"}]);
        d["executionSteps"] = json!([{"name": "", "description": "<p>Bước 1: Chuẩn bị hồ sơ.</p><p>Bước 2: Nộp hồ sơ:</p><ul><li>tờ khai</li><li>căn cước</li></ul><p>Bước 3: Nhận kết quả.</p>"}]);
        d["executionMethods"][0]["fees"][0]["value"] = json!("7.000");
    });
    let second = with("1.004194", |d| {
        d["id"] = json!("019d2bf7-770b-734d-b7fb-000000000012");
        d["name"] = json!("Một thủ tục trong danh sách");
    });
    let third = with("1.004194", |d| {
        d["id"] = json!("019d2bf7-770b-734d-b7fb-000000000013");
        d["name"] = json!("Việc thứ ba trong danh sách");
    });
    // saved by Windows PowerShell: UTF-16 with a byte order mark
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(older.to_string().encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let a = inbox.path().join("cu.json");
    std::fs::write(&a, utf16).expect("write");
    // a list of records in one file
    let b = inbox.path().join("list.json");
    std::fs::write(&b, json!([second, third]).to_string()).expect("write");
    let run = import(
        &site,
        &[
            "--category",
            "cu-tru",
            a.to_str().expect("utf-8"),
            b.to_str().expect("utf-8"),
        ],
    );
    no_panic(&run);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("3 tệp mới"), "{}", run.stdout);
    // the portal's name of the category, which names this folder
    let index = site.read("content/cu-tru/_index.md");
    assert!(index.contains("Đăng ký, quản lý cư trú"), "{index}");
    let text = site.read("content/cu-tru/dang-ky-tam-tru-ban-cu.md");
    assert!(
        text.contains("title: \"Đăng ký tạm trú (bản cũ)\""),
        "{text}"
    );
    assert!(
        text.contains("agency: \"Phòng Tài nguyên & Môi trường\""),
        "{text}"
    );
    assert!(text.contains("Lệ phí 7.000 đồng"), "{text}");
    assert!(
        text.contains(
            "1. Chuẩn bị hồ sơ.\n2. Nộp hồ sơ:\n   - tờ khai\n   - căn cước\n3. Nhận kết quả."
        ),
        "{text}"
    );
    assert!(
        site.path("content/cu-tru/mot-thu-tuc-trong-danh-sach.md")
            .is_file()
    );
    assert!(
        site.path("content/cu-tru/viec-thu-ba-trong-danh-sach.md")
            .is_file()
    );
    let c = check(&site);
    let report: Value = serde_json::from_str(&c.stdout).expect("json");
    assert_eq!(report["errors"], 0, "{}", c.stdout);
    assert_eq!(site.build(&["--no-print"]).code, 0);
}

/// A record with `data` changed by `edit`.
fn with(code: &str, edit: impl FnOnce(&mut Value)) -> Value {
    let mut v = record(code);
    edit(&mut v["data"]);
    v
}

#[test]
fn hostile_records_give_located_messages_or_safe_files() {
    let site = empty_site();
    let inbox = tempfile::tempdir().expect("temp");
    let put = |name: &str, v: &Value| {
        let p = inbox.path().join(name);
        std::fs::write(&p, v.to_string()).expect("write");
        p
    };
    let script = with("1.004194", |d| {
        d["id"] = json!("019d2bf7-770b-734d-b7fb-000000000001");
        d["name"] =
            json!("<script>alert(1)</script>Đăng ký <b>tạm</b> trú [x](javascript:alert(2))");
        d["description"] = json!("<img src=x onerror=alert(3)> data:text/html;base64,PHNjcmlwdD4=");
        d["executionSteps"] = json!([{"name": "", "description": "Bước 1: <a href=\"javascript:alert(4)\">Nộp</a>\nBước 2: ![x](data:image/png;base64,AAAA) nhận"}]);
    });
    let nfd = with("1.004194", |d| {
        d["id"] = json!("019d2bf7-770b-734d-b7fb-000000000002");
        d["name"] = json!("Đăng ky\u{301} ta\u{323}m tru\u{301} NFD");
    });
    let many = with("1.004194", |d| {
        d["id"] = json!("019d2bf7-770b-734d-b7fb-000000000003");
        d["name"] = json!("Nhiều giấy tờ");
        let docs: Vec<Value> = (0..10_000)
            .map(|i| json!({"name": format!("Giấy tờ số {i}"), "originalQty": 1, "copyQty": 0, "attachments": []}))
            .collect();
        d["executionCases"] = json!([{"name": "Hồ sơ", "profileComponents": docs}]);
    });
    let big = with("1.004194", |d| {
        d["id"] = json!("019d2bf7-770b-734d-b7fb-000000000004");
        d["name"] = json!("Bản ghi lớn");
        d["requirementsAndConditions"] = json!("điều kiện ".repeat(500_000));
    });
    let fractional = with("1.004194", |d| {
        d["id"] = json!("019d2bf7-770b-734d-b7fb-000000000005");
        d["name"] = json!("Thời hạn lẻ");
        d["executionMethods"][0]["processingTime"] = json!(0.5);
        d["executionMethods"][1]["processingTime"] = json!("Trong ngày");
        d["executionMethods"][1]["fees"][0]["value"] = Value::Null;
        d["departmentsExecuting"] = json!([]);
        d["executingAgencies"] = json!("");
    });
    let wrong_type = with("1.004194", |d| {
        d["id"] = json!("019d2bf7-770b-734d-b7fb-000000000006");
        d["executionMethods"][0]["fees"][0]["value"] = json!({"x": 1});
    });
    let bad_id = with("1.004194", |d| d["id"] = json!("../../etc/passwd"));
    let files = [
        put("script.json", &script),
        put("nfd.json", &nfd),
        put("many.json", &many),
        put("big.json", &big),
        put("fractional.json", &fractional),
        put("wrong.json", &wrong_type),
        put("bad-id.json", &bad_id),
    ];
    let truncated = inbox.path().join("truncated.json");
    std::fs::write(&truncated, cut(&record("1.004194").to_string(), 3000)).expect("write");
    let mut args: Vec<&str> = files.iter().map(|p| p.to_str().expect("utf-8")).collect();
    args.push(truncated.to_str().expect("utf-8"));
    let run = import(&site, &args);
    no_panic(&run);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    // a field in a shape camnang cannot read is marked to check, and the
    // rest of the record imported (the whole record was refused)
    let told = format!("{}\n{}", run.stdout, run.stderr);
    assert!(
        told.contains("data.executionMethods[0].fees[0].value"),
        "{told}"
    );
    assert!(!run.stderr.contains("wrong.json"), "{}", run.stderr);
    assert!(run.stderr.contains("bad-id.json"), "{}", run.stderr);
    assert!(run.stderr.contains("truncated.json:1:"), "{}", run.stderr);
    assert!(run.stdout.contains("6 tệp mới"), "{}", run.stdout);
    let wrong = site.read("content/dang-ky-quan-ly-cu-tru/dang-ky-tam-tru.md");
    assert!(
        wrong.contains("  - \"channels\"")
            && wrong.contains("data.executionMethods[0].fees[0].value"),
        "{wrong}"
    );
    assert!(wrong.contains("Luật Cư trú"), "the rest is read: {wrong}");
    // no temporary or half files
    let all = crate::util::files_below(&site.path("content"));
    assert!(
        all.iter().all(|p| !p.to_string_lossy().ends_with(".tmp")),
        "{all:?}"
    );
    let fr = site.read("content/dang-ky-quan-ly-cu-tru/thoi-han-le.md");
    for gap in [
        "channels[0].time",
        "channels[1].time",
        "channels[1].fee",
        "agency",
    ] {
        assert!(fr.contains(&format!("  - \"{gap}\"")), "{gap} in {fr}");
    }
    assert!(
        fr.contains("0,5 ngày làm việc") && fr.contains("Trong ngày"),
        "{fr}"
    );
    let nfd_text = site.read("content/dang-ky-quan-ly-cu-tru/dang-ky-tam-tru-nfd.md");
    assert!(nfd_text.contains("Đăng ký tạm trú NFD"), "NFC: {nfd_text}");

    let c = check(&site);
    let report: Value = serde_json::from_str(&c.stdout).expect("json");
    assert_eq!(report["errors"], 0, "{}", c.stdout);
    let b = site.build(&["--no-print"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    for f in crate::util::files_below(&site.path("public")) {
        if f.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(site.path("public").join(&f)).expect("html");
            for bad in [
                "<script>alert",
                "href=\"javascript:",
                "src=\"data:",
                "<img src=x",
                "<a href=\"javascript",
            ] {
                assert!(!html.contains(bad), "{bad} in {}", f.display());
            }
        }
    }
}

// ── A local portal ───────────────────────────────────────────────────────

/// Serves on 127.0.0.1 as the portal does. The first path segment picks
/// the behaviour: `/ok/…` answers 201 with the envelope, `/firewall/…`
/// the firewall's HTML page, `/slow/…` after 5 s, `/bad/…` malformed
/// JSON; an unknown record id is a 404.
fn portal() -> (u16, std::thread::JoinHandle<()>) {
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr").port())
                .expect("send port");
            let app = axum::Router::new().fallback(answer);
            let _ = axum::serve(listener, app).await;
        });
    });
    (
        rx.recv_timeout(Duration::from_secs(10)).expect("port"),
        handle,
    )
}

async fn answer(
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
    body: String,
) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse as _;
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mode = uri
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("")
        .to_string();
    let html = (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<!DOCTYPE html><html><body><h1>Request Rejected</h1>The requested URL was rejected.</body></html>",
    )
        .into_response();
    // the real firewall turns away a missing or short User-Agent
    if mode == "firewall" || !ua.starts_with("camnang/") {
        return html;
    }
    // an address moved, and a server failing with an HTML error page
    if mode == "moved" {
        let to = uri.path().replacen("/moved/", "/ok/", 1);
        return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)], "").into_response();
    }
    if mode == "broken" {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h1>500 Internal Server Error</h1></body></html>",
        )
            .into_response();
    }
    if mode == "slow" {
        let _ = tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_secs(5))).await;
    }
    if mode == "bad" {
        return (
            StatusCode::CREATED,
            [(header::CONTENT_TYPE, "application/json")],
            "{\"code\":\"OK\",\"data\":{\"id\":",
        )
            .into_response();
    }
    // (`bom`: every answer starts with a byte-order mark, as some
    // gateways send it)
    let bom = if mode == "bom" { "\u{feff}" } else { "" };
    let json_answer = |status: StatusCode, v: Value| {
        (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            format!("{bom}{v}"),
        )
            .into_response()
    };
    // the portal's own no, in its envelope: with a 401, and with a 201 as
    // the portal answers everything
    let no = |code: &str, message: &str| json!({"code": code, "message": message, "data": null});
    if mode == "refused" {
        return json_answer(
            StatusCode::UNAUTHORIZED,
            no("UNAUTHORIZED", "Phiên đăng nhập hết hạn"),
        );
    }
    if mode == "said-no" {
        return json_answer(
            StatusCode::CREATED,
            no("FORBIDDEN", "Không có quyền truy cập"),
        );
    }
    // the API moved: its framework's own 404 for an address it has not
    if mode == "gone-api" {
        return json_answer(
            StatusCode::NOT_FOUND,
            json!({"statusCode": 404, "message": format!("Cannot POST {}", uri.path()), "error": "Not Found"}),
        );
    }
    // an envelope with no record in it
    if mode == "empty" {
        return json_answer(StatusCode::CREATED, no("OK", "OK"));
    }
    let asked: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    if uri
        .path()
        .ends_with("/list-all-public-formality-by-citizen")
    {
        let items: Vec<Value> = [("1.004194", TAM_TRU), ("1.001193", KHAI_SINH)]
            .iter()
            .map(|(code, id)| {
                let d = &record(code)["data"];
                json!({"id": id, "name": d["name"], "code": code, "codeNotation": code, "type": "STANDARD", "state": "UPDATED"})
            })
            .filter(|i| {
                let q = asked["q"].as_str().unwrap_or("");
                q.is_empty() || i["code"] == q || i["name"].as_str().unwrap_or("").contains(q)
            })
            .collect();
        if mode == "twins" {
            // one code published twice: for the province first, then for
            // communes (the record camnang has), on one page
            let mut province = items[0].clone();
            province["id"] = json!("019d2bf7-770b-734d-b7fb-00000000abcd");
            province["name"] = json!("Đăng ký tạm trú (cấp tỉnh)");
            province["isWard"] = json!(false);
            let mut commune = items[0].clone();
            commune["isWard"] = json!(true);
            return json_answer(
                StatusCode::CREATED,
                json!({"code": "OK", "message": "OK", "data": {"items": [province, commune], "lastId": null, "total": 2}}),
            );
        }
        let total = items.len();
        // two pages: one item each, the cursor in lastId
        let (page, last) = match asked["lastId"].as_str() {
            None => (items.into_iter().take(1).collect::<Vec<_>>(), Some("c1")),
            Some(_) => (items.into_iter().skip(1).collect(), None),
        };
        return json_answer(
            StatusCode::CREATED,
            json!({"code": "OK", "message": "OK", "data": {"items": page, "lastId": last, "total": total}}),
        );
    }
    // (`unsaid`: records that do not say whether communes do them)
    let record = |code: &str| {
        let mut r = record(code);
        if mode == "unsaid"
            && let Some(d) = r["data"].as_object_mut()
        {
            d.remove("isWard");
        }
        r
    };
    match asked["id"].as_str() {
        Some(TAM_TRU) => json_answer(StatusCode::CREATED, record("1.004194")),
        Some(KHAI_SINH) => json_answer(StatusCode::CREATED, record("1.001193")),
        _ => json_answer(
            StatusCode::NOT_FOUND,
            json!({"code": "NOT_FOUND", "message": "Không tìm thấy", "data": null}),
        ),
    }
}

fn base(port: u16, mode: &str) -> String {
    format!("http://127.0.0.1:{port}/{mode}/api/v1")
}

#[test]
fn from_the_portal_politely_and_with_clear_failures() {
    let (port, _server) = portal();
    let site = empty_site();
    // --code: the catalogue finds the id, the detail comes with its envelope
    let run = import(
        &site,
        &["--portal", &base(port, "ok"), "--code", "1.004194"],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        site.path("content/dang-ky-quan-ly-cu-tru/dang-ky-tam-tru.md")
            .is_file()
    );
    // one code, two records: the commune's is taken, the other named (the
    // first the portal listed was taken, whichever it was)
    let twins = empty_site();
    let run = import(
        &twins,
        &["--portal", &base(port, "twins"), "--code", "1.004194"],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("W103") && run.stderr.contains("019d2bf7-770b-734d-b7fb-00000000abcd"),
        "{}",
        run.stderr
    );
    let got = twins.read("content/dang-ky-quan-ly-cu-tru/dang-ky-tam-tru.md");
    assert!(got.contains(TAM_TRU), "{got}");

    // a --portal that is no web address: said at once, exit 2
    for bad in ["not a url", "ftp://127.0.0.1/x"] {
        let run = import(&site, &["--portal", bad, "--code", "1.004194"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("E113") && !run.stderr.contains("E106"),
            "{}",
            run.stderr
        );
    }

    // --list: both pages of the catalogue
    let list = import(&site, &["--portal", &base(port, "ok"), "--list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(
        list.stdout.contains("1.004194") && list.stdout.contains("1.001193"),
        "{}",
        list.stdout
    );
    let list = import(
        &site,
        &[
            "--portal",
            &base(port, "ok"),
            "--list",
            "--commune-level",
            "khai sinh",
        ],
    );
    assert!(
        list.stdout.contains("1.001193") && !list.stdout.contains("1.004194"),
        "{}",
        list.stdout
    );

    // --all --commune-level: the one not imported yet is made, the other said
    let all = import(
        &site,
        &["--portal", &base(port, "ok"), "--all", "--commune-level"],
    );
    assert_eq!(all.code, 0, "{}\n{}", all.stdout, all.stderr);
    assert!(all.stdout.contains("1 tệp mới, 1 đã có"), "{}", all.stdout);
    // records that do not say whether communes do them are imported (they
    // were left out without a word)
    let unsaid = empty_site();
    let all = import(
        &unsaid,
        &[
            "--portal",
            &base(port, "unsaid"),
            "--all",
            "--commune-level",
        ],
    );
    assert_eq!(all.code, 0, "{}\n{}", all.stdout, all.stderr);
    assert!(all.stdout.contains("2 tệp mới"), "{}", all.stdout);

    // an id pasted in capitals is the portal's own (small letters): the
    // record already imported is found, no false "may have been repealed"
    let caps = import(
        &site,
        &[
            "--portal",
            &base(port, "ok"),
            "--portal-id",
            "019D2BFD-3FE0-70AC-B9D6-5E9E20D6EEF7",
        ],
    );
    assert_eq!(caps.code, 0, "{}\n{}", caps.stdout, caps.stderr);
    assert!(
        caps.stdout.contains("1 đã có") && !caps.stderr.contains("E108"),
        "{}\n{}",
        caps.stdout,
        caps.stderr
    );
    // the procedure's page on the portal, pasted whole: its id is taken
    let page = import(
        &site,
        &[
            "--portal",
            &base(port, "ok"),
            "--portal-id",
            "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019D2BFD-3FE0-70AC-B9D6-5E9E20D6EEF7?utm_source=zalo#top",
        ],
    );
    assert_eq!(page.code, 0, "{}\n{}", page.stdout, page.stderr);
    assert!(page.stdout.contains("1 đã có"), "{}", page.stdout);
    // a procedure code given as a record id: told so, not "repealed"
    let code = import(
        &site,
        &["--portal", &base(port, "ok"), "--portal-id", "1.004194"],
    );
    assert_eq!(code.code, 1, "{}\n{}", code.stdout, code.stderr);
    assert!(
        code.stderr.contains("E158")
            && code.stderr.contains("--code")
            && !code.stderr.contains("E108"),
        "{}",
        code.stderr
    );

    let fails = |mode: &str, extra: &[&str], code: &str| {
        let mut args = vec![
            "--portal".to_string(),
            base(port, mode),
            "--portal-id".into(),
            "019d2bf7-770b-734d-b7fb-0000000000ff".into(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = import(&site, &args);
        no_panic(&r);
        assert_eq!(r.code, 1, "{mode}: {}\n{}", r.stdout, r.stderr);
        assert!(
            r.stderr.contains(code),
            "{mode}: want {code}:\n{}",
            r.stderr
        );
        r
    };
    fails("ok", &[], "E108"); // gone: 404
    // no record in the envelope: gone too, named by the portal asked (it
    // was E102 "not a procedure" at an address made up from the default)
    let empty = fails("empty", &[], "E108");
    assert!(!empty.stderr.contains("E102"), "{}", empty.stderr);
    // the API's address answering 404 is no procedure repealed (every
    // guide of --diff was told as one): E150, for a record and a list
    let api = fails("gone-api", &[], "E150");
    assert!(!api.stderr.contains("E108"), "{}", api.stderr);
    let list = import(
        &site,
        &["--portal", &base(port, "gone-api"), "--list", "tạm trú"],
    );
    assert!(
        list.code == 1 && list.stderr.contains("E150") && !list.stderr.contains("E108"),
        "{}",
        list.stderr
    );
    // the portal's own no is told in its words (it was told as a record
    // that is gone)
    let no = fails("refused", &[], "E114");
    assert!(
        no.stderr.contains("UNAUTHORIZED") && no.stderr.contains("Phiên đăng nhập hết hạn"),
        "{}",
        no.stderr
    );
    let no = fails("said-no", &[], "E114");
    assert!(
        no.stderr.contains("FORBIDDEN") && !no.stderr.contains("E108"),
        "{}",
        no.stderr
    );
    let fw = fails("firewall", &[], "E107");
    assert!(fw.stderr.contains("tường lửa"), "{}", fw.stderr);
    // a redirect is told as one, with where it leads (followed, the POST
    // became a GET whose 404 was told as a procedure abolished, E108)
    let moved = fails("moved", &[], "E149");
    assert!(moved.stderr.contains("/ok/"), "{}", moved.stderr);
    assert!(!moved.stderr.contains("E108"), "{}", moved.stderr);
    // a 500 with an HTML page is a server failing, asked again (it was
    // told at once as the firewall, E107)
    let broken = fails("broken", &[], "E110");
    assert!(!broken.stderr.contains("E107"), "{}", broken.stderr);
    // an answer cut short: in Vietnamese, without serde_json's words
    let bad = fails("bad", &[], "E109");
    assert!(
        bad.stderr.contains("kết thúc giữa chừng") && !bad.stderr.contains("EOF"),
        "{}",
        bad.stderr
    );
    assert!(!bad.stderr.contains("portal-format.md"), "{}", bad.stderr);
    // an answer with a byte-order mark is read as any other
    let marked = empty_site();
    let run = import(
        &marked,
        &["--portal", &base(port, "bom"), "--code", "1.004194"],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        marked
            .path("content/dang-ky-quan-ly-cu-tru/dang-ky-tam-tru.md")
            .is_file()
    );
    let slow = fails("slow", &["--timeout", "1"], "E111");
    assert!(
        slow.stderr.contains("W100"),
        "retries are announced: {}",
        slow.stderr
    );
    // nothing listens on port 1: offline
    let mut args = vec![
        "--portal",
        "http://127.0.0.1:1/api/v1",
        "--code",
        "1.004194",
    ];
    args.push("--lang");
    args.push("en");
    let off = import(&site, &args);
    assert_eq!(off.code, 1);
    assert!(
        off.stderr.contains("E106") && off.stderr.contains("offline"),
        "{}",
        off.stderr
    );
    // no half files from all that
    let all = crate::util::files_below(&site.path("content"));
    assert!(
        all.iter().all(|p| !p.to_string_lossy().ends_with(".tmp")),
        "{all:?}"
    );
}

/// A site with 1.004194 imported from a saved record; the folder of saved
/// records, and the guide's file.
fn imported_residence() -> (TestSite, tempfile::TempDir, &'static str) {
    let site = empty_site();
    let inbox = tempfile::tempdir().expect("temp");
    let first = inbox.path().join("first.json");
    std::fs::write(&first, record("1.004194").to_string()).expect("write");
    let run = import(&site, &[first.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (
        site,
        inbox,
        "content/dang-ky-quan-ly-cu-tru/dang-ky-tam-tru.md",
    )
}

#[test]
fn an_update_takes_the_portal_changes_and_keeps_the_clerks_edits() {
    let (site, inbox, rel) = imported_residence();

    // the clerk writes a summary, rewrites the steps, adds keywords and
    // shortens the agency
    let text = site
        .read(rel)
        .replace("summary: \"Đăng ký tạm trú\"", "summary: \"Khai báo nơi ở khi bạn ở ngoài nơi thường trú từ 30 ngày.\"\nkeywords: [KT3]")
        .replace("agency: \"Công an cấp Xã\"", "agency: \"Công an xã Thử Nghiệm\"")
        .replace("1. Cá nhân, tổ chức chuẩn bị hồ sơ theo quy định của pháp luật.", "1. Mở ứng dụng VNeID và chọn Thủ tục hành chính.");
    site.write(rel, &text);

    // the portal raises the online fee and changes the agency
    let changed = with("1.004194", |d| {
        d["executionMethods"][0]["fees"][0]["value"] = json!(8000);
        d["departmentsExecuting"][0]["name"] = json!("Công an xã, phường");
        d["updatedAt"] = json!(1_790_000_000_000_i64);
    });
    let now = inbox.path().join("now.json");
    std::fs::write(&now, changed.to_string()).expect("write");

    let diff = import(&site, &["--diff", now.to_str().expect("utf-8")]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert!(
        diff.stdout.contains("«channels» đã đổi trên Cổng"),
        "{}",
        diff.stdout
    );
    assert!(diff.stdout.contains("Lệ phí 8.000 đồng"), "{}", diff.stdout);
    assert_eq!(site.read(rel), text, "--diff writes nothing");

    let up = import(&site, &["--update", now.to_str().expect("utf-8")]);
    assert_eq!(up.code, 0, "{}\n{}", up.stdout, up.stderr);
    let after = site.read(rel);
    assert!(
        after.contains("Lệ phí 8.000 đồng"),
        "the portal's new fee: {after}"
    );
    assert!(!after.contains("Lệ phí 7.000 đồng"), "{after}");
    assert!(
        after.contains("Khai báo nơi ở khi bạn ở ngoài nơi thường trú từ 30 ngày."),
        "summary kept"
    );
    assert!(
        after.contains("1. Mở ứng dụng VNeID"),
        "steps kept: {after}"
    );
    assert!(after.contains("\"KT3\""), "keywords kept");
    assert!(
        after.contains("agency: \"Công an xã Thử Nghiệm\""),
        "clerk's agency kept"
    );
    assert!(
        up.stdout.contains("W102") && up.stdout.contains("agency"),
        "{}",
        up.stdout
    );
    assert!(
        after.contains("  - \"channels\""),
        "the change is to be checked: {after}"
    );
    // the portal's change the clerk's text was kept against stays in
    // sight (the record saved is the new one: --diff no longer shows it)
    assert!(
        after.contains("  - \"agency\"   # Cổng đã đổi mục này thành «Công an xã, phường»"),
        "{after}"
    );
    // the notes of the entries kept stay with them
    assert!(
        after.contains("  - \"summary\"   # Cổng không có phần mô tả"),
        "{after}"
    );
    assert!(after.contains("id: dktt"), "same id");
    let c = check(&site);
    let report: Value = serde_json::from_str(&c.stdout).expect("json");
    assert_eq!(report["errors"], 0, "{}", c.stdout);

    // the portal now writes the legal basis in a shape camnang cannot
    // read: the file's legal basis stays (taken, it would be emptied)
    let odd = with("1.004194", |d| {
        d["executionMethods"][0]["fees"][0]["value"] = json!(8000);
        d["departmentsExecuting"][0]["name"] = json!("Công an xã, phường");
        d["legalBasisesDetails"] = json!(7);
    });
    std::fs::write(&now, odd.to_string()).expect("write");
    let up = import(&site, &["--update", now.to_str().expect("utf-8")]);
    assert_eq!(up.code, 0, "{}\n{}", up.stdout, up.stderr);
    let kept = site.read(rel);
    assert!(kept.contains("Luật Cư trú"), "legal basis kept: {kept}");
    assert!(
        up.stdout.contains("data.legalBasisesDetails"),
        "{}",
        up.stdout
    );

    // a record no guide came from: told, not passed over in silence
    let other = inbox.path().join("other.json");
    std::fs::write(&other, record("1.001193").to_string()).expect("write");
    for flag in ["--diff", "--update"] {
        let run = import(&site, &[flag, other.to_str().expect("utf-8")]);
        assert_eq!(run.code, 1, "{flag}: {}\n{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("lỗi[E115]"), "{}", run.stderr);
        assert!(run.stderr.contains("camnang import "), "{}", run.stderr);
    }
    // its procedure in a guide written by hand: `camnang import` would
    // refuse it too, so the hint names the guide (it sent the clerk round)
    site.write(
        "content/cu-tru/viet-tay.md",
        &crate::util::procedure("Đăng ký khai sinh", "ks01").replace("1.004194", "1.001193"),
    );
    let run = import(&site, &["--diff", other.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("lỗi[E157]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/cu-tru/viet-tay.md"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(site.path("content/cu-tru/viet-tay.md")).expect("remove");
    // a guide the clerk broke: its mistake at its file and line, and the
    // file left as it is
    let broken = kept.replace("agency: \"Công an xã Thử Nghiệm\"", "agency: \"Công an xã");
    site.write(rel, &broken);
    let up = import(&site, &["--update", now.to_str().expect("utf-8")]);
    assert_eq!(up.code, 1, "{}\n{}", up.stdout, up.stderr);
    assert!(up.stderr.contains("lỗi[E006]"), "{}", up.stderr);
    assert!(
        up.stderr.contains(&format!("--> {rel}:")),
        "placed: {}",
        up.stderr
    );
    assert_eq!(site.read(rel), broken, "nothing written");
}

/// A way the portal no longer lists takes the file's `draft:` entries of
/// it along: the update wrote `channels[1].fee` for a file of one way,
/// which `check` refused (E017) and the build with it.
/// The clerk rewrote one way's time; the portal changed the other way's
/// fee: the note of the field kept says what changed (it showed the
/// field's first 120 characters, the first way's, as if nothing had).
#[test]
fn a_kept_field_notes_what_the_portal_changed_in_it() {
    let (site, inbox, rel) = imported_residence();
    let text = site.read(rel).replacen(
        "    time: \"03 ngày làm việc\"",
        "    time: \"3 ngày làm việc (thường xong sớm hơn)\"",
        1,
    );
    site.write(rel, &text);
    let changed = with("1.004194", |d| {
        d["executionMethods"][1]["fees"][1]["value"] = json!(20000);
        d["updatedAt"] = json!(1_790_000_000_000_i64);
    });
    let now = inbox.path().join("now.json");
    std::fs::write(&now, changed.to_string()).expect("write");
    let up = import(&site, &["--update", now.to_str().expect("utf-8")]);
    assert_eq!(up.code, 0, "{}\n{}", up.stdout, up.stderr);
    assert!(up.stdout.contains("W102"), "{}", up.stdout);
    // nothing was taken: no empty "updated from the portal:" line
    assert!(!up.stdout.contains("đã cập nhật từ Cổng"), "{}", up.stdout);
    let after = site.read(rel);
    let note = after
        .lines()
        .find(|l| l.starts_with("  - \"channels\"   # "))
        .unwrap_or_else(|| panic!("a note on channels: {after}"));
    assert!(note.contains("20.000"), "{note}");
    assert!(
        after.contains("3 ngày làm việc (thường xong sớm hơn)"),
        "{after}"
    );
}

/// The portal changes only what the body is written from (where to
/// submit, the conditions): `--diff` said "nothing changed", and the
/// guide kept sending residents to the old office.
#[test]
fn a_change_to_what_the_body_is_written_from_is_shown_and_kept_in_sight() {
    let (site, inbox, rel) = imported_residence();
    let changed = with("1.004194", |d| {
        d["executionMethods"][1]["description"] =
            json!("- Nộp hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công cấp tỉnh.");
        d["requirementsAndConditions"] = json!("Người đăng ký phải đã ở đủ 30 ngày.");
        d["updatedAt"] = json!(1_790_000_000_000_i64);
    });
    let now = inbox.path().join("now.json");
    std::fs::write(&now, changed.to_string()).expect("write");
    let diff = import(&site, &["--diff", now.to_str().expect("utf-8")]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert!(!diff.stdout.contains("không có gì đổi"), "{}", diff.stdout);
    assert!(
        diff.stdout.contains("Trung tâm Phục vụ hành chính công"),
        "{}",
        diff.stdout
    );
    let before = site.read(rel);
    let up = import(&site, &["--update", now.to_str().expect("utf-8")]);
    assert_eq!(up.code, 0, "{}\n{}", up.stdout, up.stderr);
    let after = site.read(rel);
    // the body stays the clerk's; the change waits in draft: with its words
    let note = after
        .lines()
        .find(|l| l.starts_with("  - \"body\"   # "))
        .unwrap_or_else(|| panic!("a note on the body: {after}"));
    assert!(
        note.contains("Trung tâm Phục vụ hành chính công") || note.contains("30 ngày"),
        "{note}"
    );
    assert_eq!(
        after.split("\n---\n").nth(1),
        before.split("\n---\n").nth(1),
        "the body is the clerk's"
    );
    let c = check(&site);
    let report: Value = serde_json::from_str(&c.stdout).expect("json");
    assert_eq!(report["errors"], 0, "{}", c.stdout);
}

#[test]
fn an_update_that_drops_a_way_leaves_a_file_that_checks() {
    let (site, inbox, rel) = imported_residence();
    // the clerk notes to ask about the second way's fee
    let text = site.read(rel).replace(
        "draft:                # cần kiểm tra: đối chiếu từng mục rồi xoá dòng của nó\n",
        "draft:                # cần kiểm tra: đối chiếu từng mục rồi xoá dòng của nó\n  - \"channels[1].fee\"   # hỏi lại bộ phận một cửa\n",
    );
    assert_ne!(text, site.read(rel));
    site.write(rel, &text);
    let changed = with("1.004194", |d| {
        if let Some(ways) = d["executionMethods"].as_array_mut() {
            ways.truncate(1);
        }
    });
    let now = inbox.path().join("now.json");
    std::fs::write(&now, changed.to_string()).expect("write");
    let up = import(&site, &["--update", now.to_str().expect("utf-8")]);
    assert_eq!(up.code, 0, "{}\n{}", up.stdout, up.stderr);
    let after = site.read(rel);
    assert!(!after.contains("channels[1]"), "{after}");
    assert!(!after.contains("way: truc-tiep"), "{after}");
    let c = check(&site);
    let report: Value = serde_json::from_str(&c.stdout).expect("json");
    assert_eq!(report["errors"], 0, "{}", c.stdout);
}

/// A poster of an imported procedure whose facts are still to check says
/// so, in print: nothing unchecked looks like a checked fact on the wall.
#[test]
fn posters_of_drafts_say_their_facts_are_being_checked_needs_poppler() {
    if !crate::util::Needs::default()
        .tool("pdftotext", &["-v"])
        .met()
    {
        return;
    }
    let site = empty_site();
    let dir = portal_dir();
    let run = import(&site, &[dir.to_str().expect("utf-8 path")]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let file = site.read("content/dang-ky-quan-ly-cu-tru/dang-ky-tam-tru.md");
    let id = file
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .expect("an id")
        .trim()
        .to_string();
    site.write(
        "content/dang-ky-quan-ly-cu-tru/da-kiem-tra.md",
        &crate::util::procedure("Một thủ tục đã kiểm tra", "zz01"),
    );
    let b = site.build(&[]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let text = |rel: &str| {
        let out = std::process::Command::new("pdftotext")
            .arg(site.path(rel))
            .arg("-")
            .output()
            .expect("pdftotext runs");
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let poster = text(&format!("public/in-an/ap-phich-a4/{id}.pdf"));
    assert!(
        poster.contains("đang chờ cán bộ xã kiểm tra lại"),
        "{poster}"
    );
    let flyer = text(&format!("public/in-an/to-roi-2a5/{id}.pdf"));
    assert!(flyer.contains("đang chờ cán bộ xã kiểm tra lại"), "{flyer}");
    // a checked procedure's poster does not
    let checked = text("public/in-an/ap-phich-a4/zz01.pdf");
    assert!(checked.contains("Mã thật"), "{checked}");
    assert!(!checked.contains("kiểm tra lại"), "{checked}");
}

/// A record of a procedure the site already has, written by hand before
/// the import (its `code:` the record's): told, and no second copy in
/// another category.
#[test]
fn a_procedure_the_site_has_by_hand_is_not_imported_twice() {
    let site = empty_site();
    site.write("content/cu-tru/_index.md", "---\ntitle: Cư trú\n---\n");
    site.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &crate::util::procedure("Đăng ký tạm trú", "tt01"),
    );
    let record = portal_dir().join("1.004194.json");
    let run = import(&site, &[record.to_str().expect("utf-8 path")]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("1.004194") && run.stdout.contains("content/cu-tru/dang-ky-tam-tru.md"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("0 tệp mới, 1 đã có"), "{}", run.stdout);
    assert_eq!(md_files(&site).len(), 2, "{:?}", md_files(&site));
    // a province's record of it, its code with the place after it: the
    // same procedure (a second "Đăng ký tạm trú" was written)
    let text = std::fs::read_to_string(&record).expect("record");
    let province = text.replacen("\"1.004194\"", "\"1.004194.000.00.00.H12\"", 1);
    assert_ne!(text, province);
    site.write("province.json", &province);
    let run = import(
        &site,
        &[site.path("province.json").to_str().expect("utf-8 path")],
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("0 tệp mới, 1 đã có"), "{}", run.stdout);
    assert_eq!(md_files(&site).len(), 2, "{:?}", md_files(&site));
}

/// A guide deleted (or moved out) and imported again takes back the short
/// link printed for it: a new id left the old one in `qr-lock.yaml`
/// pointing nowhere, and every build stopped (E060).
#[test]
fn a_guide_imported_again_keeps_the_code_printed_for_it() {
    let build = |site: &TestSite| {
        let mut c = camnang();
        c.args(["build", "--no-print", "--root"]).arg(site.root());
        Run::of(c)
    };
    let id_of = |run: &Run| {
        run.stdout
            .split("mã QR: ")
            .nth(1)
            .and_then(|r| r.split([')', ',']).next())
            .unwrap_or_default()
            .to_string()
    };
    let record = portal_dir().join("1.004194.json");
    let record = record.to_str().expect("utf-8 path");

    // imported, built (its code locked), deleted, imported again
    let site = empty_site();
    let first = import(&site, &[record]);
    assert_eq!(first.code, 0, "{}\n{}", first.stdout, first.stderr);
    let id = id_of(&first);
    assert!(!id.is_empty(), "{}", first.stdout);
    assert_eq!(build(&site).code, 0);
    let file = md_files(&site)
        .into_iter()
        .find(|f| !f.ends_with("_index.md"))
        .expect("the guide");
    std::fs::remove_file(site.path(&file)).expect("delete the guide");
    let again = import(&site, &[record]);
    assert_eq!(again.code, 0, "{}\n{}", again.stdout, again.stderr);
    assert_eq!(id_of(&again), id, "{}", again.stdout);
    let built = build(&site);
    assert_eq!(built.code, 0, "{}", built.stderr);

    // written by hand as tt01 and printed, moved out of content/, then
    // imported: the guide (in the portal's category) takes tt01 back
    let site = empty_site();
    site.write("content/cu-tru/_index.md", "---\ntitle: Cư trú\n---\n");
    site.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &crate::util::procedure("Đăng ký tạm trú", "tt01"),
    );
    assert_eq!(build(&site).code, 0);
    std::fs::remove_file(site.path("content/cu-tru/dang-ky-tam-tru.md")).expect("move out");
    let run = import(&site, &[record]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(id_of(&run), "tt01", "{}", run.stdout);
    let built = build(&site);
    assert_eq!(built.code, 0, "{}", built.stderr);
}

/// The portal's login page saved in place of a record, and a PowerShell
/// (UTF-16) JSON Lines file: the first is told as a web page (not as a
/// file cut short), the second read record by record.
#[test]
fn a_saved_web_page_is_named_and_utf16_json_lines_are_read() {
    let site = empty_site();
    let inbox = tempfile::tempdir().expect("temp");
    let page = inbox.path().join("1.004194.json");
    std::fs::write(
        &page,
        "\n<!DOCTYPE html><html><head><title>Đăng nhập</title></head><body>Phiên đăng nhập hết hạn</body></html>",
    )
    .expect("write");
    let run = import(&site, &[page.to_str().expect("utf-8")]);
    no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("E112") && !run.stderr.contains("E101"),
        "{}",
        run.stderr
    );
    // two records a line, in UTF-16 with its byte order mark and CRLF
    let text = format!("{}\r\n{}\r\n", record("1.004194"), record("1.001193"));
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let jsonl = inbox.path().join("crawl.jsonl");
    std::fs::write(&jsonl, bytes).expect("write");
    let run = import(&site, &[jsonl.to_str().expect("utf-8")]);
    no_panic(&run);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("2 tệp mới"), "{}", run.stdout);
}

/// A record saved through a program that used another code page: saved
/// as Windows' "ANSI" (not UTF-8) it is told as such, not as a `\u`
/// written wrong; its UTF-8 read as Windows-1252 ("Thá»§ tá»¥c") it is put
/// back and named for a clerk to read again.
#[test]
fn records_saved_in_another_code_page_are_told_or_put_back() {
    let site = empty_site();
    let inbox = tempfile::tempdir().expect("temp");
    let ansi = inbox.path().join("ansi.json");
    // "Tài liệu" in Windows-1258
    std::fs::write(
        &ansi,
        b"{\"id\":\"019d2bf7-770b-734d-b7fb-000000000104\",\n\"name\":\"T\xe0i li\xea\xf5u\"}",
    )
    .expect("write");
    let run = import(&site, &[ansi.to_str().expect("utf-8")]);
    no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("lỗi[E116]"), "{}", run.stderr);
    assert!(run.stderr.contains("từ dòng 2"), "{}", run.stderr);
    assert!(!run.stderr.contains("E101"), "{}", run.stderr);
    assert!(md_files(&site).is_empty(), "nothing written");

    let garbled = with("1.004194", |d| {
        let name = d["name"].as_str().expect("name").to_string();
        let mangled: String = name
            .bytes()
            .map(|b| match b {
                // Windows-1252's letters for 0x80–0x9F where it has them
                0x91 => '‘',
                0x92 => '’',
                0x9d => '\u{9d}',
                b => char::from(b),
            })
            .collect();
        d["name"] = json!(mangled);
    });
    let moji = inbox.path().join("moji.json");
    std::fs::write(&moji, garbled.to_string()).expect("write");
    let run = import(&site, &[moji.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let files = md_files(&site);
    let guide = files
        .iter()
        .find(|f| f.ends_with("dang-ky-tam-tru.md"))
        .unwrap_or_else(|| panic!("the title's own file name: {files:?}"));
    let text = site.read(guide);
    assert!(text.contains("title: \"Đăng ký tạm trú\""), "{text}");
    assert!(text.contains("bị hỏng mã"), "named in draft: {text}");
}

/// What `check` would tell of a file just imported is told by the import
/// itself (a title another guide has, a character print cannot draw),
/// and Markdown in the portal's text does not reach a field as typed.
#[test]
fn what_check_would_tell_of_an_imported_file_is_told_at_once() {
    let site = empty_site();
    let inbox = tempfile::tempdir().expect("temp");
    let mut paths = Vec::new();
    for n in ["201", "202"] {
        let r = json!({
            "id": format!("019d2bf7-770b-734d-b7fb-000000000{n}"),
            "name": "Đăng ký tạm trú",
            "description": "Khai báo nơi ở mới 🏠 **ngay** [mẫu](https://dichvucong.gov.vn/ct01)."
        });
        let p = inbox.path().join(format!("{n}.json"));
        std::fs::write(&p, r.to_string()).expect("write");
        paths.push(p.to_string_lossy().into_owned());
    }
    let mut args = vec!["--category", "cu-tru"];
    args.extend(paths.iter().map(String::as_str));
    let run = import(&site, &args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("cảnh báo[W076]"), "{}", run.stderr);
    assert!(run.stderr.contains("cảnh báo[W082]"), "{}", run.stderr);
    let text = site.read("content/cu-tru/dang-ky-tam-tru.md");
    assert!(
        text.contains(
            "summary: \"Khai báo nơi ở mới 🏠 ngay mẫu (https://dichvucong.gov.vn/ct01).\""
        ),
        "{text}"
    );
    let c = check(&site);
    assert!(!c.stdout.contains("W094"), "{}", c.stdout);
}

/// A saved empty list (a search of the portal that found nothing) is told
/// with exit 1; it was "0 files made" and exit 0.
/// A crawl saved with the same record twice: written once, and the second
/// copy said to be the first's (it was "already imported: use --update").
#[test]
fn a_record_given_twice_in_one_run_is_written_once() {
    let site = empty_site();
    let inbox = tempfile::tempdir().expect("temp");
    let record: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(portal_dir().join("1.004194.json")).expect("record"),
    )
    .expect("json");
    let line = serde_json::to_string(&record).expect("one line");
    let crawl = inbox.path().join("crawl.jsonl");
    std::fs::write(&crawl, format!("{line}\n{line}\n")).expect("write");
    let run = import(&site, &[crawl.to_str().expect("utf-8")]);
    no_panic(&run);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("có hai lần trong các tệp đã cho") && !run.stdout.contains("--update"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 tệp mới, 0 đã có"), "{}", run.stdout);
    assert_eq!(md_files(&site).len(), 2, "{:?}", md_files(&site));
}

#[test]
fn an_empty_list_saved_is_told() {
    let site = empty_site();
    let inbox = tempfile::tempdir().expect("temp");
    let empty = inbox.path().join("ket-qua-tim.json");
    std::fs::write(&empty, "[]\n").expect("write");
    let run = import(&site, &[empty.to_str().expect("utf-8")]);
    no_panic(&run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("ket-qua-tim.json là một danh sách trống: không có thủ tục nào để nhập"),
        "{}",
        run.stderr
    );
    assert!(md_files(&site).is_empty());
    // an empty file (a download that never finished): said so, where it
    // was "the file ends part of the way"
    for (name, text) in [("trong.json", ""), ("cach.json", " \r\n\n")] {
        let file = inbox.path().join(name);
        std::fs::write(&file, text).expect("write");
        let run = import(&site, &[file.to_str().expect("utf-8")]);
        no_panic(&run);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("E159") && run.stderr.contains("trống: không có gì để nhập"),
            "{}",
            run.stderr
        );
    }
    assert!(md_files(&site).is_empty());
}
