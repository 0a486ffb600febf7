"""The fair and its programme: editions, key figures, side events, seminar
registrations and business-matching meeting requests."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from exhibitors.models import Exhibitor, Sector
from fairportal import clock
from fairportal.models import TimeStamped, language_field
from fairportal.text import first_few

# More seats than any hall at Mê Linh holds: a typo with extra zeros, not a seminar.
# (The capacity's error message writes the figure out: change both together.)
MAX_CAPACITY = 10_000


class Fair(TimeStamped):
    """One edition of the fair (2024, 2025, …); exhibitors outlive it."""

    name = models.CharField(_("tên"), max_length=300)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    starts_on = models.DateField(_("ngày khai mạc"))
    ends_on = models.DateField(_("ngày bế mạc"))
    opens_at = models.TimeField(_("giờ mở cửa"), default=datetime.time(8, 0))
    closes_at = models.TimeField(_("giờ đóng cửa"), default=datetime.time(17, 0))
    last_day_closes_at = models.TimeField(
        _("giờ đóng cửa ngày bế mạc"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu như các ngày khác."),
    )
    venue = models.CharField(_("địa điểm"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=300)
    hotline = models.CharField(_("đường dây nóng"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail liên hệ"), blank=True)
    summary = models.TextField(_("giới thiệu ngắn"), blank=True)
    directions = models.TextField(_("đường đến"), blank=True, help_text=_("Xe buýt, xe đưa đón."))
    parking = models.TextField(_("bãi đỗ xe"), blank=True)
    map_url = models.URLField(
        _("liên kết bản đồ"), blank=True, help_text=_("Bản đồ mở, ví dụ OpenStreetMap.")
    )
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    move_in_starts_at = models.DateTimeField(_("bắt đầu dàn dựng"), null=True, blank=True)
    move_out_ends_at = models.DateTimeField(_("hạn tháo dỡ"), null=True, blank=True)
    # What an approved company is told comes next (approval mail, its booth pages).
    contract_within_days = models.PositiveSmallIntegerField(
        _("gửi hợp đồng trong (ngày)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(90, message=_("Tối đa 90 ngày."))],
        help_text=_(
            "Số ngày sau khi duyệt hồ sơ mà Ban tổ chức gửi hợp đồng thuê gian. "
            "Để trống nếu chưa định."
        ),
    )
    payment_due_on = models.DateField(
        _("hạn thanh toán tiền thuê gian"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu thanh toán theo hạn ghi trong hợp đồng."),
    )
    applications_open = models.BooleanField(_("đang nhận đăng ký gian hàng"), default=True)
    is_current = models.BooleanField(_("kỳ hiện tại"), default=False)
    is_sample = models.BooleanField(_("có dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("kỳ hội chợ")
        verbose_name_plural = pgettext_lazy("plural", "kỳ hội chợ")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="fair_one_current",
                violation_error_message=_(
                    "Đã có một kỳ hội chợ hiện hành; bỏ đánh dấu kỳ đó trước."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="fair_ends_after_start",
                violation_error_message=_("Ngày bế mạc không được trước ngày khai mạc."),
            ),
        ]

    def __str__(self):
        return self.name or self.name_vi

    @property
    def takes_applications(self) -> bool:
        """Booth applications are open: the board's switch, and never after the last day."""
        return self.applications_open and self.ends_on >= clock.today()

    @property
    def days(self) -> list[datetime.date]:
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + datetime.timedelta(days=offset) for offset in range(count)]

    def closing_time(self, day: datetime.date) -> datetime.time:
        if day == self.ends_on and self.last_day_closes_at:
            return self.last_day_closes_at
        return self.closes_at


class FairFigure(TimeStamped):
    """A key figure shown on the home page ("726 dự án đang hoạt động"), edited by the board."""

    fair = models.ForeignKey(
        Fair, verbose_name=_("kỳ hội chợ"), on_delete=models.CASCADE, related_name="figures"
    )
    value = models.CharField(_("con số"), max_length=40)
    label = models.CharField(_("nội dung"), max_length=200)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("số liệu nổi bật")
        verbose_name_plural = pgettext_lazy("plural", "số liệu nổi bật")
        ordering = ["fair", "position", "id"]

    def __str__(self):
        return f"{self.value} {self.label}"


