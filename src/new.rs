//! `camnang new`: a new site (a copy of the sample with its own
//! `site.yaml` to fill in) or a new procedure file with every field and a
//! short Vietnamese note on each. Never overwrites a file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::files::Existing;
use crate::messages::{Lang, Msg};
use crate::text::slugify;

include!(concat!(env!("OUT_DIR"), "/sample.rs"));

/// `site.yaml` of a new site: valid as it is, to be filled in.
pub const NEW_SITE_YAML: &str = r#"# Cài đặt của trang: sửa các dòng dưới đây cho xã của bạn.
# (Site settings: fill these in for your commune.)
title: Cẩm nang thủ tục hành chính        # tên trang web
commune: Xã Mới                           # tên xã, phường: in trên mọi trang và áp phích
province: Tỉnh Mới                        # tên tỉnh (có thể bỏ dòng này)
base_url: https://xa.example.vn           # địa chỉ trang khi đưa lên mạng: mã QR dẫn về đây
language: vi                              # vi: tiếng Việt; en: tiếng Anh
notice: "Trang đang soạn: thông tin liên hệ và thủ tục là mẫu, hãy sửa trước khi in áp phích."
contact:
  phone: "0000 000 000"                   # số điện thoại hỗ trợ người dân
  zalo: "0000 000 000"                    # số Zalo (có thể bỏ dòng này)
  address: "Trụ sở UBND xã"               # địa chỉ bộ phận một cửa
  hours: "Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00"
  team: "Tổ công nghệ số cộng đồng"       # ai hỗ trợ tại nhà (có thể bỏ dòng này)
print:
  paper: A4                               # khổ áp phích: A4, A5 hoặc A3
  bleed_mm: 3                             # lề xén cho nhà in, tính bằng mm
  crop_marks: true                        # in dấu cắt
  qr_error_correction: Q                  # L, M, Q, H: cao hơn thì chịu bẩn, rách tốt hơn
  copies:                                 # số bản in, cho đơn đặt in (in-an/don-dat-in.pdf)
    posters: 2                            # mỗi áp phích: bảng tin và bộ phận một cửa
    board: 1                              # bảng niêm yết
    flyers_a6: 20                         # tờ rơi A6 mỗi thủ tục (4 tờ trên một tờ A4)
"#;

fn say(msg: &Msg, lang: Lang, ok: bool) -> ExitCode {
    if ok {
        println!("{}", msg.text(lang));
        ExitCode::SUCCESS
    } else {
        // (with its code, as every mistake is told: `lỗi[E152]: …`)
        let mut told = crate::diag::Diagnostics::default();
        told.push(crate::diag::Diagnostic::error(msg.clone()));
        eprint!("{}", told.render(lang));
        ExitCode::from(1)
    }
}

/// Writes a new site into `dir`, which must not exist or be empty.
pub fn new_site(dir: &Path) -> Result<Vec<PathBuf>, Msg> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(Msg::NewTargetExists {
            path: dir.to_path_buf(),
        });
    }
    let fail = |e: std::io::Error| Msg::WriteFailed {
        detail: e.to_string(),
    };
    let mut written = Vec::new();
    std::fs::create_dir_all(dir).map_err(fail)?;
    std::fs::write(dir.join("site.yaml"), NEW_SITE_YAML).map_err(fail)?;
    written.push(dir.join("site.yaml"));
    for (rel, bytes) in SAMPLE_CONTENT {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        std::fs::write(&path, bytes).map_err(fail)?;
        written.push(path);
    }
    Ok(written)
}

/// `camnang new site DIR`.
pub fn run_new_site(dir: &Path, lang: Option<Lang>) -> ExitCode {
    let lang = lang.unwrap_or_default();
    match new_site(dir) {
        Ok(_) => say(
            &Msg::NewSiteDone {
                dir: dir.to_path_buf(),
            },
            lang,
            true,
        ),
        Err(m) => say(&m, lang, false),
    }
}

/// The ids a site has taken, read with one walk of `content/`.
pub struct TakenIds {
    /// Every id of a guide (translations too) or of `qr-lock.yaml`, read
    /// from the `id:` lines, so that even a site with mistakes gets a
    /// free id.
    pub used: BTreeSet<String>,
    /// Short links of `qr-lock.yaml` that no guide carries now and that
    /// were neither retired nor replaced: `(id, target, title)`. Their
    /// codes may be on posters; a guide made again for the same page or
    /// the same procedure takes its id back (see [`orphan_for`]).
    pub orphans: Vec<(String, String, String)>,
}

