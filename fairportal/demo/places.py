"""Hanoi's industrial zones (as in 2024) and the fair's sectors."""

# (slug, name_vi, name_en, district, district kind, description_vi, description_en, is_sample)
ZONES = [
    (
        "kcn-thang-long",
        "KCN Thăng Long",
        "Thang Long Industrial Zone",
        "Đông Anh",
        "huyện",
        "Một trong những khu công nghiệp lâu đời và lớn nhất của Hà Nội, gần sân bay Nội Bài, "
        "nơi tập trung nhiều nhà máy điện tử và cơ khí chính xác của nhà đầu tư Nhật Bản.",
        "One of Hanoi's oldest and largest industrial zones, close to Noi Bai airport, home "
        "to many Japanese electronics and precision-engineering plants.",
        False,
    ),
    (
        "kcn-noi-bai",
        "KCN Nội Bài",
        "Noi Bai Industrial Zone",
        "Sóc Sơn",
        "huyện",
        "Khu công nghiệp cạnh sân bay quốc tế Nội Bài, thuận lợi cho hàng hoá xuất khẩu bằng "
        "đường hàng không như linh kiện và thiết bị điện.",
        "An industrial zone beside Noi Bai international airport, well placed for goods that "
        "leave by air such as components and electrical equipment.",
        False,
    ),
    (
        "kcn-bac-thang-long",
        "KCN Bắc Thăng Long",
        "Bac Thang Long Industrial Zone",
        "Đông Anh",
        "huyện",
        "Khu công nghiệp phía bắc sông Hồng trên trục đường đi sân bay, với các nhà máy linh "
        "kiện, nhựa kỹ thuật và thực phẩm.",
        "An industrial zone north of the Red River on the road to the airport, with parts, "
        "engineering-plastics and food plants.",
        False,
    ),
    (
        "kcn-nam-thang-long",
        "KCN Nam Thăng Long",
        "Nam Thang Long Industrial Zone",
        "Bắc Từ Liêm",
        "quận",
        "Khu công nghiệp nằm trong nội đô, phù hợp với sản xuất sạch, thiết bị điện và tự động "
        "hoá quy mô vừa.",
        "An industrial zone inside the city, suited to clean production, electrical equipment "
        "and mid-sized automation firms.",
        False,
    ),
    (
        "kcn-sai-dong-b",
        "KCN Sài Đồng B",
        "Sai Dong B Industrial Zone",
        "Long Biên",
        "quận",
        "Khu công nghiệp phía đông thành phố, gần quốc lộ 5 đi Hải Phòng, với các doanh nghiệp "
        "điện tử và thiết bị y tế.",
        "An industrial zone on the city's east side, near National Road 5 to Hai Phong, with "
        "electronics and medical-device firms.",
        False,
    ),
    (
        "kcn-ha-noi-dai-tu",
        "KCN Hà Nội – Đài Tư",
        "Hanoi – Dai Tu Industrial Zone",
        "Long Biên",
        "quận",
        "Khu công nghiệp liên doanh ở quận Long Biên, gồm các nhà máy cơ khí, đèn chiếu sáng và "
        "thiết bị y tế.",
        "A joint-venture industrial zone in Long Bien with metalworking, lighting and medical "
        "equipment plants.",
        False,
    ),
    (
        "kcn-quang-minh",
        "KCN Quang Minh",
        "Quang Minh Industrial Zone",
        "Mê Linh",
        "huyện",
        "Khu công nghiệp ngay cạnh Trung tâm thương mại Mê Linh, nơi tổ chức hội chợ: máy công "
        "cụ, bao bì, thực phẩm và dược liệu.",
        "The industrial zone right next to Mê Linh Trade Center, where the fair is held: machine "
        "tools, packaging, food and herbal products.",
        False,
    ),
    (
        "kcn-thach-that-quoc-oai",
        "KCN Thạch Thất – Quốc Oai",
        "Thach That – Quoc Oai Industrial Zone",
        "Thạch Thất",
        "huyện",
        "Khu công nghiệp phía tây Hà Nội trên Đại lộ Thăng Long, với các nhà máy dược phẩm và "
        "thiết bị làm lạnh.",
        "An industrial zone west of Hanoi on Thang Long Boulevard, with pharmaceutical and "
        "refrigeration plants.",
        False,
    ),
    (
        "kcn-phu-nghia",
        "KCN Phú Nghĩa",
        "Phu Nghia Industrial Zone",
        "Chương Mỹ",
        "huyện",
        "Khu công nghiệp phía tây nam thành phố, với các doanh nghiệp kết cấu thép, vật liệu "
        "xây dựng, bao bì và vật tư y tế.",
        "An industrial zone south-west of the city with steel-structure, building-materials, "
        "packaging and medical-supplies firms.",
        False,
    ),
    (
        "kcn-soc-son",
        "KCN Sóc Sơn",
        "Soc Son Industrial Zone",
        "Sóc Sơn",
        "huyện",
        "Khu công nghiệp mới đang thu hút những nhà đầu tư đầu tiên về linh kiện ô tô và máy "
        "móc (dữ liệu mẫu).",
        "A newer industrial zone drawing its first investors in automotive parts and machinery "
        "(sample data).",
        True,
    ),
]

# District names in English, for exhibitors' addresses.
DISTRICTS_EN = {
    "Đông Anh": "Dong Anh",
    "Sóc Sơn": "Soc Son",
    "Bắc Từ Liêm": "Bac Tu Liem",
    "Long Biên": "Long Bien",
    "Mê Linh": "Me Linh",
    "Thạch Thất": "Thach That",
    "Chương Mỹ": "Chuong My",
}

# (slug, name_vi, name_en, parent slug)
SECTORS = [
    ("cong-nghe-cao", "Công nghệ cao", "High technology", None),
    ("dien", "Điện", "Electrical equipment", None),
    ("dien-tu", "Điện tử", "Electronics", None),
    ("co-khi-che-tao", "Cơ khí chế tạo", "Mechanical engineering and manufacturing", None),
    ("thuc-pham", "Thực phẩm", "Food", None),
    ("duoc-pham", "Dược phẩm", "Pharmaceuticals", None),
    ("y-te", "Y tế", "Medical and healthcare", None),
    (
        "cong-nghiep-che-bien-che-tao",
        "Công nghiệp chế biến, chế tạo",
        "Processing and manufacturing industry",
        None,
    ),
    ("cong-nghiep-ho-tro", "Công nghiệp hỗ trợ", "Supporting industry", None),
    ("linh-kien-dien-tu", "Linh kiện điện tử", "Electronic components", "cong-nghiep-ho-tro"),
    ("linh-kien-co-khi", "Linh kiện cơ khí", "Mechanical components", "cong-nghiep-ho-tro"),
    (
        "linh-kien-cong-nghe-cao",
        "Linh kiện công nghệ cao",
        "High-tech components",
        "cong-nghiep-ho-tro",
    ),
]
