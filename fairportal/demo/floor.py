"""The halls and their 110 booths (sample layout, sizes and prices).

Plan coordinates are in plan units of 10 per metre, relative to the hall: each hall
is its own drawing with (0, 0) at its top-left corner. Booths stand in rows with 3 m
aisles between them (5 m for the outdoor lane); island rows stand back to back.
"""

from dataclasses import dataclass
from decimal import Decimal

PLAN_UNITS_PER_METRE = 10

PRICES_VND = {
    "standard": 12_000_000,
    "corner": 14_000_000,
    "premium": 26_000_000,
    "raw_space": 30_000_000,
}
PRICE_INCLUDES_VAT = True


@dataclass(frozen=True)
class BoothSpot:
    code: str
    hall: str
    kind: str
    width_m: int
    depth_m: int
    x_m: int
    y_m: int

    @property
    def plan(self) -> dict[str, int]:
        unit = PLAN_UNITS_PER_METRE
        return {
            "plan_x": self.x_m * unit,
            "plan_y": self.y_m * unit,
            "plan_w": self.width_m * unit,
            "plan_h": self.depth_m * unit,
        }

    @property
    def size(self) -> dict[str, Decimal]:
        return {"width_m": Decimal(self.width_m), "depth_m": Decimal(self.depth_m)}


# (hall, y in metres, x of the first booth, count, width, depth, kind, corner ends,
#  extra gap in metres before booth n of the row: (n, gap) or None)
_ROWS = [
    # Hall A: a wall row, then two islands of back-to-back rows (50 booths).
    ("A", 2, 2, 10, 3, 3, "standard", False, None),
    ("A", 8, 2, 10, 3, 3, "standard", True, None),
    ("A", 11, 2, 10, 3, 3, "standard", True, None),
    ("A", 17, 2, 10, 3, 3, "standard", True, None),
    ("A", 20, 2, 10, 3, 3, "standard", True, None),
    # Hall B: premium booths along the back wall, an island, a front row (40 booths).
    ("B", 2, 2, 6, 6, 3, "premium", False, None),
    ("B", 8, 2, 12, 3, 3, "standard", True, None),
    ("B", 11, 2, 12, 3, 3, "standard", True, None),
    ("B", 17, 5, 10, 3, 3, "standard", False, None),
    # Outdoor area C: raw space on both sides of a 5 m lane, a cross aisle midway.
    ("C", 2, 2, 10, 6, 6, "raw_space", False, (5, 4)),
    ("C", 13, 2, 10, 6, 6, "raw_space", False, (5, 4)),
]

# Booths the board keeps for itself, with what stands there (the fascia).
KEPT = {
    "A01": ("Quầy thông tin – Ban tổ chức", "Information desk – organiser"),
    "A41": ("Điểm sơ cứu y tế", "First-aid point"),
    "B31": ("Khu báo chí", "Press corner"),
    "C01": ("Điểm đón xe đưa đón và an ninh", "Shuttle stop and security"),
}

# Booths left free on purpose across the halls (more stay free at the end of each pool).
LEFT_FREE = {"A10", "A20", "A30", "A40", "A50", "B18", "B30", "B40", "C10", "C20"}


# Where the side events happen (the programme's rooms), drawn beside the booths:
# (kind, name_vi, name_en, hall, x, y, width, depth in metres). Sample layout.
EVENT_PLACES = [
    ("stage", "Sân khấu chính", "Main stage", "A", 2, 26, 12, 6),
    ("seminar_room", "Phòng hội thảo 1", "Seminar room 1", "A", 17, 26, 12, 6),
    ("business_matching", "Khu kết nối doanh nghiệp", "Business matching area", "B", 2, 23, 18, 8),
    ("seminar_room", "Phòng hội thảo 2", "Seminar room 2", "B", 23, 23, 12, 8),
]


def booth_spots() -> list[BoothSpot]:
    spots: list[BoothSpot] = []
    numbers: dict[str, int] = {}
    for hall, y, x0, count, width, depth, kind, corners, gap in _ROWS:
        x = x0
        for index in range(count):
            if gap and index == gap[0]:
                x += gap[1]
            numbers[hall] = numbers.get(hall, 0) + 1
            at_end = index in (0, count - 1)
            spots.append(
                BoothSpot(
                    code=f"{hall}{numbers[hall]:02d}",
                    hall=hall,
                    kind="corner" if corners and at_end else kind,
                    width_m=width,
                    depth_m=depth,
                    x_m=x,
                    y_m=y,
                )
            )
            x += width
    return spots


def pool_of(spot: BoothSpot) -> str:
    """Which pool an exhibitor's booth request draws from: "A", "B", "premium" or "C"."""
    return "premium" if spot.kind == "premium" else spot.hall