/// [`TakenIds`] of the site at `root`.
pub fn taken_ids(root: &Path) -> TakenIds {
    // (id, whether a translation carries it)
    let mut in_content: Vec<(String, bool)> = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
    {
        let translation = entry
            .path()
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| crate::load::translation_of(s).is_some());
        if let Some(text) = crate::load::source::read_text(entry.path()) {
            for line in text.lines() {
                if let Some(v) = line.strip_prefix("id:") {
                    // (`id: ghtt   # mã ngắn…`, as `new` writes it: the
                    // comment is not the id, which a second guide took)
                    let v = v.split(" #").next().unwrap_or(v);
                    let id = v.trim().trim_matches(['"', '\'']).to_string();
                    in_content.push((id, translation));
                }
            }
        }
    }
    let mut used: BTreeSet<String> = in_content.iter().map(|(id, _)| id.clone()).collect();
    // every entry of the lock, even one written so that it cannot be read
    if let Ok(lock) = std::fs::read_to_string(root.join(crate::load::lock::LOCK_FILE)) {
        for line in lock.lines() {
            if let Some(id) = line
                .strip_suffix(':')
                .filter(|l| !l.starts_with([' ', '#']))
            {
                used.insert(id.to_string());
            }
        }
    }
    // (a translation carries its original's id: one left behind when the
    // original was deleted does not hold the code)
    let (lock, _, _) = crate::load::lock::read_lock(root);
    let orphans = lock
        .entries
        .into_iter()
        .filter(|(id, e)| {
            !in_content
                .iter()
                .any(|(c, translation)| c == id && !translation)
                && e.retired.is_none()
                && e.replaced_by.is_none()
        })
        .map(|(id, e)| (id, e.target, e.title))
        .collect();
    TakenIds { used, orphans }
}

/// The orphaned short link (of [`TakenIds::orphans`]) a guide with page
/// `target` (`cu-tru/dang-ky-tam-tru/`) and `title` takes back: the one
/// whose page it was, else the one of the same title.
pub fn orphan_for(
    orphans: &[(String, String, String)],
    target: &str,
    title: &str,
) -> Option<usize> {
    let same = |a: &str, b: &str| crate::text::fold(a).trim() == crate::text::fold(b).trim();
    orphans
        .iter()
        .position(|(_, t, _)| t == target)
        .or_else(|| {
            orphans
                .iter()
                .position(|(_, _, t)| !t.is_empty() && same(t, title))
        })
}

pub use crate::model::free_id;

/// A new procedure file, every field present with a note on what to write.
pub fn procedure_template(title: &str, id: &str, today: &str) -> String {
    let title = crate::text::yaml_value(&crate::text::nfc(title));
    format!(
        r#"---
# Mỗi dòng "tên: giá trị" là một trường. Dòng bắt đầu bằng # là ghi chú, không hiện lên trang.
title: {title}                  # tên thủ tục, như trên Cổng Dịch vụ công
id: {id}                        # mã ngắn, in trong mã QR: đừng đổi sau khi đã in áp phích
code: ""                        # mã thủ tục trên Cổng Dịch vụ công, trong ngoặc kép, ví dụ "1.004194"
summary: Viết một câu cho biết thủ tục này để làm gì và ai cần làm.
agency: Ủy ban nhân dân xã      # cơ quan giải quyết, ví dụ: Công an xã
audience: Công dân Việt Nam     # ai làm thủ tục này
online:                         # làm trực tuyến ở đâu (xoá cả khối nếu chưa làm được)
  url: https://dichvucong.gov.vn/    # địa chỉ thủ tục, bắt đầu bằng https://
  level: mot-phan               # toan-trinh: làm hết trên mạng; mot-phan: có bước phải đến nơi
  apps: [dvc-quoc-gia]          # vneid, dvc-quoc-gia, dvc-bo-cong-an, dvc-tinh
channels:                       # mỗi cách nộp một mục: thời gian và lệ phí
  - way: truc-tuyen             # truc-tuyen, truc-tiep hoặc buu-chinh
    time: 03 ngày làm việc
    fee: Miễn phí
  - way: truc-tiep
    time: 03 ngày làm việc
    fee: Miễn phí
documents:                      # giấy tờ cần chuẩn bị, mỗi dòng một thứ
  - Tờ khai theo mẫu
  - Thẻ căn cước
result: Giấy tờ người dân nhận được khi xong thủ tục.
legal:                          # căn cứ pháp lý
  - Tên luật, nghị định, thông tư
keywords: []                    # từ khác người dân hay tìm, ví dụ [KT3, tạm trú]
updated: {today}                # ngày bạn kiểm tra lại thủ tục (năm-tháng-ngày)
draft:                          # những mục còn là chữ mẫu, ghi «cần kiểm tra» trên trang: ghi đúng rồi xoá dòng của mục đó
  - summary
  - online.url
  - channels                    # thời gian và lệ phí của mọi cách nộp
  - documents
  - result
  - legal
  - steps
---

## Các bước

1. Viết bước thứ nhất, bắt đầu bằng một động từ: Mở, Chọn, Điền, Nộp…
2. Viết bước thứ hai.
3. Viết bước thứ ba.

## Lưu ý

- Điều người dân hay hỏi, hoặc trường hợp đặc biệt.
"#
    )
}

/// `camnang new procedure TITLE --category CAT`.
pub fn run_new_procedure(
    root: &Path,
    title: &str,
    category: &str,
    category_title: Option<&str>,
    lang: Option<Lang>,
) -> ExitCode {
    let lang = lang.unwrap_or_else(|| crate::load::site_lang(root));
    match new_procedure(root, title, category, category_title, crate::check::today()) {
        Ok((file, id)) => say(&Msg::NewProcedureDone { file, id }, lang, true),
        Err(m) => say(&m, lang, false),
    }
}

