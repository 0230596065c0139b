//! Preflight, as a print shop's checker does it: every print PDF of the
//! sample read with lopdf, every content stream interpreted, and checked
//! for colour (DeviceCMYK only: no RGB, no spot colour, no image in
//! another space), embedded fonts, text no smaller than 6 pt, nothing but
//! crop and cut marks outside the trim less a 3 mm safe margin, QR modules
//! of at least 0.5 mm and a clear quiet zone of four modules.

use std::path::Path;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

use crate::util::{files_below, sample_site};

/// Points per millimetre.
const MM: f64 = 72.0 / 25.4;

type Matrix = [f64; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// How much a matrix scales lengths.
fn scale(m: &Matrix) -> f64 {
    (m[0] * m[3] - m[1] * m[2]).abs().sqrt()
}

/// A box in page space (points, y up): x0, y0, x1, y1.
type Box4 = (f64, f64, f64, f64);

fn inside(b: Box4, area: Box4) -> bool {
    b.0 >= area.0 - 0.01 && b.1 >= area.1 - 0.01 && b.2 <= area.2 + 0.01 && b.3 <= area.3 + 0.01
}

fn overlaps(a: Box4, b: Box4) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn num(o: &Object) -> f64 {
    o.as_float().map(f64::from).unwrap_or(f64::NAN)
}

fn page_box(page: &Dictionary, key: &[u8]) -> Option<Box4> {
    let a = page.get(key).ok()?.as_array().ok()?;
    Some((num(&a[0]), num(&a[1]), num(&a[2]), num(&a[3])))
}

/// Glyph widths (in 1/1000 em) of a Type0 font, by glyph id.
struct Widths {
    default: f64,
    by_gid: std::collections::HashMap<u32, f64>,
}

fn widths(doc: &Document, font: &Dictionary) -> Widths {
    let mut out = Widths {
        default: 1000.0,
        by_gid: Default::default(),
    };
    let Some(cid) = font
        .get_deref(b"DescendantFonts", doc)
        .and_then(Object::as_array)
        .ok()
        .and_then(|a| a.first())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return out;
    };
    if let Ok(dw) = cid.get(b"DW") {
        out.default = num(dw);
    }
    if let Ok(w) = cid.get_deref(b"W", doc).and_then(Object::as_array) {
        let mut i = 0;
        while i + 1 < w.len() {
            let first = num(&w[i]) as u32;
            match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
                Ok(Object::Array(list)) => {
                    for (k, v) in list.iter().enumerate() {
                        out.by_gid.insert(first + k as u32, num(v));
                    }
                    i += 2;
                }
                _ if i + 2 < w.len() => {
                    let last = num(&w[i + 1]) as u32;
                    for g in first..=last {
                        out.by_gid.insert(g, num(&w[i + 2]));
                    }
                    i += 3;
                }
                _ => break,
            }
        }
    }
    out
}

/// Every name anywhere in an object, dictionaries and arrays walked.
fn names<'o>(o: &'o Object, out: &mut Vec<&'o [u8]>) {
    match o {
        Object::Name(n) => out.push(n),
        Object::Array(a) => a.iter().for_each(|x| names(x, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, v)| names(v, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, v)| names(v, out)),
        _ => {}
    }
}

/// What was painted on a page.
#[derive(Default)]
struct Painted {
    /// Text runs: box and effective size in points.
    text: Vec<(Box4, f64)>,
    /// Filled shapes that are not QR codes.
    fills: Vec<Box4>,
    /// Stroked lines: box, width, whether a straight two-point segment.
    strokes: Vec<(Box4, f64, bool)>,
    /// QR codes: box of the modules and module size, in points.
    qrs: Vec<(Box4, f64)>,
}

fn bbox(points: &[(f64, f64)]) -> Box4 {
    points
        .iter()
        .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, &(x, y)| {
            (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
        })
}

