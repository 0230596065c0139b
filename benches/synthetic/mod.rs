//! The synthetic commune or province site used by the benchmarks: N
//! procedures over realistic categories, each with full front matter, five
//! steps, three documents, a table and about 2.5 KB of Vietnamese text.
//! The same seed gives the same site, byte for byte. Shared by
//! `examples/gen_site.rs` and `benches/hot.rs`; not part of camnang.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

const CATEGORIES: &[(&str, &str)] = &[
    ("cu-tru", "Cư trú"),
    ("ho-tich", "Hộ tịch"),
    ("chung-thuc", "Chứng thực"),
    ("dat-dai", "Đất đai"),
    ("xay-dung", "Xây dựng"),
    ("lao-dong", "Lao động, việc làm"),
    ("bao-tro-xa-hoi", "Bảo trợ xã hội"),
    ("nguoi-co-cong", "Người có công"),
    ("y-te", "Y tế"),
    ("giao-duc", "Giáo dục và đào tạo"),
    ("nong-nghiep", "Nông nghiệp"),
    ("giao-thong", "Giao thông vận tải"),
    ("ho-kinh-doanh", "Hộ kinh doanh"),
    ("thue", "Thuế, phí, lệ phí"),
    ("moi-truong", "Tài nguyên và môi trường"),
    ("van-hoa", "Văn hóa, thể thao"),
    ("ton-giao", "Tín ngưỡng, tôn giáo"),
    ("thi-dua", "Thi đua, khen thưởng"),
    ("tu-phap", "Tư pháp"),
    ("phong-chay", "Phòng cháy, chữa cháy"),
];

const VERBS: &[&str] = &[
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Xác nhận",
    "Thay đổi, cải chính",
    "Gia hạn",
    "Điều chỉnh",
    "Công nhận",
    "Hỗ trợ",
    "Thông báo",
    "Giải quyết",
];

const OBJECTS: &[&str] = &[
    "tạm trú",
    "thường trú",
    "khai sinh",
    "kết hôn",
    "giấy phép xây dựng nhà ở riêng lẻ",
    "quyền sử dụng đất",
    "hộ kinh doanh",
    "trợ cấp xã hội hằng tháng",
    "thẻ bảo hiểm y tế",
    "chế độ người có công",
    "hộ nghèo, hộ cận nghèo",
    "giấy chứng nhận đủ điều kiện",
    "biển số xe mô tô",
    "hồ sơ học sinh",
    "lý lịch tư pháp",
    "lễ hội truyền thống",
    "danh hiệu gia đình văn hóa",
    "hoạt động tín ngưỡng",
    "cơ sở kinh doanh dịch vụ",
    "thông tin cư trú",
];

const CASES: &[&str] = &[
    "trường hợp thông thường",
    "cho người cao tuổi",
    "cho trẻ em dưới 6 tuổi",
    "khi bị mất, hỏng",
    "có yếu tố nước ngoài",
    "cho người khuyết tật",
    "lần đầu",
    "theo danh sách",
];

const SENTENCES: &[&str] = &[
    "Bạn có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID mà không cần đến trụ sở.",
    "Cán bộ một cửa sẽ kiểm tra hồ sơ và hướng dẫn bổ sung nếu còn thiếu giấy tờ.",
    "Nếu hồ sơ đầy đủ, kết quả được trả đúng hẹn qua ứng dụng, qua bưu điện hoặc tại bộ phận một cửa.",
    "Người cao tuổi, người khuyết tật có thể nhờ Tổ công nghệ số cộng đồng đến nhà hỗ trợ.",
    "Hãy mang theo thẻ căn cước và điện thoại có số đã đăng ký với tài khoản định danh điện tử.",
    "Lệ phí có thể được miễn hoặc giảm cho hộ nghèo, người có công và đồng bào dân tộc thiểu số.",
    "Thời hạn giải quyết được tính theo ngày làm việc, không kể thứ Bảy, Chủ nhật và ngày lễ.",
    "Khi cần, cán bộ sẽ gọi điện cho bạn để xác minh thông tin trước khi giải quyết.",
    "Bạn theo dõi tình trạng hồ sơ bằng mã số được gửi qua tin nhắn hoặc thư điện tử.",
    "Mọi thắc mắc xin gọi số điện thoại hỗ trợ của xã trong giờ hành chính.",
    "Giấy tờ nộp trực tuyến là bản chụp rõ nét, đủ các trang, không bị che khuất.",
    "Từ ngày 01 tháng 7 năm 2025, thủ tục được giải quyết tại cấp xã, không còn cấp huyện.",
];

const DOCUMENTS: &[&str] = &[
    "Tờ khai theo mẫu (điền trực tuyến hoặc lấy tại bộ phận một cửa)",
    "Thẻ căn cước hoặc căn cước công dân còn hạn",
    "Giấy tờ chứng minh chỗ ở hợp pháp",
    "Giấy chứng sinh do cơ sở y tế cấp",
    "Văn bản ủy quyền có chứng thực, nếu nhờ người khác nộp",
    "Bản sao giấy chứng nhận quyền sử dụng đất",
    "Đơn đề nghị có xác nhận của trưởng thôn",
    "Ảnh chân dung cỡ 4 × 6 cm chụp không quá 6 tháng",
];