/// Writes the procedure file; returns it (relative to the site) and its id.
pub fn new_procedure(
    root: &Path,
    title: &str,
    category: &str,
    category_title: Option<&str>,
    today: crate::text::Date,
) -> Result<(PathBuf, String), Msg> {
    if !root.join("site.yaml").is_file() {
        return Err(Msg::SiteYamlMissing { near: None });
    }
    let slug = slugify(title);
    let cat = slugify(category);
    if slug.is_empty() || cat.is_empty() {
        return Err(Msg::NewBadName {
            name: if slug.is_empty() { title } else { category }.to_string(),
        });
    }
    // (`content/files/` is there, and a guide written into it was
    // published as a raw download, never as a page)
    // (a language of the site, `site.en.yaml` beside `site.yaml`, takes
    // the folder of its pages, `/en/`)
    let owner = crate::model::routes::RESERVED
        .iter()
        .find(|(n, _)| *n == cat)
        .map(|(_, owner)| owner.to_string())
        .or_else(|| {
            root.join(format!("site.{cat}.yaml"))
                .is_file()
                .then(|| format!("/{cat}/"))
        });
    if let Some(owner) = owner {
        return Err(Msg::NewCategoryReserved {
            name: cat.clone(),
            owner,
        });
    }
    let fail = |e: std::io::Error| Msg::WriteFailed {
        detail: e.to_string(),
    };
    let dir = root.join("content").join(&cat);
    if !dir.is_dir() {
        let Some(cat_title) = category_title else {
            let existing: Vec<String> = std::fs::read_dir(root.join("content"))
                .map(|rd| {
                    let mut v: Vec<String> = rd
                        .flatten()
                        .filter(|e| e.path().join("_index.md").is_file())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect();
                    v.sort();
                    v
                })
                .unwrap_or_default();
            return Err(Msg::NewCategoryMissing {
                category: cat,
                existing,
            });
        };
        std::fs::create_dir_all(&dir).map_err(fail)?;
        let index = format!(
            "---\ntitle: {}\n---\n",
            crate::text::yaml_value(&crate::text::nfc(cat_title))
        );
        crate::files::write_text_file(&dir.join("_index.md"), index.as_bytes(), Existing::Keep)?;
    }
    let file = dir.join(format!("{slug}.md"));
    // a guide deleted and made again takes back the code printed for it
    let taken = taken_ids(root);
    let id = match orphan_for(&taken.orphans, &format!("{cat}/{slug}/"), title) {
        Some(i) => taken.orphans[i].0.clone(),
        None => free_id(&slug, &taken.used),
    };
    crate::files::write_text_file(
        &file,
        procedure_template(title, &id, &today.iso()).as_bytes(),
        Existing::Keep,
    )?;
    Ok((crate::load::rel(root, &file), id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_initials_and_never_taken() {
        let mut used = BTreeSet::new();
        assert_eq!(free_id("dang-ky-tam-tru", &used), "dktt");
        used.insert("dktt".to_string());
        assert_eq!(free_id("dang-ky-tam-tru", &used), "dktt2");
        used.insert("dktt2".to_string());
        assert_eq!(free_id("dang-ky-tam-tru", &used), "dktt3");
        assert!(crate::load::procedure::valid_id(&free_id(
            "a-b-c-d-e-f-g-h-i-j-k-l-m-n",
            &used
        )));
    }

    #[test]
    fn ids_written_with_a_comment_are_taken_and_reserved_folders_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("site.yaml"), "title: T\n").unwrap();
        std::fs::create_dir_all(root.join("content/cu-tru")).unwrap();
        std::fs::write(
            root.join("content/cu-tru/_index.md"),
            "---\ntitle: Cư trú\n---\n",
        )
        .unwrap();
        let today = crate::text::Date::parse("2026-11-30").unwrap();
        let (_, first) = new_procedure(root, "Gia hạn tạm trú", "cu-tru", None, today).unwrap();
        let (_, second) = new_procedure(root, "Giải hạn tạm trú", "cu-tru", None, today).unwrap();
        assert_eq!(first, "ghtt");
        assert_ne!(second, first, "the id line of the first carries a comment");
        for cat in ["files", "static", "q", "in-an", "kiosk", "api", "assets"] {
            let e = new_procedure(root, "Thủ tục", cat, Some("Biểu mẫu"), today).unwrap_err();
            assert!(matches!(e, Msg::NewCategoryReserved { .. }), "{cat}: {e:?}");
            assert!(!root.join("content").join(cat).join("thu-tuc.md").exists());
        }
    }

    #[test]
    fn the_sample_is_embedded() {
        assert!(SAMPLE_CONTENT.len() >= 12);
        assert!(
            SAMPLE_CONTENT
                .iter()
                .any(|(p, _)| *p == "content/cu-tru/dang-ky-tam-tru.md")
        );
    }
}