/// Interprets a page's content stream; colour problems go to `faults`.
fn paint(doc: &Document, page_id: lopdf::ObjectId, faults: &mut Vec<String>) -> Painted {
    let fonts: std::collections::BTreeMap<Vec<u8>, Widths> = doc
        .get_page_fonts(page_id)
        .unwrap_or_default()
        .into_iter()
        .map(|(k, f)| (k, widths(doc, f)))
        .collect();
    let bytes = doc.get_page_content(page_id);
    let content = Content::decode(&bytes).expect("a content stream lopdf can read");
    let mut out = Painted::default();
    let mut ctm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack = Vec::new();
    let mut line_w = 1.0;
    let (mut font, mut size) = (Vec::new(), 0.0);
    let mut tm: Matrix = ctm;
    let mut subpaths: Vec<Vec<(f64, f64)>> = Vec::new();
    for op in &content.operations {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" => stack.push((ctm, line_w)),
            "Q" => (ctm, line_w) = stack.pop().unwrap_or((ctm, line_w)),
            "cm" => {
                let m = [
                    num(&o[0]),
                    num(&o[1]),
                    num(&o[2]),
                    num(&o[3]),
                    num(&o[4]),
                    num(&o[5]),
                ];
                ctm = mul(&m, &ctm);
            }
            "w" => line_w = num(&o[0]),
            "rg" | "RG" | "g" | "G" => faults.push(format!("{} colour operator", op.operator)),
            "k" | "K" if o.len() != 4 => {
                faults.push(format!("{} with {} operands", op.operator, o.len()));
            }
            "cs" | "CS" => {
                let name = o.first().and_then(|n| n.as_name().ok()).unwrap_or(b"");
                if name != b"DeviceCMYK" {
                    faults.push(format!(
                        "colour space {} set",
                        String::from_utf8_lossy(name)
                    ));
                }
            }
            "sc" | "SC" | "scn" | "SCN"
                if o.len() != 4 || o.iter().any(|x| x.as_name().is_ok()) =>
            {
                faults.push(format!("{} not a CMYK colour", op.operator));
            }
            "sh" => faults.push("a shading".into()),
            "BI" | "ID" => faults.push("an inline image".into()),
            "BT" => tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            "Tf" => {
                font = o[0].as_name().map(<[u8]>::to_vec).unwrap_or_default();
                size = num(&o[1]);
            }
            "Tm" => {
                tm = [
                    num(&o[0]),
                    num(&o[1]),
                    num(&o[2]),
                    num(&o[3]),
                    num(&o[4]),
                    num(&o[5]),
                ]
            }
            "Td" | "TD" => tm = mul(&[1.0, 0.0, 0.0, 1.0, num(&o[0]), num(&o[1])], &tm),
            "Tj" | "TJ" => {
                let w = fonts.get(&font);
                let glyphs = |s: &[u8]| -> f64 {
                    s.chunks(2)
                        .map(|g| {
                            let gid = (u32::from(g[0]) << 8) | u32::from(*g.get(1).unwrap_or(&0));
                            w.map_or(600.0, |w| *w.by_gid.get(&gid).unwrap_or(&w.default))
                        })
                        .sum()
                };
                // in text space units of 1/1000 em
                let advance: f64 = match &o[0] {
                    Object::String(s, _) => glyphs(s),
                    Object::Array(parts) => parts
                        .iter()
                        .map(|p| match p {
                            Object::String(s, _) => glyphs(s),
                            other => -num(other),
                        })
                        .sum(),
                    _ => 0.0,
                };
                let m = mul(&tm, &ctm);
                let eff = size * scale(&m);
                let width = advance / 1000.0 * size;
                // glyph box in text space: descent to ascent, accents included
                let corners = [
                    apply(&m, 0.0, -0.25 * size),
                    apply(&m, width, -0.25 * size),
                    apply(&m, 0.0, 0.95 * size),
                    apply(&m, width, 0.95 * size),
                ];
                out.text.push((bbox(&corners), eff));
            }
            "m" => subpaths.push(vec![apply(&ctm, num(&o[0]), num(&o[1]))]),
            "l" => {
                let p = apply(&ctm, num(&o[0]), num(&o[1]));
                match subpaths.last_mut() {
                    Some(sp) => sp.push(p),
                    None => subpaths.push(vec![p]),
                }
            }
            "c" | "v" | "y" => {
                let k = o.len();
                let p = apply(&ctm, num(&o[k - 2]), num(&o[k - 1]));
                if let Some(sp) = subpaths.last_mut() {
                    sp.push(p);
                }
            }
            "re" => {
                let (x, y, w, h) = (num(&o[0]), num(&o[1]), num(&o[2]), num(&o[3]));
                subpaths.push(
                    [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                        .iter()
                        .map(|&(a, b)| apply(&ctm, a, b))
                        .collect(),
                );
            }
            "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                let all: Vec<(f64, f64)> = subpaths.iter().flatten().copied().collect();
                if subpaths.len() >= 30 {
                    // a QR code: one filled path of module runs
                    let module = subpaths
                        .iter()
                        .map(|sp| {
                            let b = bbox(sp);
                            (b.2 - b.0).min(b.3 - b.1)
                        })
                        .fold(f64::MAX, f64::min);
                    out.qrs.push((bbox(&all), module));
                } else if !all.is_empty() {
                    out.fills.push(bbox(&all));
                }
                subpaths.clear();
            }
            "S" | "s" => {
                let all: Vec<(f64, f64)> = subpaths.iter().flatten().copied().collect();
                let straight = subpaths.len() == 1 && all.len() == 2;
                if !all.is_empty() {
                    out.strokes
                        .push((bbox(&all), line_w * scale(&ctm), straight));
                }
                subpaths.clear();
            }
            "n" => subpaths.clear(),
            "Do" => faults.push("an XObject drawn (image or form)".into()),
            _ => {}
        }
    }
    out
}