class SideEvent(TimeStamped):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Khai mạc")
        SEMINAR = "seminar", _("Hội thảo")
        WORKSHOP = "workshop", _("Tọa đàm chuyên đề")
        BUSINESS_MATCHING = "business_matching", _("Kết nối doanh nghiệp")
        # Its own context: the menu's "Tham quan" is the visitor information page ("Visit").
        TOUR = "tour", pgettext_lazy("side event kind", "Tham quan")

    fair = models.ForeignKey(
        Fair, verbose_name=_("kỳ hội chợ"), on_delete=models.CASCADE, related_name="side_events"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=150, unique=True)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True)
    description = models.TextField(_("nội dung"), blank=True)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    room = models.CharField(_("phòng"), max_length=200, blank=True)
    # By name: the places are drawn on the floor plan (booths), which builds on events.
    place = models.ForeignKey(
        "booths.EventPlace",
        verbose_name=_("nơi trên sơ đồ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="side_events",
        help_text=_(
            "Nơi diễn ra sự kiện đã vẽ trên sơ đồ của kỳ hội chợ này: trang sự kiện và "
            "chương trình có liên kết “Xem trên sơ đồ” tới đó."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("số chỗ"),
        default=0,
        validators=[MaxValueValidator(MAX_CAPACITY, message=_("Tối đa 10.000 chỗ."))],
    )
    seats_taken = models.PositiveIntegerField(_("số chỗ đã đăng ký"), default=0, editable=False)
    registration_open = models.BooleanField(_("đang nhận đăng ký"), default=False)
    is_published = models.BooleanField(
        _("hiện trên trang công khai"),
        default=True,
        help_text=_(
            "Bỏ đánh dấu để giữ sự kiện ở dạng nháp: khách không thấy và không đăng ký được."
        ),
    )
    hosts = models.ManyToManyField(
        Exhibitor,
        verbose_name=_("doanh nghiệp đồng tổ chức"),
        blank=True,
        related_name="hosted_events",
    )
    speakers = models.TextField(_("diễn giả"), blank=True, help_text=_("Mỗi dòng một người."))
    # Upper bounds in the form as well: SQLite does not hold a small integer to its range,
    # and a slot of millions of minutes was a date beyond the calendar (a 500).
    slot_minutes = models.PositiveSmallIntegerField(
        _("độ dài mỗi lượt gặp (phút)"),
        default=30,
        validators=[MaxValueValidator(480, message=_("Mỗi lượt gặp dài tối đa 480 phút."))],
        help_text=_("Chỉ dùng cho phiên kết nối doanh nghiệp."),
    )
    tables = models.PositiveSmallIntegerField(
        _("số bàn gặp gỡ"),
        default=20,
        validators=[MaxValueValidator(1000, message=_("Tối đa 1.000 bàn."))],
        help_text=_("Chỉ dùng cho phiên kết nối doanh nghiệp."),
    )
    # Set by services.cancel_event only: it tells everyone registered or meeting there.
    cancelled_at = models.DateTimeField(_("huỷ lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("sự kiện bên lề")
        verbose_name_plural = pgettext_lazy("plural", "sự kiện bên lề")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="sideevent_ends_after_start",
                violation_error_message=_("Giờ kết thúc phải sau giờ bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(seats_taken__gte=0) & Q(seats_taken__lte=F("capacity")),
                name="sideevent_seats_within_capacity",
                violation_error_message=_(
                    "Số chỗ đã nhận phải từ 0 đến sức chứa; sức chứa không được nhỏ hơn số người đã đăng ký."
                ),
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5),
                name="sideevent_slot_minutes_min",
                violation_error_message=_("Mỗi khung giờ gặp dài ít nhất 5 phút."),
            ),
        ]

    def __str__(self):
        return self.title or self.title_vi

    def clean(self):
        """The programme is the fair's: an event falls within the fair's days. A
        matching session keeps the meetings already agreed in it. Its place on the plan
        is one of its own fair's."""
        super().clean()
        if self.place_id is not None and self.fair_id and self.place.fair_id != self.fair_id:
            raise ValidationError(
                {"place": _("Hãy chọn một nơi trên sơ đồ của chính kỳ hội chợ của sự kiện.")}
            )
        if self.place_id is not None and not (self.room_vi or self.room_en):
            # The room in words is what the mails, the calendar files and a change's
            # notice give: a place picked with no room written names the room.
            self.room_vi, self.room_en = self.place.name_vi, self.place.name_en
        if not (self.fair_id and self.starts_at and self.ends_at):
            return
        self._keeps_its_meetings()
        self._keeps_its_requests()
        self._keeps_its_registrations()
        fair = self.fair
        if self.outside_days(fair.starts_on, fair.ends_on):
            raise ValidationError(
                {
                    "starts_at": _(
                        "Sự kiện phải diễn ra trong các ngày của hội chợ, từ %(start)s đến %(end)s."
                    )
                    % {
                        "start": fair.starts_on.strftime("%d/%m/%Y"),
                        "end": fair.ends_on.strftime("%d/%m/%Y"),
                    }
                }
            )

    def _keeps_its_meetings(self) -> None:
        """Agreed meetings must keep their time, place and table: moving the session or
        its room, changing its slots' length, cutting its tables or its kind would leave
        them off the grid the visitor and the exhibitor were sent."""
        if self.pk is None:
            return
        from events.selectors import session_slots

        accepted = list(
            self.meeting_requests.filter(status=MeetingRequest.Status.ACCEPTED)
            .only("slot_start", "table_number")
            .order_by("slot_start")
        )
        if not accepted:
            return
        if self.kind != self.Kind.BUSINESS_MATCHING:
            raise ValidationError(
                {
                    "kind": ngettext(
                        "Phiên này có %(count)s cuộc gặp đã chốt: không đổi loại sự kiện được.",
                        "Phiên này có %(count)s cuộc gặp đã chốt: không đổi loại sự kiện được.",
                        len(accepted),
                    )
                    % {"count": len(accepted)}
                }
            )
        stored = SideEvent.objects.filter(pk=self.pk).values("room_vi", "room_en").first()
        # The place was mailed with each meeting (and is in its .ics): adding a missing
        # English name is a translation, anything else moves the tables.
        if stored and (
            stored["room_vi"] != self.room_vi
            or (stored["room_en"] and stored["room_en"] != self.room_en)
        ):
            raise ValidationError(
                {
                    "room_vi": ngettext(
                        "Phiên này có %(count)s cuộc gặp đã chốt tại phòng này: không đổi phòng "
                        "được. Hãy giữ phòng cũ, hoặc huỷ các cuộc gặp đó trước.",
                        "Phiên này có %(count)s cuộc gặp đã chốt tại phòng này: không đổi phòng "
                        "được. Hãy giữ phòng cũ, hoặc huỷ các cuộc gặp đó trước.",
                        len(accepted),
                    )
                    % {"count": len(accepted)}
                }
            )
        if self.slot_minutes < 5:
            return  # the constraint on the slots' length says what is wrong
        grid = set(session_slots(self))
        off_grid = [m for m in accepted if m.slot_start not in grid]
        if off_grid:
            times = first_few(
                f"{timezone.localtime(m.slot_start):%d/%m/%Y %H:%M}" for m in off_grid
            )
            raise ValidationError(
                {
                    "starts_at": ngettext(
                        "%(count)s cuộc gặp đã chốt (%(times)s) không còn khớp các khung giờ "
                        "mới: hãy giữ giờ và độ dài khung giờ cũ, hoặc huỷ các cuộc gặp đó trước.",
                        "%(count)s cuộc gặp đã chốt (%(times)s) không còn khớp các khung giờ "
                        "mới: hãy giữ giờ và độ dài khung giờ cũ, hoặc huỷ các cuộc gặp đó trước.",
                        len(off_grid),
                    )
                    % {"count": len(off_grid), "times": times}
                }
            )
        highest = max((m.table_number or 0) for m in accepted)
        if self.tables < highest:
            raise ValidationError(
                {
                    "tables": _(
                        "Bàn số %(table)s đang có cuộc gặp đã chốt: cần ít nhất %(table)s bàn."
                    )
                    % {"table": highest}
                }
            )

    def _keeps_its_requests(self) -> None:
        """Requests still waiting for an answer keep their times: a session moved (or
        its slots changed, or turned into another kind of event) under a time a visitor
        asked for, or one an exhibitor proposed, would leave a request nobody can
        accept or confirm, and nobody is told. The board answers or declines them
        first."""
        if self.pk is None or self.slot_minutes < 5:
            return  # the constraint on the slots' length says what is wrong
        from events.selectors import proposed_slot_datetimes, session_slots

        pending = self.meeting_requests.filter(status=MeetingRequest.Status.PENDING).only(
            "proposed_slots"
        )
        if self.kind != self.Kind.BUSINESS_MATCHING:
            count = pending.count()
            if count:
                raise ValidationError(
                    {
                        "kind": ngettext(
                            "Phiên này có %(count)s yêu cầu gặp đang chờ trả lời: không đổi "
                            "loại sự kiện được. Hãy trả lời hoặc từ chối các yêu cầu đó trước.",
                            "Phiên này có %(count)s yêu cầu gặp đang chờ trả lời: không đổi "
                            "loại sự kiện được. Hãy trả lời hoặc từ chối các yêu cầu đó trước.",
                            count,
                        )
                        % {"count": count}
                    }
                )
            return
        grid = set(session_slots(self))
        off_grid = sum(
            1
            for request in pending
            if any(slot not in grid for slot in proposed_slot_datetimes(request))
        )
        if off_grid:
            raise ValidationError(
                {
                    "starts_at": ngettext(
                        "%(count)s yêu cầu gặp đang chờ trả lời có giờ không còn thuộc các "
                        "khung giờ mới: hãy trả lời hoặc từ chối các yêu cầu đó trước, hoặc "
                        "giữ giờ và độ dài khung giờ cũ.",
                        "%(count)s yêu cầu gặp đang chờ trả lời có giờ không còn thuộc các "
                        "khung giờ mới: hãy trả lời hoặc từ chối các yêu cầu đó trước, hoặc "
                        "giữ giờ và độ dài khung giờ cũ.",
                        off_grid,
                    )
                    % {"count": off_grid}
                }
            )

    def _keeps_its_registrations(self) -> None:
        """A business-matching session takes no registrations: an event with people
        registered (a seat or the waiting list) cannot become one, or they would hold
        seats at a session that has none and never be told."""
        if self.pk is None or self.kind != self.Kind.BUSINESS_MATCHING:
            return
        live = self.registrations.filter(status__in=EventRegistration.LIVE).count()
        if live:
            raise ValidationError(
                {
                    "kind": ngettext(
                        "Sự kiện này có %(count)s người đăng ký: không đổi thành phiên kết nối "
                        "doanh nghiệp được. Hãy huỷ các đăng ký đó trước.",
                        "Sự kiện này có %(count)s người đăng ký: không đổi thành phiên kết nối "
                        "doanh nghiệp được. Hãy huỷ các đăng ký đó trước.",
                        live,
                    )
                    % {"count": live}
                }
            )

    def outside_days(self, first_day: datetime.date, last_day: datetime.date) -> bool:
        """The event begins before `first_day` or ends after `last_day`, its days
        counted in the portal's time zone (Asia/Ho_Chi_Minh) as the programme shows
        them: the event's own form and the fair's form both ask this."""
        return (
            timezone.localtime(self.starts_at).date() < first_day
            or timezone.localtime(self.ends_at).date() > last_day
        )

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def takes_registrations(self) -> bool:
        """Sign-ups are open: the board's switch, only until the event begins, and never
        for an event the board cancelled or has not published (a draft)."""
        return (
            self.registration_open
            and self.is_published
            and self.cancelled_at is None
            and self.starts_at > clock.now()
        )

    @property
    def has_begun(self) -> bool:
        """By the fair's clock: under way or over (no longer cancelled, nor signed up for)."""
        return self.starts_at <= clock.now()

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def seats_left(self) -> int:
        """0 for an event the board cancelled (`cancel_event` gives every seat back)."""
        if self.cancelled_at is not None:
            return 0
        return max(self.capacity - self.seats_taken, 0)

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in (self.speakers or "").splitlines() if line.strip()]


class EventRegistration(TimeStamped):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Đã xác nhận")
        WAITLISTED = "waitlisted", _("Danh sách chờ")
        CANCELLED = "cancelled", _("Đã huỷ")

    LIVE = (Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(
        SideEvent,
        verbose_name=_("sự kiện"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("họ và tên"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("điện thoại"), max_length=20)
    zalo = models.CharField(_("Zalo"), max_length=20, blank=True)
    organisation = models.CharField(_("đơn vị"), max_length=200, blank=True)
    job_title = models.CharField(_("chức danh"), max_length=200, blank=True)
    language = language_field()
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    token_hash = models.CharField(_("mã bí mật (băm)"), max_length=64, unique=True, editable=False)
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu lúc"), null=True, blank=True)
    attended_at = models.DateTimeField(_("có mặt lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("huỷ lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký tham dự")
        verbose_name_plural = pgettext_lazy("plural", "đăng ký tham dự")
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="registration_one_live_per_email",
                violation_error_message=_("E-mail này đã đăng ký sự kiện này."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class MeetingRequest(TimeStamped):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ trả lời")
        ACCEPTED = "accepted", _("Đã nhận lời")
        DECLINED = "declined", pgettext_lazy("meeting status", "Từ chối")
        CANCELLED = "cancelled", _("Đã huỷ")
        EXPIRED = "expired", _("Hết hạn")

    session = models.ForeignKey(
        SideEvent,
        verbose_name=_("phiên kết nối"),
        on_delete=models.CASCADE,
        related_name="meeting_requests",
        limit_choices_to={"kind": SideEvent.Kind.BUSINESS_MATCHING},
    )
    # A context: in English "doanh nghiệp" reads "company", as the visitor's company does.
    exhibitor = models.ForeignKey(
        Exhibitor,
        verbose_name=pgettext_lazy("người trưng bày", "doanh nghiệp"),
        on_delete=models.CASCADE,
        related_name="meeting_requests",
    )
    requester_name = models.CharField(_("họ và tên"), max_length=200)
    requester_company = models.CharField(_("công ty của khách"), max_length=200)
    requester_country = models.CharField(_("quốc gia"), max_length=2, default="VN")
    requester_email = models.EmailField(_("e-mail"))
    requester_phone = models.CharField(_("điện thoại"), max_length=20)
    requester_zalo = models.CharField(_("Zalo"), max_length=20, blank=True)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("ngành quan tâm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_requests",
    )
    message = models.TextField(_("nội dung muốn trao đổi"))
    proposed_slots = models.JSONField(
        _("khung giờ đề xuất"),
        default=list,
        blank=True,
        help_text=_("Một đến ba thời điểm bắt đầu (ISO 8601)."),
    )
    slot_start = models.DateTimeField(_("giờ gặp đã chốt"), null=True, blank=True)
    table_number = models.PositiveSmallIntegerField(_("số bàn"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    language = language_field()
    token_hash = models.CharField(_("mã bí mật (băm)"), max_length=64, unique=True, editable=False)
    consent_at = models.DateTimeField(_("đồng ý xử lý dữ liệu lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ghi chú trả lời"), blank=True)
    other_slot_proposed_at = models.DateTimeField(
        _("doanh nghiệp đề xuất giờ khác lúc"),
        null=True,
        blank=True,
        help_text=_("Khi có, người đề nghị được đồng ý giờ doanh nghiệp đề xuất."),
    )
    reminder_sent_at = models.DateTimeField(_("đã nhắc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu gặp gỡ")
        verbose_name_plural = pgettext_lazy("plural", "yêu cầu gặp gỡ")
        ordering = ["session", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "slot_start"],
                condition=Q(status="accepted"),
                name="meeting_exhibitor_slot_unique",
                violation_error_message=_("Doanh nghiệp đã có cuộc gặp khác trong khung giờ này."),
            ),
            models.UniqueConstraint(
                fields=["requester_email", "slot_start"],
                condition=Q(status="accepted"),
                name="meeting_requester_slot_unique",
                violation_error_message=_("Người đề nghị đã có cuộc gặp khác trong khung giờ này."),
            ),
            models.UniqueConstraint(
                fields=["session", "slot_start", "table_number"],
                condition=Q(status="accepted"),
                name="meeting_table_slot_unique",
                violation_error_message=_("Bàn này đã có cuộc gặp khác trong khung giờ này."),
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(slot_start__isnull=False),
                name="meeting_accepted_has_slot",
                violation_error_message=_("Cuộc gặp đã nhận lời phải có giờ gặp."),
            ),
            # One waiting request per visitor, exhibitor and session: the same form sent
            # twice must not reach the exhibitor twice.
            models.UniqueConstraint(
                fields=["session", "exhibitor", "requester_email"],
                condition=Q(status="pending"),
                name="meeting_one_pending_per_requester",
                violation_error_message=_(
                    "Người này đã có một yêu cầu đang chờ trả lời với doanh nghiệp này trong phiên này."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.requester_company} → {self.exhibitor}"

    def save(self, *args, **kwargs):
        self.requester_email = (self.requester_email or "").strip().lower()
        super().save(*args, **kwargs)
