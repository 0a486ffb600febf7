"""The demo exhibitors and their products.

Canon, TOTO and C.P. are the example exhibitors the organiser named; every other
company here is invented (its name is made up and belongs to no real firm). All of
them are flagged `is_sample`, their profiles say so, and their web and e-mail
addresses are under example.vn. Descriptions are our own words.
"""

from dataclasses import dataclass

from exhibitors.validators import tax_code_check_digit


@dataclass(frozen=True)
class ProductRow:
    name_vi: str
    name_en: str
    description_vi: str
    description_en: str
    sector: str


@dataclass(frozen=True)
class ExhibitorRow:
    slug: str
    name_vi: str
    name_en: str
    legal_name: str
    country: str
    zone: str | None
    sectors: tuple[str, ...]
    booths: tuple[tuple[str, int], ...]  # (pool: "A", "B", "premium" or "C", count)
    description_vi: str
    description_en: str
    products: tuple[ProductRow, ...]
    featured: bool = False
    address_vi: str = ""  # derived from the zone when empty
    address_en: str = ""


def demo_tax_code(index: int) -> str:
    """A 10-digit tax code that passes the check digit, one per demo exhibitor.

    The "0199" head is beyond the Hanoi codes issued so far, so it names no real firm.
    """
    for tail in range(100):
        head = f"0199{index:03d}{tail:02d}"
        check = tax_code_check_digit(head)
        if check is not None:
            return f"{head}{check}"
    raise ValueError(f"no valid tax code for index {index}")  # pragma: no cover


P = ProductRow