const STEPS: &[&str] = &[
    "Mở ứng dụng VNeID hoặc Cổng Dịch vụ công quốc gia và đăng nhập bằng tài khoản định danh điện tử.",
    "Tìm và chọn đúng tên thủ tục trong mục **Thủ tục hành chính**.",
    "Điền tờ khai, kiểm tra kỹ họ tên, ngày sinh và số định danh cá nhân.",
    "Chụp và tải lên các giấy tờ cần chuẩn bị.",
    "Nộp lệ phí trực tuyến nếu có, rồi bấm **Gửi hồ sơ**.",
    "Theo dõi tin nhắn và nhận kết quả trên ứng dụng hoặc tại bộ phận một cửa.",
    "Mang bản chính giấy tờ đến đối chiếu khi cán bộ yêu cầu.",
];

/// A small deterministic generator (xorshift64*), so the site depends on
/// the seed only.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let base = match c {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => {
                'e'
            }
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => {
                'u'
            }
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        };
        if base == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(base);
    }
    out.trim_end_matches('-').to_string()
}

pub fn procedure(rng: &mut Rng, n: usize) -> (String, String) {
    let title = format!(
        "{} {} {} (số {})",
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(CASES),
        n + 1
    );
    let id = format!("g{n:x}");
    let online = !rng.next().is_multiple_of(4);
    let mut f = String::new();
    let _ = writeln!(f, "---");
    let _ = writeln!(f, "title: {title}");
    let _ = writeln!(f, "id: {id}");
    let _ = writeln!(f, "code: \"{}.{:06}\"", 1 + n % 2, 100_000 + n);
    let _ = writeln!(f, "summary: {}", rng.pick(SENTENCES));
    let _ = writeln!(
        f,
        "agency: {}",
        rng.pick(&["Ủy ban nhân dân xã", "Công an xã", "Công an tỉnh"])
    );
    let _ = writeln!(f, "audience: Công dân Việt Nam");
    if online {
        let _ = writeln!(f, "online:\n  url: https://dichvucong.gov.vn/p/{n}");
        let _ = writeln!(
            f,
            "  level: {}\n  apps: [vneid, dvc-quoc-gia]",
            rng.pick(&["toan-trinh", "mot-phan"])
        );
    }
    let _ = writeln!(f, "channels:");
    if online {
        let _ = writeln!(
            f,
            "  - way: truc-tuyen\n    time: 0{} ngày làm việc\n    fee: {}.000 đồng",
            1 + rng.next() % 9,
            5 + rng.next() % 20
        );
    }
    let _ = writeln!(
        f,
        "  - way: truc-tiep\n    time: 0{} ngày làm việc\n    fee: {}.000 đồng",
        1 + rng.next() % 9,
        10 + rng.next() % 40
    );
    let _ = writeln!(f, "documents:");
    for _ in 0..3 {
        let _ = writeln!(f, "  - {}", rng.pick(DOCUMENTS));
    }
    let _ = writeln!(f, "result: Giấy tờ hoặc xác nhận theo yêu cầu của bạn.");
    let _ = writeln!(
        f,
        "legal:\n  - Luật Cư trú số 68/2020/QH14\n  - Nghị định {}/2024/NĐ-CP",
        100 + n % 90
    );
    let _ = writeln!(f, "keywords: [{}, {}]", rng.pick(OBJECTS), rng.pick(CASES));
    let _ = writeln!(
        f,
        "updated: 2026-{:02}-{:02}",
        1 + rng.next() % 12,
        1 + rng.next() % 28
    );
    let _ = writeln!(f, "---\n\n## Các bước\n");
    for i in 0..5 {
        let _ = writeln!(f, "{}. {}", i + 1, rng.pick(STEPS));
    }
    let _ = writeln!(
        f,
        "\n## Thời gian và lệ phí\n\n| Cách nộp | Thời gian | Lệ phí |\n|---|---|---|\n| Trực tuyến | 03 ngày | 7.000 đồng |\n| Trực tiếp | 03 ngày | 15.000 đồng |\n"
    );
    let _ = writeln!(f, "## Lưu ý\n");
    // about 2.5 KB of text in all
    while f.len() < 3_600 {
        let _ = writeln!(f, "- {} {}", rng.pick(SENTENCES), rng.pick(SENTENCES));
    }
    let name = format!("{}-{}.md", slug(&title), n + 1);
    (name, f)
}

pub fn write_site(dir: &Path, count: usize, seed: u64) -> std::io::Result<()> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(std::io::Error::other(format!(
            "{} is not empty",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir.join("content"))?;
    std::fs::write(
        dir.join("site.yaml"),
        "title: Cẩm nang thủ tục hành chính\ncommune: Tỉnh Thử Nghiệm\nbase_url: https://tinh.example.vn\nlanguage: vi\ncontact:\n  phone: \"0235 3000 000\"\n  hours: \"Thứ Hai – Thứ Sáu\"\n",
    )?;
    let cats = CATEGORIES.len().min(count.max(1));
    for (i, (slug, title)) in CATEGORIES.iter().take(cats).enumerate() {
        let d = dir.join("content").join(slug);
        std::fs::create_dir_all(&d)?;
        std::fs::write(
            d.join("_index.md"),
            format!(
                "---\ntitle: {title}\norder: {}\n---\nCác thủ tục về {title}.\n",
                i + 1
            ),
        )?;
    }
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    for n in 0..count {
        let (name, text) = procedure(&mut rng, n);
        let (cat, _) = CATEGORIES[n % cats];
        std::fs::write(dir.join("content").join(cat).join(name), text)?;
    }
    Ok(())
}