/// Every defect a print shop's preflight would report in one PDF.
fn preflight(pdf: &Path) -> Vec<String> {
    let doc = Document::load(pdf).expect("lopdf reads the file");
    let mut faults = Vec::new();
    // colour spaces anywhere in the file: no RGB, no spot colour
    for (id, o) in &doc.objects {
        let mut found = Vec::new();
        names(o, &mut found);
        for n in found {
            if matches!(
                n,
                b"DeviceRGB" | b"CalRGB" | b"Separation" | b"DeviceN" | b"Lab" | b"Indexed"
            ) {
                faults.push(format!(
                    "object {id:?} names {}",
                    String::from_utf8_lossy(n)
                ));
            }
        }
        if let Ok(s) = o.as_stream() {
            if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image") {
                let cs = s
                    .dict
                    .get(b"ColorSpace")
                    .and_then(Object::as_name)
                    .unwrap_or(b"");
                if cs != b"DeviceCMYK" && cs != b"DeviceGray" {
                    faults.push(format!("image {id:?} in {}", String::from_utf8_lossy(cs)));
                }
            }
            if s.dict.get(b"N").and_then(Object::as_i64).ok() == Some(3) {
                faults.push(format!("ICC profile {id:?} with three components (RGB)"));
            }
        }
    }
    for (n, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).expect("a page");
        // fonts embedded
        for (name, font) in doc.get_page_fonts(page_id).unwrap_or_default() {
            let desc = font
                .get_deref(b"DescendantFonts", &doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok())
                .unwrap_or(font);
            let embedded = desc
                .get_deref(b"FontDescriptor", &doc)
                .and_then(Object::as_dict)
                .is_ok_and(|d| d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"));
            if !embedded {
                faults.push(format!(
                    "page {n}: font {} not embedded",
                    String::from_utf8_lossy(&name)
                ));
            }
        }
        let trim = page_box(page, b"TrimBox")
            .or_else(|| page_box(page, b"MediaBox"))
            .expect("a page box");
        let safe = (
            trim.0 + 3.0 * MM,
            trim.1 + 3.0 * MM,
            trim.2 - 3.0 * MM,
            trim.3 - 3.0 * MM,
        );
        let has_bleed = page_box(page, b"MediaBox").is_some_and(|m| m != trim);
        let p = paint(&doc, page_id, &mut faults);
        for (b, size) in &p.text {
            if *size < 6.0 - 1e-3 {
                faults.push(format!("page {n}: text at {size:.2} pt"));
            }
            if !inside(*b, safe) {
                faults.push(format!(
                    "page {n}: text {b:?} outside the safe area {safe:?}"
                ));
            }
        }
        for b in &p.fills {
            if !inside(*b, safe) {
                faults.push(format!("page {n}: a shape {b:?} outside the safe area"));
            }
        }
        for (b, w, straight) in &p.strokes {
            let mark = *straight
                && *w <= 0.5
                && !inside(*b, safe)
                && (b.2 - b.0).max(b.3 - b.1) <= 12.0 * MM;
            if !mark && !inside(*b, safe) {
                faults.push(format!("page {n}: a line {b:?} outside the safe area"));
            }
            // crop marks of a page with bleed stay off the trimmed paper
            if mark
                && has_bleed
                && overlaps(
                    *b,
                    (trim.0 + 0.01, trim.1 + 0.01, trim.2 - 0.01, trim.3 - 0.01),
                )
            {
                faults.push(format!("page {n}: a crop mark {b:?} on the trimmed paper"));
            }
        }
        for (q, module) in &p.qrs {
            if *module < 0.5 * MM - 1e-3 {
                faults.push(format!("page {n}: QR modules of {:.2} mm", module / MM));
            }
            if !inside(*q, safe) {
                faults.push(format!("page {n}: a QR code {q:?} outside the safe area"));
            }
            let quiet = 4.0 * module - 0.01;
            let zone = (q.0 - quiet, q.1 - quiet, q.2 + quiet, q.3 + quiet);
            let others = p
                .text
                .iter()
                .map(|t| t.0)
                .chain(p.fills.iter().copied())
                .chain(p.strokes.iter().map(|s| s.0))
                .chain(p.qrs.iter().map(|o| o.0).filter(|o| o != q));
            for b in others {
                if overlaps(b, zone) {
                    faults.push(format!(
                        "page {n}: {b:?} in the quiet zone of the QR code {q:?}"
                    ));
                }
            }
        }
        if p.qrs.is_empty() && p.text.is_empty() {
            faults.push(format!("page {n}: nothing drawn"));
        }
    }
    faults
}