# A data table: one product a line reads better than the formatter's layout.
# fmt: off
EXHIBITORS = [
    # Japan (25 of 42, about 60% as in the zones' FDI projects).
    ExhibitorRow(
        "canon-viet-nam",
        "Canon Việt Nam",
        "Canon Vietnam",
        "Công ty TNHH Canon Việt Nam",
        "JP",
        "kcn-thang-long",
        ("dien-tu", "cong-nghe-cao"),
        (("premium", 2),),
        "Nhà máy của tập đoàn Canon (Nhật Bản) tại KCN Thăng Long sản xuất máy in và thiết bị "
        "văn phòng xuất khẩu đi nhiều thị trường.",
        "The Japanese Canon group's plant in Thang Long Industrial Zone, making printers and "
        "office equipment for export.",
        (
            P("Máy in laser", "Laser printer", "Máy in laser đơn sắc tốc độ cao cho văn phòng.", "A fast monochrome laser printer for offices.", "dien-tu"),
            P("Máy in phun", "Inkjet printer", "Máy in phun màu có bình mực lớn, in ảnh và tài liệu.", "A colour inkjet printer with refillable ink tanks for photos and documents.", "dien-tu"),
            P("Máy quét tài liệu", "Document scanner", "Máy quét hai mặt có khay nạp giấy tự động.", "A duplex scanner with an automatic document feeder.", "dien-tu"),
        ),
        featured=True,
    ),
    ExhibitorRow(
        "toto-viet-nam",
        "TOTO Việt Nam",
        "TOTO Vietnam",
        "Công ty TNHH TOTO Việt Nam",
        "JP",
        "kcn-thang-long",
        ("cong-nghiep-che-bien-che-tao",),
        (("premium", 2),),
        "Nhà sản xuất thiết bị vệ sinh của tập đoàn TOTO (Nhật Bản): sứ vệ sinh, vòi và phụ "
        "kiện phòng tắm.",
        "The Japanese TOTO group's maker of bathroom fittings: sanitary ware, taps and "
        "bathroom accessories.",
        (
            P("Bồn cầu", "Toilet", "Bồn cầu một khối men sứ chống bám bẩn, xả tiết kiệm nước.", "A one-piece toilet with a stain-resistant glaze and a water-saving flush.", "cong-nghiep-che-bien-che-tao"),
            P("Chậu rửa mặt", "Washbasin", "Chậu rửa đặt bàn bằng sứ, nhiều kích thước.", "A countertop ceramic washbasin in several sizes.", "cong-nghiep-che-bien-che-tao"),
            P("Vòi sen", "Shower set", "Bộ vòi sen nóng lạnh mạ crôm, tay sen nhiều chế độ.", "A chrome hot-and-cold shower set with a multi-mode hand shower.", "cong-nghiep-che-bien-che-tao"),
        ),
        featured=True,
    ),
    ExhibitorRow(
        "kazenami-denshi-viet-nam",
        "Kazenami Denshi Việt Nam",
        "Kazenami Denshi Vietnam",
        "Công ty TNHH Kazenami Denshi Việt Nam",
        "JP",
        "kcn-thang-long",
        ("dien-tu", "linh-kien-dien-tu"),
        (("A", 2),),
        "Doanh nghiệp mẫu sản xuất bảng mạch và linh kiện điện tử cho các nhà máy lắp ráp máy "
        "in, máy ảnh và thiết bị gia dụng.",
        "A sample company making circuit boards and electronic parts for printer, camera and "
        "home-appliance assembly plants.",
        (
            P("Bảng mạch in", "Printed circuit board", "Bảng mạch in nhiều lớp theo bản vẽ của khách hàng.", "Multilayer printed circuit boards made to the customer's drawings.", "linh-kien-dien-tu"),
            P("Cụm dây dẫn", "Wire harness", "Cụm dây dẫn và đầu nối cho thiết bị điện tử.", "Wire harnesses and connectors for electronic equipment.", "linh-kien-dien-tu"),
            P("Cảm biến nhiệt độ", "Temperature sensor", "Cảm biến nhiệt độ NTC dùng trong thiết bị gia dụng.", "NTC temperature sensors for home appliances.", "linh-kien-dien-tu"),
        ),
    ),
    ExhibitorRow(
        "mirafuji-seiki-viet-nam",
        "Mirafuji Seiki Việt Nam",
        "Mirafuji Seiki Vietnam",
        "Công ty TNHH Mirafuji Seiki Việt Nam",
        "JP",
        "kcn-noi-bai",
        ("co-khi-che-tao", "linh-kien-co-khi"),
        (("A", 2), ("C", 1)),
        "Doanh nghiệp mẫu gia công cơ khí chính xác: trục, bánh răng và khuôn dập cho ngành ô "
        "tô, xe máy và thiết bị văn phòng.",
        "A sample precision-machining company: shafts, gears and stamping dies for cars, "
        "motorbikes and office equipment.",
        (
            P("Trục chính xác", "Precision shaft", "Trục thép mài bóng, dung sai đến micromet.", "Ground steel shafts with micrometre tolerances.", "linh-kien-co-khi"),
            P("Bánh răng", "Gear", "Bánh răng thẳng và nghiêng bằng thép hợp kim.", "Spur and helical gears in alloy steel.", "linh-kien-co-khi"),
            P("Khuôn dập", "Stamping die", "Khuôn dập liên hoàn cho chi tiết kim loại tấm.", "Progressive dies for sheet-metal parts.", "co-khi-che-tao"),
        ),
    ),
    ExhibitorRow(
        "hoshizora-nhua-ky-thuat-viet-nam",
        "Hoshizora Nhựa Kỹ thuật Việt Nam",
        "Hoshizora Engineering Plastics Vietnam",
        "Công ty TNHH Hoshizora Nhựa Kỹ thuật Việt Nam",
        "JP",
        "kcn-bac-thang-long",
        ("cong-nghiep-ho-tro",),
        (("A", 2),),
        "Doanh nghiệp mẫu ép nhựa kỹ thuật: vỏ thiết bị, chi tiết chịu nhiệt và khuôn ép.",
        "A sample injection-moulding company: equipment housings, heat-resistant parts and "
        "moulds.",
        (
            P("Vỏ nhựa thiết bị", "Plastic housing", "Vỏ nhựa ABS và PC cho máy in, máy lọc nước.", "ABS and PC housings for printers and water purifiers.", "cong-nghiep-ho-tro"),
            P("Khuôn ép nhựa", "Injection mould", "Khuôn ép nhựa thiết kế và chế tạo tại nhà máy.", "Injection moulds designed and built in-house.", "cong-nghiep-ho-tro"),
            P("Chi tiết nhựa chịu nhiệt", "Heat-resistant plastic part", "Chi tiết nhựa PPS, PA66 dùng gần động cơ.", "PPS and PA66 parts for use near engines.", "cong-nghiep-ho-tro"),
        ),
    ),
    ExhibitorRow(
        "tsukiyama-motor-viet-nam",
        "Tsukiyama Motor Việt Nam",
        "Tsukiyama Motor Vietnam",
        "Công ty TNHH Tsukiyama Motor Việt Nam",
        "JP",
        "kcn-noi-bai",
        ("dien",),
        (("A", 2),),
        "Doanh nghiệp mẫu sản xuất động cơ điện cỡ nhỏ và quạt làm mát cho thiết bị gia dụng "
        "và công nghiệp.",
        "A sample maker of small electric motors and cooling fans for household and industrial "
        "equipment.",
        (
            P("Động cơ điện một chiều", "DC motor", "Động cơ một chiều không chổi than, chạy êm.", "Quiet brushless DC motors.", "dien"),
            P("Quạt làm mát công nghiệp", "Industrial cooling fan", "Quạt hướng trục làm mát tủ điện và máy móc.", "Axial fans that cool control cabinets and machines.", "dien"),
            P("Bộ điều khiển động cơ", "Motor controller", "Bộ điều khiển tốc độ cho động cơ không chổi than.", "Speed controllers for brushless motors.", "dien"),
        ),
    ),
    ExhibitorRow(
        "kirameki-optics-viet-nam",
        "Kirameki Quang học Việt Nam",
        "Kirameki Optics Vietnam",
        "Công ty TNHH Kirameki Quang học Việt Nam",
        "JP",
        "kcn-thang-long",
        ("cong-nghe-cao", "linh-kien-cong-nghe-cao"),
        (("A", 2),),
        "Doanh nghiệp mẫu chế tạo thấu kính và mô-đun camera cho điện thoại, ô tô và thiết bị "
        "an ninh.",
        "A sample maker of lenses and camera modules for phones, cars and security equipment.",
        (
            P("Thấu kính quang học", "Optical lens", "Thấu kính thuỷ tinh và nhựa có lớp phủ chống phản xạ.", "Glass and plastic lenses with anti-reflective coating.", "linh-kien-cong-nghe-cao"),
            P("Mô-đun camera", "Camera module", "Mô-đun camera độ phân giải cao cho thiết bị thông minh.", "High-resolution camera modules for smart devices.", "linh-kien-cong-nghe-cao"),
            P("Camera lùi ô tô", "Car reversing camera", "Camera lùi chống nước, góc nhìn rộng.", "A waterproof wide-angle reversing camera.", "cong-nghe-cao"),
        ),
    ),
    ExhibitorRow(
        "yukihana-foods-viet-nam",
        "Yukihana Foods Việt Nam",
        "Yukihana Foods Vietnam",
        "Công ty TNHH Yukihana Foods Việt Nam",
        "JP",
        "kcn-quang-minh",
        ("thuc-pham",),
        (("B", 2),),
        "Doanh nghiệp mẫu chế biến bánh kẹo và gia vị theo công thức Nhật Bản cho thị trường "
        "trong nước và xuất khẩu.",
        "A sample confectionery and seasoning maker using Japanese recipes, for Vietnam and "
        "for export.",
        (
            P("Bánh quy bơ", "Butter biscuits", "Bánh quy bơ giòn đóng hộp quà.", "Crisp butter biscuits in gift tins.", "thuc-pham"),
            P("Mì udon", "Udon noodles", "Mì udon tươi đóng gói, bảo quản lạnh.", "Fresh packed udon noodles, kept chilled.", "thuc-pham"),
            P("Nước tương", "Soy sauce", "Nước tương lên men tự nhiên.", "Naturally brewed soy sauce.", "thuc-pham"),
        ),
    ),
    ExhibitorRow(
        "sakuradai-pharma-viet-nam",
        "Sakuradai Pharma Việt Nam",
        "Sakuradai Pharma Vietnam",
        "Công ty TNHH Sakuradai Pharma Việt Nam",
        "JP",
        "kcn-thach-that-quoc-oai",
        ("duoc-pham",),
        (("B", 3),),
        "Doanh nghiệp mẫu sản xuất thuốc thông dụng trên dây chuyền đạt chuẩn GMP.",
        "A sample maker of everyday medicines on GMP-certified lines.",
        (
            P("Thuốc hạ sốt giảm đau", "Pain and fever tablets", "Viên nén paracetamol 500 mg.", "Paracetamol 500 mg tablets.", "duoc-pham"),
            P("Siro ho trẻ em", "Children's cough syrup", "Siro ho chiết xuất thảo dược cho trẻ em.", "A herbal cough syrup for children.", "duoc-pham"),
            P("Vitamin tổng hợp", "Multivitamin", "Viên uống vitamin và khoáng chất hằng ngày.", "Daily vitamin and mineral tablets.", "duoc-pham"),
        ),
        featured=True,
    ),
    ExhibitorRow(
        "minatoya-medical-viet-nam",
        "Minatoya Medical Việt Nam",
        "Minatoya Medical Vietnam",
        "Công ty TNHH Minatoya Medical Việt Nam",
        "JP",
        "kcn-phu-nghia",
        ("y-te",),
        (("B", 2),),
        "Doanh nghiệp mẫu sản xuất vật tư y tế tiêu hao trong phòng sạch.",
        "A sample maker of disposable medical supplies in clean rooms.",
        (
            P("Bơm kim tiêm", "Disposable syringe", "Bơm kim tiêm vô trùng dùng một lần.", "Sterile single-use syringes.", "y-te"),
            P("Dây truyền dịch", "Infusion set", "Bộ dây truyền dịch có bầu đếm giọt.", "Infusion sets with a drip chamber.", "y-te"),
            P("Găng tay y tế", "Medical gloves", "Găng tay nitrile không bột.", "Powder-free nitrile gloves.", "y-te"),
        ),
    ),
    ExhibitorRow(
        "takanome-electric-viet-nam",
        "Takanome Electric Việt Nam",
        "Takanome Electric Vietnam",
        "Công ty TNHH Takanome Electric Việt Nam",
        "JP",
        "kcn-nam-thang-long",
        ("dien",),
        (("A", 2),),
        "Doanh nghiệp mẫu sản xuất thiết bị đóng cắt và thiết bị điện dân dụng.",
        "A sample maker of switchgear and household electrical fittings.",
        (
            P("Cầu dao tự động", "Circuit breaker", "Cầu dao tự động MCB và MCCB.", "MCB and MCCB circuit breakers.", "dien"),
            P("Ổ cắm và công tắc", "Sockets and switches", "Ổ cắm, công tắc âm tường nhiều mẫu.", "Wall sockets and switches in many designs.", "dien"),
            P("Tủ điện phân phối", "Distribution board", "Tủ điện phân phối cho nhà xưởng và toà nhà.", "Distribution boards for factories and buildings.", "dien"),
        ),
    ),
    ExhibitorRow(
        "hibikino-cable-viet-nam",
        "Hibikino Cable Việt Nam",
        "Hibikino Cable Vietnam",
        "Công ty TNHH Hibikino Cable Việt Nam",
        "JP",
        "kcn-sai-dong-b",
        ("dien",),
        (("A", 2),),
        "Doanh nghiệp mẫu sản xuất dây và cáp điện, cáp mạng cho công trình và nhà máy.",
        "A sample maker of power and network cables for buildings and factories.",
        (
            P("Cáp điện lực", "Power cable", "Cáp đồng bọc XLPE hạ thế.", "Low-voltage XLPE-insulated copper cable.", "dien"),
            P("Cáp mạng", "Network cable", "Cáp mạng Cat6 cho văn phòng và nhà xưởng.", "Cat6 network cable for offices and plants.", "dien"),
            P("Dây điện dân dụng", "House wiring", "Dây điện mềm bọc PVC nhiều tiết diện.", "Flexible PVC-insulated wire in several gauges.", "dien"),
        ),
    ),
    ExhibitorRow(
        "shiranami-lo-xo-viet-nam",
        "Shiranami Lò xo Việt Nam",
        "Shiranami Springs Vietnam",
        "Công ty TNHH Shiranami Lò xo Việt Nam",
        "JP",
        "kcn-quang-minh",
        ("linh-kien-co-khi", "cong-nghiep-ho-tro"),
        (("A", 2),),
        "Doanh nghiệp mẫu sản xuất lò xo, ốc vít và chi tiết dập cho các nhà máy lắp ráp.",
        "A sample maker of springs, screws and stamped parts for assembly plants.",
        (
            P("Lò xo", "Springs", "Lò xo nén, kéo và xoắn theo yêu cầu.", "Compression, tension and torsion springs to order.", "linh-kien-co-khi"),
            P("Ốc vít", "Screws", "Ốc vít thép không gỉ và thép mạ.", "Stainless and plated steel screws.", "linh-kien-co-khi"),
            P("Chi tiết dập", "Stamped parts", "Chi tiết kim loại dập cho máy in và xe máy.", "Stamped metal parts for printers and motorbikes.", "linh-kien-co-khi"),
        ),
    ),
    ExhibitorRow(
        "kurobane-duc-ap-luc-viet-nam",
        "Kurobane Đúc áp lực Việt Nam",
        "Kurobane Die Casting Vietnam",
        "Công ty TNHH Kurobane Đúc áp lực Việt Nam",
        "JP",
        "kcn-noi-bai",
        ("co-khi-che-tao",),
        (("A", 1), ("C", 1)),
        "Doanh nghiệp mẫu đúc áp lực nhôm và gia công hoàn thiện chi tiết.",
        "A sample aluminium die-casting and finishing company.",
        (
            P("Vỏ nhôm đúc", "Die-cast aluminium housing", "Vỏ hộp số và vỏ động cơ bằng nhôm đúc.", "Die-cast aluminium gearbox and motor housings.", "co-khi-che-tao"),
            P("Tản nhiệt nhôm", "Aluminium heat sink", "Tản nhiệt cho đèn LED và bộ nguồn.", "Heat sinks for LED lights and power supplies.", "co-khi-che-tao"),
            P("Chi tiết xe máy", "Motorbike parts", "Nắp máy, tay phanh và chi tiết đúc xe máy.", "Cylinder covers, brake levers and other cast motorbike parts.", "co-khi-che-tao"),
        ),
    ),
    ExhibitorRow(
        "tomoshibi-led-viet-nam",
        "Tomoshibi LED Việt Nam",
        "Tomoshibi LED Vietnam",
        "Công ty TNHH Tomoshibi LED Việt Nam",
        "JP",
        "kcn-ha-noi-dai-tu",
        ("dien", "dien-tu"),
        (("A", 2),),
        "Doanh nghiệp mẫu sản xuất đèn LED và bộ nguồn tiết kiệm năng lượng.",
        "A sample maker of energy-saving LED lights and drivers.",
        (
            P("Đèn LED nhà xưởng", "LED high-bay light", "Đèn LED treo cao cho nhà xưởng, kho hàng.", "High-bay LED lights for factories and warehouses.", "dien"),
            P("Đèn đường LED", "LED street light", "Đèn đường LED có cảm biến ánh sáng.", "LED street lights with a light sensor.", "dien"),
            P("Bộ nguồn LED", "LED driver", "Bộ nguồn dòng không đổi cho đèn LED.", "Constant-current drivers for LED lights.", "dien-tu"),
        ),
    ),
    ExhibitorRow(
        "natsugumo-packaging-viet-nam",
        "Natsugumo Packaging Việt Nam",
        "Natsugumo Packaging Vietnam",
        "Công ty TNHH Natsugumo Packaging Việt Nam",
        "JP",
        "kcn-quang-minh",
        ("cong-nghiep-che-bien-che-tao",),
        (("B", 2),),
        "Doanh nghiệp mẫu sản xuất bao bì giấy và màng nhựa cho hàng xuất khẩu.",
        "A sample maker of paper and film packaging for export goods.",
        (
            P("Thùng carton", "Corrugated box", "Thùng carton 3 và 5 lớp in flexo.", "Three- and five-ply flexo-printed boxes.", "cong-nghiep-che-bien-che-tao"),
            P("Màng co", "Shrink film", "Màng co POF đóng gói sản phẩm.", "POF shrink film for product packing.", "cong-nghiep-che-bien-che-tao"),
            P("Khay giấy định hình", "Moulded pulp tray", "Khay giấy thay cho xốp chèn hàng.", "Pulp trays that replace foam inserts.", "cong-nghiep-che-bien-che-tao"),
        ),
    ),
    ExhibitorRow(
        "harukaze-robotics-viet-nam",
        "Harukaze Robotics Việt Nam",
        "Harukaze Robotics Vietnam",
        "Công ty TNHH Harukaze Robotics Việt Nam",
        "JP",
        "kcn-thang-long",
        ("cong-nghe-cao",),
        (("premium", 1), ("A", 2)),
        "Doanh nghiệp mẫu về robot công nghiệp và hệ thống tự động hoá dây chuyền.",
        "A sample company in industrial robots and production-line automation.",
        (
            P("Cánh tay robot", "Robot arm", "Robot 6 trục cho lắp ráp và hàn.", "Six-axis robots for assembly and welding.", "cong-nghe-cao"),
            P("Băng tải thông minh", "Smart conveyor", "Băng tải có cảm biến đếm và phân loại.", "Conveyors with counting and sorting sensors.", "cong-nghe-cao"),
            P("Hệ thống kiểm tra bằng camera", "Vision inspection system", "Kiểm tra lỗi sản phẩm bằng camera và phần mềm.", "Camera and software that find product defects.", "cong-nghe-cao"),
        ),
        featured=True,
    ),
    ExhibitorRow(
        "mikazuki-semiconductor-viet-nam",
        "Mikazuki Semiconductor Việt Nam",
        "Mikazuki Semiconductor Vietnam",
        "Công ty TNHH Mikazuki Semiconductor Việt Nam",
        "JP",
        "kcn-bac-thang-long",
        ("cong-nghe-cao", "linh-kien-cong-nghe-cao"),
        (("A", 2),),
        "Doanh nghiệp mẫu đóng gói và kiểm tra vi mạch, mô-đun không dây.",
        "A sample company that packages and tests chips and wireless modules.",
        (
            P("Vi mạch điều khiển", "Microcontroller", "Vi mạch điều khiển 32 bit cho thiết bị gia dụng.", "32-bit microcontrollers for home appliances.", "linh-kien-cong-nghe-cao"),
            P("Mô-đun Bluetooth", "Bluetooth module", "Mô-đun Bluetooth năng lượng thấp.", "Low-energy Bluetooth modules.", "linh-kien-cong-nghe-cao"),
            P("Cảm biến ảnh", "Image sensor", "Cảm biến ảnh CMOS cho camera công nghiệp.", "CMOS image sensors for industrial cameras.", "linh-kien-cong-nghe-cao"),
        ),
    ),
    ExhibitorRow(
        "amanogawa-textile-viet-nam",
        "Amanogawa Textile Việt Nam",
        "Amanogawa Textile Vietnam",
        "Công ty TNHH Amanogawa Textile Việt Nam",
        "JP",
        "kcn-nam-thang-long",
        ("cong-nghiep-che-bien-che-tao",),
        (("B", 1),),
        "Doanh nghiệp mẫu dệt vải kỹ thuật và may đồ bảo hộ lao động.",
        "A sample weaver of technical fabrics and maker of protective workwear.",
        (
            P("Vải kỹ thuật", "Technical fabric", "Vải chống tĩnh và chống cháy.", "Anti-static and flame-retardant fabric.", "cong-nghiep-che-bien-che-tao"),
            P("Quần áo bảo hộ", "Protective workwear", "Quần áo bảo hộ cho nhà máy và phòng sạch.", "Workwear for factories and clean rooms.", "cong-nghiep-che-bien-che-tao"),
            P("Găng tay bảo hộ", "Safety gloves", "Găng tay chống cắt phủ PU.", "PU-coated cut-resistant gloves.", "cong-nghiep-che-bien-che-tao"),
        ),
    ),
    ExhibitorRow(
        "suzukaze-beverages-viet-nam",
        "Suzukaze Beverages Việt Nam",
        "Suzukaze Beverages Vietnam",
        "Công ty TNHH Suzukaze Beverages Việt Nam",
        "JP",
        "kcn-bac-thang-long",
        ("thuc-pham",),
        (("B", 2),),
        "Doanh nghiệp mẫu sản xuất đồ uống đóng chai và đóng lon.",
        "A sample maker of bottled and canned drinks.",
        (
            P("Trà xanh đóng chai", "Bottled green tea", "Trà xanh không đường đóng chai 500 ml.", "Unsweetened green tea in 500 ml bottles.", "thuc-pham"),
            P("Cà phê lon", "Canned coffee", "Cà phê sữa pha sẵn đóng lon.", "Ready-to-drink milk coffee in cans.", "thuc-pham"),
            P("Nước ép trái cây", "Fruit juice", "Nước ép cam và ổi nguyên chất.", "Pure orange and guava juice.", "thuc-pham"),
        ),
    ),
    ExhibitorRow(
        "hanabishi-bearings-viet-nam",
        "Hanabishi Bearings Việt Nam",
        "Hanabishi Bearings Vietnam",
        "Công ty TNHH Hanabishi Bearings Việt Nam",
        "JP",
        "kcn-noi-bai",
        ("linh-kien-co-khi",),
        (("A", 2),),
        "Doanh nghiệp mẫu sản xuất vòng bi cho động cơ, quạt và máy nông nghiệp.",
        "A sample maker of bearings for motors, fans and farm machinery.",
        (
            P("Vòng bi cầu", "Ball bearing", "Vòng bi cầu rãnh sâu có phớt chắn bụi.", "Sealed deep-groove ball bearings.", "linh-kien-co-khi"),
            P("Vòng bi côn", "Tapered roller bearing", "Vòng bi côn cho hộp số và bánh xe.", "Tapered roller bearings for gearboxes and wheels.", "linh-kien-co-khi"),
            P("Gối đỡ vòng bi", "Bearing housing unit", "Gối đỡ gang có vòng bi lắp sẵn.", "Cast-iron housings with bearings fitted.", "linh-kien-co-khi"),
        ),
    ),
    ExhibitorRow(
        "umikaze-diagnostics-viet-nam",
        "Umikaze Diagnostics Việt Nam",
        "Umikaze Diagnostics Vietnam",
        "Công ty TNHH Umikaze Diagnostics Việt Nam",
        "JP",
        "kcn-sai-dong-b",
        ("y-te",),
        (("B", 1),),
        "Doanh nghiệp mẫu sản xuất thiết bị đo sức khoẻ dùng tại nhà.",
        "A sample maker of health monitors for use at home.",
        (
            P("Máy đo huyết áp", "Blood pressure monitor", "Máy đo huyết áp bắp tay tự động.", "An automatic upper-arm blood pressure monitor.", "y-te"),
            P("Nhiệt kế hồng ngoại", "Infrared thermometer", "Nhiệt kế đo trán không tiếp xúc.", "A no-contact forehead thermometer.", "y-te"),
            P("Máy đo đường huyết", "Blood glucose meter", "Máy đo đường huyết kèm que thử.", "A blood glucose meter with test strips.", "y-te"),
        ),
    ),
    ExhibitorRow(
        "yamabuki-machine-tools-viet-nam",
        "Yamabuki Machine Tools Việt Nam",
        "Yamabuki Machine Tools Vietnam",
        "Công ty TNHH Yamabuki Machine Tools Việt Nam",
        "JP",
        "kcn-quang-minh",
        ("co-khi-che-tao",),
        (("C", 2), ("A", 1)),
        "Doanh nghiệp mẫu lắp ráp máy công cụ CNC và cung cấp dụng cụ cắt.",
        "A sample assembler of CNC machine tools and supplier of cutting tools.",
        (
            P("Máy tiện CNC", "CNC lathe", "Máy tiện CNC băng nghiêng, mâm cặp 8 inch.", "A slant-bed CNC lathe with an 8-inch chuck.", "co-khi-che-tao"),
            P("Trung tâm gia công", "Machining centre", "Trung tâm gia công đứng 3 trục.", "A three-axis vertical machining centre.", "co-khi-che-tao"),
            P("Dao phay", "Milling cutter", "Dao phay hợp kim phủ TiAlN.", "TiAlN-coated carbide milling cutters.", "co-khi-che-tao"),
        ),
    ),
    ExhibitorRow(
        "sorahane-dien-lanh-viet-nam",
        "Sorahane Điện lạnh Việt Nam",
        "Sorahane Refrigeration Vietnam",
        "Công ty TNHH Sorahane Điện lạnh Việt Nam",
        "JP",
        "kcn-thach-that-quoc-oai",
        ("dien", "linh-kien-co-khi"),
        (("C", 1), ("A", 1)),
        "Doanh nghiệp mẫu sản xuất linh kiện cho máy điều hoà và tủ lạnh.",
        "A sample maker of parts for air conditioners and refrigerators.",
        (
            P("Máy nén điều hoà", "Air-conditioner compressor", "Máy nén rôto cho điều hoà gia dụng.", "Rotary compressors for home air conditioners.", "dien"),
            P("Dàn trao đổi nhiệt", "Heat exchanger coil", "Dàn ống đồng cánh nhôm.", "Copper-tube, aluminium-fin coils.", "linh-kien-co-khi"),
            P("Ống đồng", "Copper tube", "Ống đồng cuộn cho ngành lạnh.", "Coiled copper tube for refrigeration.", "linh-kien-co-khi"),
        ),
    ),
    ExhibitorRow(
        "kiriyama-auto-parts-viet-nam",
        "Kiriyama Auto Parts Việt Nam",
        "Kiriyama Auto Parts Vietnam",
        "Công ty TNHH Kiriyama Auto Parts Việt Nam",
        "JP",
        "kcn-soc-son",
        ("linh-kien-co-khi", "cong-nghiep-ho-tro"),
        (("C", 2),),
        "Doanh nghiệp mẫu sản xuất phụ tùng ô tô, một trong những nhà đầu tư đầu tiên của KCN "
        "Sóc Sơn.",
        "A sample car-parts maker, one of the first investors in Soc Son Industrial Zone.",
        (
            P("Cụm bàn đạp phanh", "Brake pedal assembly", "Cụm bàn đạp phanh và ly hợp cho ô tô con.", "Brake and clutch pedal assemblies for cars.", "linh-kien-co-khi"),
            P("Chi tiết dập thân xe", "Car body stampings", "Chi tiết thân xe dập từ thép cường độ cao.", "Body parts stamped from high-strength steel.", "linh-kien-co-khi"),
            P("Ống xả ô tô", "Car exhaust pipe", "Ống xả thép không gỉ.", "Stainless steel exhaust pipes.", "cong-nghiep-ho-tro"),
        ),
    ),
    # Singapore
    ExhibitorRow(
        "lionpoint-automation-viet-nam",
        "Lionpoint Automation Việt Nam",
        "Lionpoint Automation Vietnam",
        "Công ty TNHH Lionpoint Automation Việt Nam",
        "SG",
        "kcn-nam-thang-long",
        ("cong-nghe-cao", "dien"),
        (("A", 2),),
        "Doanh nghiệp mẫu vốn Singapore cung cấp giải pháp điều khiển và tự động hoá nhà máy.",
        "A sample Singapore-owned supplier of factory control and automation systems.",
        (
            P("Bộ điều khiển lập trình PLC", "Programmable logic controller", "PLC dạng mô-đun cho dây chuyền sản xuất.", "Modular PLCs for production lines.", "cong-nghe-cao"),
            P("Màn hình HMI", "HMI touch panel", "Màn hình cảm ứng vận hành máy.", "Touch panels for running machines.", "cong-nghe-cao"),
            P("Biến tần", "Variable frequency drive", "Biến tần điều khiển tốc độ động cơ, tiết kiệm điện.", "Drives that control motor speed and save power.", "dien"),
        ),
    ),
    ExhibitorRow(
        "tanjong-medtech-viet-nam",
        "Tanjong Medtech Việt Nam",
        "Tanjong Medtech Vietnam",
        "Công ty TNHH Tanjong Medtech Việt Nam",
        "SG",
        "kcn-ha-noi-dai-tu",
        ("y-te",),
        (("B", 2),),
        "Doanh nghiệp mẫu vốn Singapore lắp ráp thiết bị y tế cho bệnh viện.",
        "A sample Singapore-owned assembler of hospital equipment.",
        (
            P("Monitor theo dõi bệnh nhân", "Patient monitor", "Theo dõi nhịp tim, SpO2 và huyết áp.", "Tracks heart rate, SpO2 and blood pressure.", "y-te"),
            P("Giường bệnh đa năng", "Hospital bed", "Giường bệnh nâng hạ bằng động cơ.", "A motorised adjustable hospital bed.", "y-te"),
            P("Máy hút dịch", "Medical suction pump", "Máy hút dịch di động cho phòng mổ.", "A portable suction pump for operating rooms.", "y-te"),
        ),
    ),
    ExhibitorRow(
        "kallang-nutrition-viet-nam",
        "Kallang Nutrition Việt Nam",
        "Kallang Nutrition Vietnam",
        "Công ty TNHH Kallang Nutrition Việt Nam",
        "SG",
        "kcn-quang-minh",
        ("thuc-pham",),
        (("B", 2),),
        "Doanh nghiệp mẫu vốn Singapore sản xuất thực phẩm dinh dưỡng.",
        "A sample Singapore-owned maker of nutrition foods.",
        (
            P("Sữa bột dinh dưỡng", "Nutritional milk powder", "Sữa bột cho người lớn tuổi.", "Milk powder for older adults.", "thuc-pham"),
            P("Ngũ cốc ăn sáng", "Breakfast cereal", "Ngũ cốc nguyên hạt ít đường.", "Low-sugar wholegrain cereal.", "thuc-pham"),
            P("Thanh ngũ cốc", "Cereal bar", "Thanh ngũ cốc hạt và trái cây sấy.", "Bars of nuts, grains and dried fruit.", "thuc-pham"),
        ),
    ),
    ExhibitorRow(
        "orchid-circuit-viet-nam",
        "Orchid Circuit Việt Nam",
        "Orchid Circuit Vietnam",
        "Công ty TNHH Orchid Circuit Việt Nam",
        "SG",
        "kcn-sai-dong-b",
        ("dien-tu", "linh-kien-dien-tu"),
        (("A", 2),),
        "Doanh nghiệp mẫu vốn Singapore lắp ráp bảng mạch điện tử theo hợp đồng.",
        "A sample Singapore-owned contract assembler of electronic boards.",
        (
            P("Lắp ráp bảng mạch SMT", "SMT board assembly", "Dán linh kiện SMT và kiểm tra AOI.", "SMT placement with automated optical inspection.", "linh-kien-dien-tu"),
            P("Bàn phím màng", "Membrane keypad", "Bàn phím màng cho thiết bị y tế và công nghiệp.", "Membrane keypads for medical and industrial devices.", "linh-kien-dien-tu"),
            P("Cáp tín hiệu", "Signal cable", "Cáp tín hiệu và cáp dẹt theo yêu cầu.", "Signal and ribbon cables to order.", "linh-kien-dien-tu"),
        ),
    ),
    # Hong Kong
    ExhibitorRow(
        "kowloon-bright-electronics-viet-nam",
        "Kowloon Bright Electronics Việt Nam",
        "Kowloon Bright Electronics Vietnam",
        "Công ty TNHH Kowloon Bright Electronics Việt Nam",
        "HK",
        "kcn-noi-bai",
        ("dien-tu",),
        (("A", 2),),
        "Doanh nghiệp mẫu vốn Hồng Kông sản xuất phụ kiện điện tử tiêu dùng.",
        "A sample Hong Kong-owned maker of consumer electronics accessories.",
        (
            P("Sạc điện thoại", "Phone charger", "Củ sạc nhanh USB-C 30 W.", "A 30 W USB-C fast charger.", "dien-tu"),
            P("Tai nghe không dây", "Wireless earphones", "Tai nghe Bluetooth chống ồn.", "Noise-cancelling Bluetooth earphones.", "dien-tu"),
            P("Loa Bluetooth", "Bluetooth speaker", "Loa di động chống nước.", "A waterproof portable speaker.", "dien-tu"),
        ),
    ),
    ExhibitorRow(
        "harbourline-packaging-viet-nam",
        "Harbourline Packaging Việt Nam",
        "Harbourline Packaging Vietnam",
        "Công ty TNHH Harbourline Packaging Việt Nam",
        "HK",
        "kcn-phu-nghia",
        ("cong-nghiep-che-bien-che-tao",),
        (("B", 1),),
        "Doanh nghiệp mẫu vốn Hồng Kông in ấn bao bì và nhãn hàng hoá.",
        "A sample Hong Kong-owned printer of packaging and labels.",
        (
            P("Túi giấy", "Paper bag", "Túi giấy kraft có quai.", "Kraft paper bags with handles.", "cong-nghiep-che-bien-che-tao"),
            P("Hộp quà", "Gift box", "Hộp cứng in offset cho quà tặng.", "Rigid offset-printed gift boxes.", "cong-nghiep-che-bien-che-tao"),
            P("Nhãn in", "Printed labels", "Nhãn decal cuộn cho dây chuyền dán nhãn.", "Roll labels for labelling lines.", "cong-nghiep-che-bien-che-tao"),
        ),
    ),
    ExhibitorRow(
        "lantau-precision-metal-viet-nam",
        "Lantau Precision Metal Việt Nam",
        "Lantau Precision Metal Vietnam",
        "Công ty TNHH Lantau Precision Metal Việt Nam",
        "HK",
        "kcn-ha-noi-dai-tu",
        ("co-khi-che-tao",),
        (("C", 1), ("A", 1)),
        "Doanh nghiệp mẫu vốn Hồng Kông gia công kim loại tấm và sơn tĩnh điện.",
        "A sample Hong Kong-owned sheet-metal and powder-coating shop.",
        (
            P("Vỏ tủ kim loại", "Sheet-metal enclosure", "Vỏ tủ thép tấm sơn tĩnh điện.", "Powder-coated sheet-steel enclosures.", "co-khi-che-tao"),
            P("Giá đỡ kim loại", "Metal brackets", "Giá đỡ dập và uốn theo bản vẽ.", "Brackets punched and bent to drawings.", "co-khi-che-tao"),
            P("Khung tủ rack", "Server rack frame", "Khung tủ rack 19 inch.", "19-inch rack frames.", "co-khi-che-tao"),
        ),
    ),
    # South Korea
    ExhibitorRow(
        "hanbit-display-viet-nam",
        "Hanbit Display Việt Nam",
        "Hanbit Display Vietnam",
        "Công ty TNHH Hanbit Display Việt Nam",
        "KR",
        "kcn-quang-minh",
        ("dien-tu", "cong-nghe-cao"),
        (("premium", 1), ("A", 2)),
        "Doanh nghiệp mẫu vốn Hàn Quốc sản xuất màn hình và tấm cảm ứng.",
        "A sample Korean-owned maker of displays and touch panels.",
        (
            P("Màn hình LCD công nghiệp", "Industrial LCD", "Màn hình LCD độ sáng cao cho máy móc.", "High-brightness LCDs for machines.", "dien-tu"),
            P("Tấm cảm ứng", "Touch panel", "Tấm cảm ứng điện dung nhiều điểm.", "Multi-touch capacitive panels.", "dien-tu"),
            P("Bảng LED quảng cáo", "LED signage", "Màn hình LED ngoài trời.", "Outdoor LED screens.", "dien-tu"),
        ),
        featured=True,
    ),
    ExhibitorRow(
        "daon-battery-viet-nam",
        "Daon Battery Việt Nam",
        "Daon Battery Vietnam",
        "Công ty TNHH Daon Battery Việt Nam",
        "KR",
        "kcn-bac-thang-long",
        ("dien", "cong-nghe-cao"),
        (("C", 1), ("A", 2)),
        "Doanh nghiệp mẫu vốn Hàn Quốc sản xuất pin lithium và thiết bị lưu trữ điện.",
        "A sample Korean-owned maker of lithium batteries and energy storage.",
        (
            P("Pin lithium", "Lithium battery pack", "Khối pin lithium cho xe điện hai bánh.", "Lithium packs for electric two-wheelers.", "dien"),
            P("Bộ lưu điện UPS", "UPS", "Bộ lưu điện cho văn phòng và phòng máy.", "Uninterruptible power supplies for offices and server rooms.", "dien"),
            P("Trạm sạc xe điện", "EV charger", "Trạm sạc xe điện treo tường 7 kW.", "A 7 kW wall-mounted EV charger.", "dien"),
        ),
    ),
    ExhibitorRow(
        "sobaek-pharm-viet-nam",
        "Sobaek Pharm Việt Nam",
        "Sobaek Pharm Vietnam",
        "Công ty TNHH Sobaek Pharm Việt Nam",
        "KR",
        "kcn-thach-that-quoc-oai",
        ("duoc-pham",),
        (("B", 2),),
        "Doanh nghiệp mẫu vốn Hàn Quốc sản xuất thuốc nhỏ mắt và men vi sinh.",
        "A sample Korean-owned maker of eye drops and probiotics.",
        (
            P("Thuốc nhỏ mắt", "Eye drops", "Thuốc nhỏ mắt làm dịu và giữ ẩm.", "Soothing, moisturising eye drops.", "duoc-pham"),
            P("Men vi sinh", "Probiotics", "Men vi sinh dạng gói cho đường ruột.", "Probiotic sachets for gut health.", "duoc-pham"),
            P("Viên nang kháng sinh", "Antibiotic capsules", "Viên nang amoxicillin 500 mg, bán theo đơn.", "Amoxicillin 500 mg capsules, prescription only.", "duoc-pham"),
        ),
    ),
    ExhibitorRow(
        "saebyeok-machinery-viet-nam",
        "Saebyeok Machinery Việt Nam",
        "Saebyeok Machinery Vietnam",
        "Công ty TNHH Saebyeok Machinery Việt Nam",
        "KR",
        "kcn-soc-son",
        ("co-khi-che-tao", "dien"),
        (("C", 2),),
        "Doanh nghiệp mẫu vốn Hàn Quốc sản xuất máy nén khí, máy bơm và quạt công nghiệp.",
        "A sample Korean-owned maker of compressors, pumps and industrial fans.",
        (
            P("Máy nén khí", "Air compressor", "Máy nén khí trục vít 22 kW.", "A 22 kW screw air compressor.", "co-khi-che-tao"),
            P("Máy bơm công nghiệp", "Industrial pump", "Máy bơm ly tâm trục ngang.", "Horizontal centrifugal pumps.", "co-khi-che-tao"),
            P("Quạt hút công nghiệp", "Industrial exhaust fan", "Quạt hút thông gió nhà xưởng.", "Exhaust fans that ventilate workshops.", "dien"),
        ),
    ),
    # Thailand
    ExhibitorRow(
        "cp-viet-nam",
        "C.P. Việt Nam",
        "C.P. Vietnam",
        "Công ty Cổ phần Chăn nuôi C.P. Việt Nam",
        "TH",
        None,
        ("thuc-pham", "cong-nghiep-che-bien-che-tao"),
        (("B", 3),),
        "Doanh nghiệp đối tác của tập đoàn Charoen Pokphand (Thái Lan) ngoài các khu công "
        "nghiệp Hà Nội: thức ăn chăn nuôi và thực phẩm chế biến.",
        "A partner company from outside Hanoi's zones, part of the Thai Charoen Pokphand "
        "group: animal feed and processed foods.",
        (
            P("Xúc xích tiệt trùng", "Shelf-stable sausages", "Xúc xích heo và gà ăn liền.", "Ready-to-eat pork and chicken sausages.", "thuc-pham"),
            P("Chả giò đông lạnh", "Frozen spring rolls", "Chả giò rế đông lạnh, chiên tại nhà.", "Frozen spring rolls to fry at home.", "thuc-pham"),
            P("Thức ăn chăn nuôi", "Animal feed", "Thức ăn hỗn hợp cho heo và gia cầm.", "Compound feed for pigs and poultry.", "cong-nghiep-che-bien-che-tao"),
        ),
        featured=True,
        address_vi="Khu công nghiệp Biên Hòa 2, tỉnh Đồng Nai",
        address_en="Bien Hoa 2 Industrial Zone, Dong Nai Province",
    ),
    ExhibitorRow(
        "chaophraya-ceramics-viet-nam",
        "Chaophraya Ceramics Việt Nam",
        "Chaophraya Ceramics Vietnam",
        "Công ty TNHH Chaophraya Ceramics Việt Nam",
        "TH",
        "kcn-phu-nghia",
        ("cong-nghiep-che-bien-che-tao",),
        (("C", 2),),
        "Doanh nghiệp mẫu vốn Thái Lan sản xuất gạch ốp lát và vật liệu hoàn thiện.",
        "A sample Thai-owned maker of tiles and finishing materials.",
        (
            P("Gạch ốp lát", "Floor and wall tiles", "Gạch porcelain vân đá 60 × 60 cm.", "60 × 60 cm stone-look porcelain tiles.", "cong-nghiep-che-bien-che-tao"),
            P("Ngói màu", "Roof tiles", "Ngói xi măng màu chống thấm.", "Waterproof coloured cement roof tiles.", "cong-nghiep-che-bien-che-tao"),
            P("Keo dán gạch", "Tile adhesive", "Keo dán gạch gốc xi măng.", "Cement-based tile adhesive.", "cong-nghiep-che-bien-che-tao"),
        ),
    ),
    # Vietnam
    ExhibitorRow(
        "co-khi-thien-ngan",
        "Cơ khí Thiên Ngân",
        "Thien Ngan Mechanical",
        "Công ty TNHH Cơ khí Thiên Ngân",
        "VN",
        "kcn-phu-nghia",
        ("co-khi-che-tao",),
        (("C", 2),),
        "Doanh nghiệp mẫu trong nước chế tạo kết cấu thép, băng tải và giá kệ kho hàng.",
        "A sample Vietnamese maker of steel structures, conveyors and warehouse racking.",
        (
            P("Khung thép nhà xưởng", "Steel factory frame", "Kết cấu thép tiền chế cho nhà xưởng.", "Pre-engineered steel frames for factories.", "co-khi-che-tao"),
            P("Băng tải con lăn", "Roller conveyor", "Băng tải con lăn cho kho và dây chuyền.", "Roller conveyors for warehouses and lines.", "co-khi-che-tao"),
            P("Kệ kho hàng", "Warehouse racking", "Kệ chứa hàng tải trọng nặng.", "Heavy-duty pallet racking.", "co-khi-che-tao"),
        ),
    ),
    ExhibitorRow(
        "duoc-pham-bach-thao-an",
        "Dược phẩm Bách Thảo An",
        "Bach Thao An Pharma",
        "Công ty Cổ phần Dược phẩm Bách Thảo An",
        "VN",
        "kcn-quang-minh",
        ("duoc-pham",),
        (("B", 2),),
        "Doanh nghiệp mẫu trong nước bào chế thuốc và sản phẩm từ dược liệu Việt Nam.",
        "A sample Vietnamese maker of medicines and products from Vietnamese herbs.",
        (
            P("Cao dược liệu", "Herbal extract", "Cao khô dược liệu chuẩn hoá.", "Standardised dry herbal extracts.", "duoc-pham"),
            P("Trà thảo mộc túi lọc", "Herbal tea bags", "Trà túi lọc atiso và cỏ ngọt.", "Artichoke and stevia tea bags.", "duoc-pham"),
            P("Viên nang bổ gan", "Liver support capsules", "Viên nang chiết xuất cà gai leo.", "Capsules of Solanum procumbens extract.", "duoc-pham"),
        ),
    ),
    ExhibitorRow(
        "dien-tu-ngan-ha-xanh",
        "Điện tử Ngân Hà Xanh",
        "Ngan Ha Xanh Electronics",
        "Công ty TNHH Điện tử Ngân Hà Xanh",
        "VN",
        "kcn-sai-dong-b",
        ("dien-tu", "linh-kien-dien-tu"),
        (("A", 2),),
        "Doanh nghiệp mẫu trong nước thiết kế và sản xuất bo mạch điều khiển, công tơ điện tử.",
        "A sample Vietnamese designer and maker of controller boards and smart meters.",
        (
            P("Bo mạch điều khiển", "Controller board", "Bo mạch điều khiển cho máy giặt và điều hoà.", "Controller boards for washing machines and air conditioners.", "linh-kien-dien-tu"),
            P("Công tơ điện tử", "Smart electricity meter", "Công tơ điện tử đọc số từ xa.", "Remote-read smart electricity meters.", "dien-tu"),
            P("Công tắc cảm ứng", "Touch switch", "Công tắc cảm ứng mặt kính cho nhà thông minh.", "Glass touch switches for smart homes.", "dien-tu"),
        ),
    ),
    ExhibitorRow(
        "thuc-pham-hoa-linh",
        "Thực phẩm Hoa Linh",
        "Hoa Linh Foods",
        "Công ty TNHH Thực phẩm Hoa Linh",
        "VN",
        "kcn-quang-minh",
        ("thuc-pham",),
        (("B", 2),),
        "Doanh nghiệp mẫu trong nước chế biến nông sản của vùng Mê Linh và các tỉnh lân cận.",
        "A sample Vietnamese processor of farm produce from Mê Linh and nearby provinces.",
        (
            P("Bánh gạo", "Rice crackers", "Bánh gạo lứt nướng giòn.", "Crisp baked brown-rice crackers.", "thuc-pham"),
            P("Miến dong", "Arrowroot noodles", "Miến dong sợi nhỏ, không chất tẩy trắng.", "Thin arrowroot noodles, unbleached.", "thuc-pham"),
            P("Rau quả sấy", "Dried fruit and vegetables", "Rau quả sấy lạnh giữ màu tự nhiên.", "Freeze-dried fruit and vegetables with natural colour.", "thuc-pham"),
        ),
    ),
]
# fmt: on
