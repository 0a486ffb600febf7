"""The 2024 edition as published, and its programme (sample details flagged)."""

import datetime

# The 2024 edition opens on this day; another year's edition moves every date and
# time of the edition by the same number of days.
BASE_YEAR = 2024
BASE_STARTS_ON = datetime.date(2024, 9, 20)

FAIR = {
    "slug": "hoi-cho-kcn-ha-noi-{year}",
    "name_vi": "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội {year}",
    "name_en": "Hanoi Industrial Zones Industrial Products Fair {year}",
    "short_name_vi": "Hội chợ KCN Hà Nội {year}",
    "short_name_en": "Hanoi Industrial Zones Fair {year}",
    "venue_vi": "Trung tâm thương mại Mê Linh",
    "venue_en": "Mê Linh Trade Center",
    "address_vi": "Thị trấn Quang Minh, huyện Mê Linh, Hà Nội",
    "address_en": "Quang Minh town, Me Linh District, Hanoi",
    "organiser_vi": "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội",
    "organiser_en": "Hanoi Industrial and Export Processing Zones Authority",
    "hotline": "024 0000 0000",
    "summary_vi": (
        "Ba ngày giới thiệu và bán sản phẩm của các doanh nghiệp trong các khu công nghiệp "
        "Hà Nội cùng một số doanh nghiệp đối tác: 110 gian hàng, hội thảo chuyên đề và các "
        "phiên kết nối doanh nghiệp để mở rộng chuỗi cung ứng và liên kết sản xuất giữa "
        "doanh nghiệp trong và ngoài khu công nghiệp."
    ),
    "summary_en": (
        "Three days on which companies from Hanoi's industrial zones, joined by partner "
        "companies, show and sell what they make: 110 booths, seminars and business-matching "
        "sessions that build supply chains and production links between firms inside and "
        "outside the zones."
    ),
    "directions_vi": (
        "Xe buýt: các tuyến đi Mê Linh từ bến xe Mỹ Đình và từ trung tâm Đông Anh dừng gần "
        "cổng Trung tâm (dữ liệu mẫu).\n"
        "Xe đưa đón miễn phí: mỗi 30 phút từ 07:00 đến 15:00, đón tại Nhà hát Lớn Hà Nội và "
        "ga Long Biên (dữ liệu mẫu).\n"
        "Từ sân bay Nội Bài: khoảng 20 phút bằng taxi."
    ),
    "directions_en": (
        "Bus: the routes to Me Linh from My Dinh bus station and from central Dong Anh stop "
        "near the Center's gate (sample data).\n"
        "Free shuttle: every 30 minutes from 07:00 to 15:00, from Hanoi Opera House and Long "
        "Bien station (sample data).\n"
        "From Noi Bai airport: about 20 minutes by taxi."
    ),
    "parking_vi": (
        "Bãi đỗ ô tô và xe máy miễn phí phía sau Khu B; xe tải của doanh nghiệp trưng bày vào "
        "cổng phụ theo giờ dàn dựng (dữ liệu mẫu)."
    ),
    "parking_en": (
        "Free car and motorbike parking behind Hall B; exhibitors' lorries use the side gate "
        "during move-in hours (sample data)."
    ),
    # An OpenStreetMap link near Quang Minh, Mê Linh (sample position).
    "latitude": "21.187000",
    "longitude": "105.770000",
    "opens_at": datetime.time(8, 0),
    "closes_at": datetime.time(17, 0),
    "last_day_closes_at": datetime.time(16, 0),
    "applications_open": True,
    "is_sample": True,
}

FAIR_DATES = {
    "starts_on": datetime.date(2024, 9, 20),
    "ends_on": datetime.date(2024, 9, 22),
    # Sample data, as the hotline and move-in times: not published for 2024.
    "payment_due_on": datetime.date(2024, 9, 6),
}
# Sample data: days after approval within which the board sends the booth contract.
CONTRACT_WITHIN_DAYS = 7
FAIR_DATETIMES = {
    "move_in_starts_at": datetime.datetime(2024, 9, 18, 8, 0),
    "move_out_ends_at": datetime.datetime(2024, 9, 22, 22, 0),
}
# When the demo booths were assigned, on the same shift as the fair.
BOOTHS_ASSIGNED_AT = datetime.datetime(2024, 8, 26, 9, 0)