#[test]
fn every_print_file_passes_a_print_shops_preflight() {
    let in_an = sample_site().join("public/in-an");
    let pdfs: Vec<_> = files_below(&in_an)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(pdfs.len() > 50, "{pdfs:?}");
    let mut all = Vec::new();
    for f in &pdfs {
        all.extend(
            preflight(&in_an.join(f))
                .into_iter()
                .map(|fault| format!("{}: {fault}", f.display())),
        );
    }
    assert!(all.is_empty(), "{} faults:\n{}", all.len(), all.join("\n"));
}

#[test]
fn the_preflight_finds_what_a_print_shop_would_refuse() {
    // a page of its own making: RGB text, a spot colour, small type, a
    // mark in the margin and a code with tiny modules
    let mut doc = Document::with_version("1.7");
    let content = "q 1 0 0 1 0 0 cm 1 0 0 rg BT /F1 5 Tf 1 0 0 1 2 2 Tm (x) Tj ET Q \
                   /CS0 cs 1 scn 0 0 10 10 re f";
    let stream = lopdf::Stream::new(Dictionary::new(), content.as_bytes().to_vec());
    let content_id = doc.add_object(stream);
    let spot = doc.add_object(Object::Array(vec![
        Object::Name(b"Separation".to_vec()),
        Object::Name(b"Gold".to_vec()),
    ]));
    let pages_id = doc.new_object_id();
    let mut page = Dictionary::new();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Parent", Object::Reference(pages_id));
    page.set("Contents", Object::Reference(content_id));
    page.set(
        "MediaBox",
        Object::Array(
            [0, 0, 595, 842]
                .iter()
                .map(|&v| Object::Integer(v))
                .collect(),
        ),
    );
    let mut cs = Dictionary::new();
    cs.set("CS0", Object::Reference(spot));
    let mut res = Dictionary::new();
    res.set("ColorSpace", Object::Dictionary(cs));
    page.set("Resources", Object::Dictionary(res));
    let page_id = doc.add_object(page);
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Kids", Object::Array(vec![Object::Reference(page_id)]));
    pages.set("Count", Object::Integer(1));
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.pdf");
    doc.save(&path).unwrap();
    let faults = preflight(&path).join("\n");
    for want in [
        "names Separation",
        "rg colour operator",
        "colour space CS0 set",
        "text at 5.00 pt",
        "outside the safe area",
    ] {
        assert!(faults.contains(want), "{want:?} not found in:\n{faults}");
    }
}