# The organiser's context figures for Hanoi's industrial zones (FAIR-FACTS.md).
FIGURES = [
    ("10", "khu công nghiệp đang hoạt động", "industrial zones in operation"),
    ("726", "dự án đang hoạt động", "projects in operation"),
    (
        "> 9,1",
        "tỷ USD vốn đăng ký (quy đổi)",
        "billion USD of registered capital (converted)",
    ),
    (
        "27",
        "quốc gia và vùng lãnh thổ đầu tư, nhiều nhất là Nhật Bản, Singapore, Hồng Kông, Hàn Quốc",
        "investor countries and territories, led by Japan, Singapore, Hong Kong and South Korea",
    ),
    ("~60%", "dự án FDI là của nhà đầu tư Nhật Bản", "of FDI projects come from Japan"),
    ("6,5%", "tăng trưởng doanh thu bình quân mỗi năm", "average revenue growth a year"),
    (
        "> 300",
        "triệu USD nộp ngân sách bình quân mỗi năm",
        "million USD paid to the state budget a year on average",
    ),
    ("8%", "tăng trưởng xuất khẩu bình quân mỗi năm", "average export growth a year"),
    ("~167.000", "người lao động", "workers employed"),
]

# The programme. Times are local (Asia/Ho_Chi_Minh) on the 2024 dates; speakers are
# sample names. `hosts` are exhibitor slugs; `place` is the name_vi of its place in
# floor.EVENT_PLACES (the tour meets at the gate, off the plan).
EVENTS = [
    {
        "slug": "khai-mac",
        "kind": "opening",
        "day": 0,
        "start": (8, 30),
        "end": (9, 30),
        "title_vi": "Lễ khai mạc Hội chợ",
        "title_en": "Opening ceremony",
        "summary_vi": "Ban Quản lý khai mạc hội chợ và cùng khách mời tham quan các gian hàng.",
        "summary_en": "The management board opens the fair and walks the halls with its guests.",
        "description_vi": (
            "Phát biểu khai mạc của Ban Quản lý các khu công nghiệp và chế xuất Hà Nội, giới "
            "thiệu kết quả thu hút đầu tư của các khu công nghiệp, cắt băng và tham quan các "
            "gian hàng tiêu biểu."
        ),
        "description_en": (
            "Opening address by the Hanoi Industrial and Export Processing Zones Authority, an "
            "overview of investment in the zones, the ribbon cutting and a walk past leading "
            "booths."
        ),
        "room_vi": "Sân khấu chính, Khu A",
        "place": "Sân khấu chính",
        "room_en": "Main stage, Hall A",
        "capacity": 300,
        "registration_open": False,
        "speakers_vi": "Ông Nguyễn Văn Hùng, Ban Quản lý (tên mẫu)\nBà Trần Thị Lan, Ban tổ chức (tên mẫu)",
        "speakers_en": "Mr Nguyễn Văn Hùng, management board (sample name)\nMs Trần Thị Lan, organising committee (sample name)",
        "hosts": [],
    },
    {
        "slug": "chuoi-cung-ung-fdi-nhat-ban",
        "kind": "seminar",
        "day": 0,
        "start": (10, 0),
        "end": (11, 30),
        "title_vi": "Hội thảo: Tham gia chuỗi cung ứng của doanh nghiệp FDI Nhật Bản",
        "title_en": "Seminar: Joining the supply chains of Japanese FDI manufacturers",
        "summary_vi": "Doanh nghiệp Nhật Bản trong các KCN chia sẻ yêu cầu với nhà cung cấp trong nước.",
        "summary_en": "Japanese manufacturers in the zones explain what they expect from local suppliers.",
        "description_vi": (
            "Tiêu chuẩn chất lượng, giao hàng đúng hạn và chi phí mà doanh nghiệp FDI Nhật Bản "
            "đặt ra cho nhà cung cấp linh kiện; kinh nghiệm của các doanh nghiệp Việt Nam đã "
            "trở thành nhà cung cấp cấp 1 và cấp 2."
        ),
        "description_en": (
            "The quality, on-time delivery and cost standards that Japanese investors set for "
            "parts suppliers, and what Vietnamese firms learnt on the way to becoming tier-1 "
            "and tier-2 suppliers."
        ),
        "room_vi": "Phòng hội thảo 1, Khu A",
        "place": "Phòng hội thảo 1",
        "room_en": "Seminar room 1, Hall A",
        "capacity": 120,
        "registration_open": True,
        "speakers_vi": "Ông Sato Kenji, Canon Việt Nam (tên mẫu)\nBà Lê Thu Hà, chuyên gia chuỗi cung ứng (tên mẫu)",
        "speakers_en": "Mr Sato Kenji, Canon Vietnam (sample name)\nMs Lê Thu Hà, supply-chain consultant (sample name)",
        "hosts": ["canon-viet-nam", "kazenami-denshi-viet-nam"],
    },
    {
        "slug": "ket-noi-doanh-nghiep-phien-1",
        "kind": "business_matching",
        "day": 0,
        "start": (14, 0),
        "end": (17, 0),
        "title_vi": "Kết nối doanh nghiệp B2B – phiên 1",
        "title_en": "B2B business matching – session 1",
        "summary_vi": "Gặp gỡ 30 phút giữa doanh nghiệp trưng bày và đối tác, đặt lịch trước.",
        "summary_en": "Booked 30-minute meetings between exhibitors and buyers or suppliers.",
        "description_vi": (
            "Khách tham quan chọn doanh nghiệp trên cổng thông tin và gửi yêu cầu gặp; doanh "
            "nghiệp nhận lời và hai bên gặp nhau tại bàn đã hẹn trong khu kết nối."
        ),
        "description_en": (
            "Visitors pick an exhibitor on the portal and ask for a meeting; once the exhibitor "
            "accepts, both sides meet at the agreed table in the matching area."
        ),
        "room_vi": "Khu kết nối doanh nghiệp, Khu B",
        "place": "Khu kết nối doanh nghiệp",
        "room_en": "Business matching area, Hall B",
        "capacity": 120,
        "registration_open": False,
        "slot_minutes": 30,
        "tables": 20,
        "speakers_vi": "Điều phối: Phòng Xúc tiến đầu tư, Ban Quản lý (mẫu)",
        "speakers_en": "Moderated by the board's investment promotion office (sample)",
        "hosts": [],
    },
    {
        "slug": "cong-nghiep-ho-tro",
        "kind": "seminar",
        "day": 1,
        "start": (9, 0),
        "end": (11, 0),
        "title_vi": "Hội thảo: Phát triển công nghiệp hỗ trợ trong các KCN Hà Nội",
        "title_en": "Seminar: Growing supporting industry in Hanoi's industrial zones",
        "summary_vi": "Linh kiện điện tử, cơ khí chính xác và nhựa kỹ thuật: cơ hội cho doanh nghiệp nội.",
        "summary_en": "Electronic parts, precision mechanics and engineering plastics: openings for local firms.",
        "description_vi": (
            "Chính sách hỗ trợ doanh nghiệp công nghiệp hỗ trợ, nhu cầu linh kiện của các nhà "
            "máy lắp ráp và cách đạt chứng nhận chất lượng để tham gia chuỗi sản xuất."
        ),
        "description_en": (
            "Support schemes for supporting-industry firms, the parts that assembly plants need "
            "and how to earn the quality certificates that open the door to their production."
        ),
        "room_vi": "Phòng hội thảo 1, Khu A",
        "place": "Phòng hội thảo 1",
        "room_en": "Seminar room 1, Hall A",
        "capacity": 120,
        "registration_open": True,
        "speakers_vi": "TS. Phạm Minh Đức, chuyên gia công nghiệp hỗ trợ (tên mẫu)\nÔng Takahashi Ryo, Mirafuji Seiki (tên mẫu)",
        "speakers_en": "Dr Phạm Minh Đức, supporting-industry expert (sample name)\nMr Takahashi Ryo, Mirafuji Seiki (sample name)",
        "hosts": ["mirafuji-seiki-viet-nam", "hoshizora-nhua-ky-thuat-viet-nam"],
    },
    {
        "slug": "ket-noi-doanh-nghiep-phien-2",
        "kind": "business_matching",
        "day": 1,
        "start": (9, 0),
        "end": (12, 0),
        "title_vi": "Kết nối doanh nghiệp B2B – phiên 2",
        "title_en": "B2B business matching – session 2",
        "summary_vi": "Phiên gặp gỡ thứ hai, ưu tiên doanh nghiệp ngoài khu công nghiệp tìm đối tác.",
        "summary_en": "The second round, set aside for firms outside the zones looking for partners.",
        "description_vi": (
            "Doanh nghiệp ngoài khu công nghiệp gặp nhà sản xuất trong khu để chào hàng, tìm "
            "nhà cung cấp hoặc liên kết gia công. Mỗi lượt gặp 30 phút tại bàn đã hẹn."
        ),
        "description_en": (
            "Firms from outside the zones meet manufacturers inside them to offer goods, find "
            "suppliers or agree subcontracting. Each meeting lasts 30 minutes at a booked table."
        ),
        "room_vi": "Khu kết nối doanh nghiệp, Khu B",
        "place": "Khu kết nối doanh nghiệp",
        "room_en": "Business matching area, Hall B",
        "capacity": 120,
        "registration_open": False,
        "slot_minutes": 30,
        "tables": 20,
        "speakers_vi": "Điều phối: Phòng Xúc tiến đầu tư, Ban Quản lý (mẫu)",
        "speakers_en": "Moderated by the board's investment promotion office (sample)",
        "hosts": [],
    },
    {
        "slug": "chuyen-doi-so-nha-may",
        "kind": "workshop",
        "day": 1,
        "start": (14, 0),
        "end": (16, 0),
        "title_vi": "Tọa đàm: Chuyển đổi số trong nhà máy",
        "title_en": "Panel discussion: Digital transformation on the factory floor",
        "summary_vi": "Robot, cảm biến và phần mềm quản lý sản xuất cho doanh nghiệp vừa và nhỏ.",
        "summary_en": "Robots, sensors and production software for small and medium manufacturers.",
        "description_vi": (
            "Các bước số hoá một dây chuyền: thu thập dữ liệu máy, kiểm tra chất lượng bằng "
            "camera và quản lý sản xuất theo thời gian thực, kèm trình diễn tại gian hàng."
        ),
        "description_en": (
            "How to digitise a production line step by step: machine data, camera-based quality "
            "checks and real-time production management, with a demonstration at the booths."
        ),
        "room_vi": "Phòng hội thảo 2, Khu B",
        "place": "Phòng hội thảo 2",
        "room_en": "Seminar room 2, Hall B",
        "capacity": 80,
        "registration_open": True,
        "speakers_vi": "Ông Nakamura Daiki, Harukaze Robotics (tên mẫu)\nÔng Tan Wei Ming, Lionpoint Automation (tên mẫu)",
        "speakers_en": "Mr Nakamura Daiki, Harukaze Robotics (sample name)\nMr Tan Wei Ming, Lionpoint Automation (sample name)",
        "hosts": ["harukaze-robotics-viet-nam", "lionpoint-automation-viet-nam"],
    },
    {
        "slug": "tham-quan-kcn-quang-minh",
        "kind": "tour",
        "day": 1,
        "start": (13, 30),
        "end": (16, 30),
        "title_vi": "Tham quan KCN Quang Minh",
        "title_en": "Tour of Quang Minh Industrial Zone",
        "summary_vi": "Chuyến xe tham quan hai nhà máy trong KCN Quang Minh, cạnh nơi tổ chức hội chợ.",
        "summary_en": "A coach visit to two factories in Quang Minh Industrial Zone, next to the venue.",
        "description_vi": (
            "Xuất phát từ cổng chính Trung tâm thương mại Mê Linh; tham quan dây chuyền sản xuất "
            "và trao đổi với ban giám đốc nhà máy. Mang giày kín mũi; số chỗ có hạn."
        ),
        "description_en": (
            "Leaves from the main gate of Mê Linh Trade Center; visits two production lines and "
            "a talk with the plant managers. Closed shoes required; seats are limited."
        ),
        "room_vi": "Cổng chính Trung tâm thương mại Mê Linh (điểm hẹn)",
        "room_en": "Main gate of Mê Linh Trade Center (meeting point)",
        "capacity": 40,
        "registration_open": True,
        "speakers_vi": "Hướng dẫn: cán bộ Ban Quản lý (mẫu)",
        "speakers_en": "Guided by a management board officer (sample)",
        "hosts": ["yamabuki-machine-tools-viet-nam", "natsugumo-packaging-viet-nam"],
    },
    {
        "slug": "gmp-duoc-pham",
        "kind": "seminar",
        "day": 2,
        "start": (9, 0),
        "end": (11, 0),
        "title_vi": "Hội thảo: Sản xuất dược phẩm đạt chuẩn GMP",
        "title_en": "Seminar: Pharmaceutical manufacturing to GMP standards",
        "summary_vi": "Yêu cầu GMP, kiểm soát chất lượng và hồ sơ đăng ký thuốc cho nhà máy dược.",
        "summary_en": "GMP requirements, quality control and product registration for drug plants.",
        "description_vi": (
            "Những điểm thường bị nhắc khi thanh tra GMP, cách tổ chức phòng kiểm nghiệm và "
            "chuẩn bị hồ sơ để xuất khẩu sang các thị trường có yêu cầu cao."
        ),
        "description_en": (
            "The findings that GMP inspections raise most often, how to run a quality-control "
            "laboratory and how to prepare files for demanding export markets."
        ),
        "room_vi": "Phòng hội thảo 1, Khu A",
        "place": "Phòng hội thảo 1",
        "room_en": "Seminar room 1, Hall A",
        "capacity": 100,
        "registration_open": True,
        "speakers_vi": "DS. Hoàng Thị Mai, chuyên gia GMP (tên mẫu)\nBà Yoshida Emi, Sakuradai Pharma (tên mẫu)",
        "speakers_en": "Ms Hoàng Thị Mai, pharmacist and GMP expert (sample name)\nMs Yoshida Emi, Sakuradai Pharma (sample name)",
        "hosts": ["sakuradai-pharma-viet-nam", "sobaek-pharm-viet-nam"],
    },
    {
        "slug": "an-toan-thuc-pham-xuat-khau",
        "kind": "workshop",
        "day": 2,
        "start": (9, 30),
        "end": (11, 30),
        "title_vi": "Tọa đàm: An toàn thực phẩm và tiêu chuẩn xuất khẩu",
        "title_en": "Panel discussion: Food safety and export standards",
        "summary_vi": "Truy xuất nguồn gốc, HACCP và nhãn hàng hoá cho doanh nghiệp thực phẩm.",
        "summary_en": "Traceability, HACCP and labelling for food manufacturers.",
        "description_vi": (
            "Doanh nghiệp chế biến thực phẩm trong các KCN chia sẻ cách xây dựng hệ thống truy "
            "xuất nguồn gốc và đáp ứng yêu cầu của nhà nhập khẩu Nhật Bản và Singapore."
        ),
        "description_en": (
            "Food processors from the zones show how they built traceability and met the "
            "requirements of importers in Japan and Singapore."
        ),
        "room_vi": "Phòng hội thảo 2, Khu B",
        "place": "Phòng hội thảo 2",
        "room_en": "Seminar room 2, Hall B",
        "capacity": 80,
        "registration_open": True,
        "speakers_vi": "Ông Vũ Quang Huy, chuyên gia an toàn thực phẩm (tên mẫu)",
        "speakers_en": "Mr Vũ Quang Huy, food-safety consultant (sample name)",
        "hosts": ["cp-viet-nam", "yukihana-foods-viet-nam"],
    },
    {
        "slug": "ket-noi-doanh-nghiep-phien-3",
        "kind": "business_matching",
        "day": 2,
        "start": (13, 0),
        "end": (15, 30),
        "title_vi": "Kết nối doanh nghiệp B2B – phiên 3",
        "title_en": "B2B business matching – session 3",
        "summary_vi": "Phiên cuối: nhà đầu tư và doanh nghiệp trưng bày gặp nhau trước khi bế mạc.",
        "summary_en": "The last round: investors and exhibitors meet before the fair closes.",
        "description_vi": (
            "Dành cho nhà đầu tư và nhà nhập khẩu muốn gặp nhiều doanh nghiệp trong một buổi. "
            "Mỗi lượt gặp 30 phút tại bàn đã hẹn."
        ),
        "description_en": (
            "For investors and importers who want to meet several exhibitors in one afternoon. "
            "Each meeting lasts 30 minutes at a booked table."
        ),
        "room_vi": "Khu kết nối doanh nghiệp, Khu B",
        "place": "Khu kết nối doanh nghiệp",
        "room_en": "Business matching area, Hall B",
        "capacity": 100,
        "registration_open": False,
        "slot_minutes": 30,
        "tables": 20,
        "speakers_vi": "Điều phối: Phòng Xúc tiến đầu tư, Ban Quản lý (mẫu)",
        "speakers_en": "Moderated by the board's investment promotion office (sample)",
        "hosts": [],
    },
]
