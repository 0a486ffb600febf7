"""The board makes next year's edition from this one in the admin: the fair list's
action opens a form (names, slug, days, what to copy); the copy has the hall's booths
free, the key figures and, when asked, the programme moved to the new days."""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from booths.models import Booth
from events.models import EventRegistration, Fair, FairFigure, SideEvent
from fairportal import editions
from fairportal.models import AuditEntry
from tests.factories import (
    make_booth,
    make_event,
    make_exhibitor,
    make_fair,
    make_registration,
    make_user,
)

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
LIST = "/admin/events/fair/"


@pytest.fixture
def source(db):
    """The 2024 edition: three booths (one taken with its fascia, one kept by the
    board), two figures, two events (one cancelled) with people registered."""
    fair = make_fair(
        slug="hoi-cho-kcn-ha-noi-2024",
        short_name_vi="Hội chợ KCN Hà Nội 2024",
        hotline="1900 1234",
        move_in_starts_at=datetime.datetime(2024, 9, 18, 8, 0, tzinfo=HANOI),
    )
    canon = make_exhibitor(name_vi="Canon Việt Nam")
    make_booth(
        fair=fair,
        code="A01",
        hall="A",
        price_vnd=15_000_000,
        plan_x=10,
        plan_y=20,
        plan_w=30,
        plan_h=40,
        exhibitor=canon,
        fascia_name="CANON",
    )
    make_booth(
        fair=fair,
        code="A02",
        hall="A",
        kind="raw_space",
        width_m=6,
        depth_m=9,
        price_vnd=48_600_000,
        price_includes_vat=False,
        plan_x=40,
        plan_y=20,
        plan_w=60,
        plan_h=90,
    )
    make_booth(fair=fair, code="B01", hall="B", kind="corner", price_vnd=0, is_blocked=True)
    FairFigure.objects.create(fair=fair, value="726", label_vi="dự án", label_en="projects")
    FairFigure.objects.create(
        fair=fair, value="10", label_vi="khu công nghiệp", label_en="zones", position=1
    )
    seminar = make_event(
        fair=fair,
        slug="hoi-thao-cong-nghiep-ho-tro-2024",
        title_vi="Hội thảo công nghiệp hỗ trợ",
        starts_at=datetime.datetime(2024, 9, 21, 14, 0, tzinfo=HANOI),
        capacity=80,
    )
    seminar.hosts.set([canon])
    make_registration(event=seminar)
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=1)
    make_event(
        fair=fair,
        slug="toa-dam-da-huy",
        starts_at=datetime.datetime(2024, 9, 22, 9, 0, tzinfo=HANOI),
        cancelled_at=datetime.datetime(2024, 9, 1, 9, 0, tzinfo=HANOI),
    )
    return fair


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _form(**overrides):
    data = {
        "name_vi": "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2025",
        "name_en": "Hanoi Industrial Zones Industrial Products Fair 2025",
        "short_name_vi": "Hội chợ KCN Hà Nội 2025",
        "short_name_en": "",
        "slug": "hoi-cho-kcn-ha-noi-2025",
        "starts_on": "19/09/2025",
        "ends_on": "21/09/2025",
        "copy_booths": "on",
        "copy_figures": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _open_form(client, fair, prefix=""):
    """The list's action for the one selected fair, as the board clicks it."""
    response = client.post(
        f"{prefix}{LIST}", {"action": "next_edition", "_selected_action": [fair.pk]}
    )
    assert response.status_code == 302
    return response["Location"]


def _snapshot():
    return (
        list(Fair.objects.order_by("pk").values()),
        list(Booth.objects.order_by("pk").values()),
        list(FairFigure.objects.order_by("pk").values()),
        list(SideEvent.objects.order_by("pk").values()),
        list(EventRegistration.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def test_next_edition_form_is_filled_with_next_years_names_slug_and_days(editor_client, source):
    url = _open_form(editor_client, source)

    response = editor_client.get(url)
    page = html.unescape(response.content.decode())

    assert url == f"{LIST}{source.pk}/next-edition/"
    assert 'value="Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2025"' in page
    assert 'value="Hội chợ KCN Hà Nội 2025"' in page
    assert 'value="hoi-cho-kcn-ha-noi-2025"' in page
    assert 'value="20/09/2025"' in page
    assert 'value="22/09/2025"' in page
    form = response.context["form"]
    assert [form[name].value() for name in ("copy_booths", "copy_figures", "copy_side_events")] == [
        True,
        True,
        False,
    ]
    assert "Kỳ mới chưa phải kỳ hiện tại." in page


def test_next_edition_copies_the_booths_with_layout_and_price_but_free(editor_client, source):
    url = _open_form(editor_client, source)

    response = editor_client.post(url, _form())

    new = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2025")
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{new.pk}/change/"
    assert _booth_rows(new) == [
        ("A01", "A", "standard", 15_000_000, True, (10, 20, 30, 40), None, "", False),
        ("A02", "A", "raw_space", 48_600_000, False, (40, 20, 60, 90), None, "", False),
        ("B01", "B", "corner", 0, True, _plan(source, "B01"), None, "", True),
    ]
    assert [(b.code, b.width_m, b.depth_m) for b in new.booths.order_by("code")] == [
        ("A01", 3, 3),
        ("A02", 6, 9),
        ("B01", 3, 3),
    ]


def test_next_edition_copies_the_places_of_side_events_with_the_booths(editor_client, source):
    from booths.models import EventPlace

    EventPlace.objects.create(
        fair=source,
        kind=EventPlace.Kind.SEMINAR_ROOM,
        name_vi="Phòng hội thảo 1",
        name_en="Seminar room 1",
        hall="A",
        plan_x=400,
        plan_y=40,
        plan_w=160,
        plan_h=100,
    )
    url = _open_form(editor_client, source)
    form_page = html.unescape(editor_client.get(url).content.decode())

    editor_client.post(url, _form())

    new = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2025")
    assert "được chép cùng các gian" in form_page
    assert list(
        new.event_places.values_list("kind", "name_vi", "name_en", "hall", "plan_x", "plan_w")
    ) == [("seminar_room", "Phòng hội thảo 1", "Seminar room 1", "A", 400, 160)]
    assert source.event_places.count() == 1
    # Not asked for the booths: no places either.
    editor_client.post(
        url, _form(copy_booths=None, slug="hoi-cho-kcn-ha-noi-2026", name_vi="Kỳ 2026")
    )
    assert not Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2026").event_places.exists()


def _plan(fair, code):
    booth = fair.booths.get(code=code)
    return (booth.plan_x, booth.plan_y, booth.plan_w, booth.plan_h)


def _booth_rows(fair):
    return [
        (
            b.code,
            b.hall,
            b.kind,
            b.price_vnd,
            b.price_includes_vat,
            (b.plan_x, b.plan_y, b.plan_w, b.plan_h),
            b.exhibitor_id,
            b.fascia_name,
            b.is_blocked,
        )
        for b in fair.booths.order_by("code")
    ]


def test_next_edition_is_not_current_and_keeps_the_venue_and_contacts(editor_client, source):
    editor_client.post(_open_form(editor_client, source), _form())

    new = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2025")
    assert (new.name_vi, new.name_en, new.short_name_vi) == (
        "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2025",
        "Hanoi Industrial Zones Industrial Products Fair 2025",
        "Hội chợ KCN Hà Nội 2025",
    )
    assert (new.starts_on, new.ends_on) == (datetime.date(2025, 9, 19), datetime.date(2025, 9, 21))
    assert (new.is_current, new.is_sample, new.applications_open) == (False, False, True)
    assert (new.venue_vi, new.venue_en, new.organiser_vi, new.hotline) == (
        source.venue_vi,
        source.venue_en,
        source.organiser_vi,
        "1900 1234",
    )
    # Set up the day before the first day, as the year before (two days, 8:00).
    assert timezone_local(new.move_in_starts_at) == datetime.datetime(2025, 9, 17, 8, 0)
    assert Fair.objects.get(pk=source.pk).is_current is True


def timezone_local(moment):
    return moment.astimezone(HANOI).replace(tzinfo=None)


def test_next_edition_copies_the_key_figures(editor_client, source):
    editor_client.post(_open_form(editor_client, source), _form())

    new = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2025")
    assert list(new.figures.values_list("value", "label_vi", "label_en", "position")) == [
        ("726", "dự án", "projects", 0),
        ("10", "khu công nghiệp", "zones", 1),
    ]


def test_next_edition_leaves_out_what_is_not_ticked(editor_client, source):
    editor_client.post(
        _open_form(editor_client, source), _form(copy_booths=None, copy_figures=None)
    )

    new = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2025")
    assert (new.booths.count(), new.figures.count(), new.side_events.count()) == (0, 0, 0)


def test_next_edition_moves_the_events_by_the_days_between_first_days_and_frees_them(
    editor_client, source
):
    editor_client.post(_open_form(editor_client, source), _form(copy_side_events="on"))

    new = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2025")
    events = list(new.side_events.all())
    # 20/09/2024 → 19/09/2025: 364 days; the second day's 14:00 stays the second day's 14:00.
    assert [
        (
            e.slug,
            e.title_vi,
            timezone_local(e.starts_at),
            timezone_local(e.ends_at),
            e.capacity,
            e.seats_taken,
            e.registration_open,
            e.cancelled_at,
        )
        for e in events
    ] == [
        (
            "hoi-thao-cong-nghiep-ho-tro-2025",
            "Hội thảo công nghiệp hỗ trợ",
            datetime.datetime(2025, 9, 20, 14, 0),
            datetime.datetime(2025, 9, 20, 16, 0),
            80,
            0,
            False,
            None,
        )
    ]
    assert list(events[0].hosts.all()) == []
    assert events[0].registrations.count() == 0


def test_next_edition_event_slug_without_a_year_gets_the_new_year_and_stays_unique(source):
    make_event(
        fair=source, slug="khai-mac", starts_at=datetime.datetime(2024, 9, 20, 8, 30, tzinfo=HANOI)
    )
    make_event(fair=make_fair(is_current=False), slug="khai-mac-2025")

    copy = editions.copy_edition(
        source=source,
        name_vi="Hội chợ 2025",
        name_en="",
        slug="hoi-cho-2025",
        starts_on=datetime.date(2025, 9, 19),
        ends_on=datetime.date(2025, 9, 21),
        copy_booths=False,
        copy_figures=False,
        copy_side_events=True,
        actor=None,
    )

    assert list(copy.fair.side_events.values_list("slug", flat=True)) == [
        "khai-mac-2025-2",
        "hoi-thao-cong-nghiep-ho-tro-2025",
    ]


def test_next_edition_says_what_was_copied_and_records_it(editor_client, editor, source):
    response = editor_client.post(
        _open_form(editor_client, source), _form(copy_side_events="on"), follow=True
    )

    new = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2025")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã tạo “Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2025” từ "
        "“Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024”, sao chép 3 gian "
        "hàng, 2 số liệu nổi bật, 1 sự kiện bên lề. Kỳ mới chưa phải kỳ hiện tại: khi sẵn "
        "sàng, hãy bỏ đánh dấu “kỳ hiện tại” ở kỳ đang chạy rồi đánh dấu ở kỳ này. 1 sự "
        "kiện bên lề được sao chép ở dạng nháp, chưa hiện trên trang công khai: hãy xem lại "
        "tiêu đề, giờ và nội dung rồi đăng chúng (danh sách sự kiện bên lề, thao tác “Đăng "
        "các sự kiện đã chọn”)."
    ]
    entry = AuditEntry.objects.get(action="fair.copied")
    assert (entry.actor, entry.object_id, entry.changes) == (
        editor,
        str(new.pk),
        {
            "copied_from": "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024",
            "booths": 3,
            "figures": 2,
            "side_events": 1,
        },
    )


def test_next_edition_message_in_english_counts_in_english(editor_client, source):
    url = _open_form(editor_client, source, prefix="/en")

    response = editor_client.post(url, _form(copy_figures=None), follow=True)

    message = [str(m) for m in get_messages(response.wsgi_request)][0]
    assert "copying 3 booths, 0 key figures, 0 side events" in message


def test_next_edition_leaves_the_source_untouched(editor_client, source):
    before = [
        list(source.booths.order_by("pk").values()),
        list(source.figures.order_by("pk").values()),
        list(source.side_events.order_by("pk").values()),
        list(EventRegistration.objects.order_by("pk").values()),
    ]
    fair_before = Fair.objects.filter(pk=source.pk).values().get()

    editor_client.post(_open_form(editor_client, source), _form(copy_side_events="on"))

    assert Fair.objects.count() == 2
    assert Fair.objects.filter(pk=source.pk).values().get() == fair_before
    assert [
        list(source.booths.order_by("pk").values()),
        list(source.figures.order_by("pk").values()),
        list(source.side_events.order_by("pk").values()),
        list(EventRegistration.objects.order_by("pk").values()),
    ] == before


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Đã có kỳ hội chợ mang đường dẫn “hoi-cho-kcn-ha-noi-2024”; hãy chọn đường dẫn khác."),
        (
            "/en",
            "There is already a fair edition at “hoi-cho-kcn-ha-noi-2024”; choose another slug.",
        ),
    ],
)
def test_next_edition_slug_taken_is_a_form_error_in_the_page_language_and_writes_nothing(
    editor_client, source, prefix, message
):
    url = _open_form(editor_client, source, prefix=prefix)
    before = _snapshot()

    response = editor_client.post(url, _form(slug="hoi-cho-kcn-ha-noi-2024", copy_side_events="on"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"slug": [message]}
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Ngày bế mạc không được trước ngày khai mạc."),
        ("/en", "The closing day cannot be before the opening day."),
    ],
)
def test_next_edition_last_day_before_first_is_a_form_error(editor_client, source, prefix, message):
    url = _open_form(editor_client, source, prefix=prefix)
    before = _snapshot()

    response = editor_client.post(url, _form(ends_on="18/09/2025"))

    assert response.context["form"].errors == {"ends_on": [message]}
    assert _snapshot() == before


def test_next_edition_refuses_days_that_would_leave_an_event_out(editor_client, source):
    url = _open_form(editor_client, source)
    before = _snapshot()

    # One day only: the seminar of the second day would fall after it.
    response = editor_client.post(url, _form(ends_on="19/09/2025", copy_side_events="on"))

    assert response.context["form"].errors == {
        "ends_on": [
            "Dời theo ngày khai mạc mới, 1 sự kiện sẽ nằm ngoài các ngày của kỳ mới (Hội thảo "
            "công nghiệp hỗ trợ 20/09/2025): hãy chọn ngày bế mạc muộn hơn, hoặc bỏ sao chép "
            "sự kiện."
        ]
    }
    assert _snapshot() == before


@pytest.mark.parametrize("bad", ["", "31/02/2025", "ngày mai", "x" * 5000])
def test_next_edition_bad_dates_are_form_errors_not_server_errors(editor_client, source, bad):
    url = _open_form(editor_client, source)
    before = _snapshot()

    response = editor_client.post(url, _form(starts_on=bad))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["starts_on"]
    assert _snapshot() == before


def test_next_edition_needs_exactly_one_fair_selected(editor_client, source):
    other = make_fair(is_current=False, slug="hoi-cho-2023")

    response = editor_client.post(
        LIST, {"action": "next_edition", "_selected_action": [source.pk, other.pk]}, follow=True
    )

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Chọn đúng một kỳ hội chợ để tạo kỳ mới từ kỳ đó."
    ]
    assert Fair.objects.count() == 2


def test_next_edition_is_refused_to_a_board_viewer(client, viewer, source):
    client.force_login(viewer)
    before = _snapshot()

    listed = client.get(LIST)
    chosen = client.post(LIST, {"action": "next_edition", "_selected_action": [source.pk]})
    page = client.get(f"{LIST}{source.pk}/next-edition/")
    posted = client.post(f"{LIST}{source.pk}/next-edition/", _form())

    assert listed.status_code == 200
    assert "next_edition" not in listed.content.decode()
    assert chosen.status_code == 302 and chosen["Location"] == LIST  # "no action selected"
    assert (page.status_code, posted.status_code) == (403, 403)
    assert _snapshot() == before


def test_next_edition_without_the_right_to_add_events_refuses_copying_them(client, source):
    user = make_user(username="bql-gian", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["events", "booths"],
            codename__in=["view_fair", "add_fair", "add_booth", "add_fairfigure"],
        )
    )
    client.force_login(user)
    url = _open_form(client, source)
    before = _snapshot()

    refused = client.post(url, _form(copy_side_events="on"))
    after_refusal = _snapshot()
    done = client.post(url, _form())

    assert refused.context["form"].errors == {
        "copy_side_events": ["Bạn không có quyền thêm mục này."]
    }
    assert after_refusal == before
    assert done.status_code == 302
    assert Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2025").booths.count() == 3


@pytest.mark.parametrize(
    ("prefix", "labels"),
    [
        ("", ["Ngày khai mạc", "Ngày bế mạc", "Giờ đóng cửa ngày bế mạc"]),
        ("/en", ["Opening day", "Closing day", "Closing time on the closing day"]),
    ],
)
def test_fair_page_names_the_fairs_days_as_the_next_edition_form_does(
    admin_client, source, prefix, labels
):
    fair_page = admin_client.get(f"{prefix}{LIST}{source.pk}/change/").content.decode()
    next_page = admin_client.get(f"{prefix}{LIST}{source.pk}/next-edition/").content.decode()

    for label in labels:
        assert f">{label}:</label>" in fair_page
    assert f">{labels[0]}:</label>" in next_page and f">{labels[1]}:</label>" in next_page


def test_fair_ending_before_it_starts_is_refused_with_the_closing_day_named():
    fair = make_fair(starts_on=datetime.date(2027, 9, 20), ends_on=datetime.date(2027, 9, 22))
    fair.ends_on = datetime.date(2027, 9, 19)

    with pytest.raises(ValidationError) as raised:
        fair.full_clean()

    assert raised.value.messages == ["Ngày bế mạc không được trước ngày khai mạc."]


def test_next_edition_copies_events_as_drafts_the_public_does_not_see(
    editor_client, client, source
):
    SideEvent.objects.filter(slug="hoi-thao-cong-nghiep-ho-tro-2024").update(
        title_vi="Hội thảo công nghiệp hỗ trợ 2024", title_en="Supporting industry 2024"
    )
    form_page = editor_client.get(_open_form(editor_client, source)).content.decode()
    editor_client.post(_open_form(editor_client, source), _form(copy_side_events="on"))
    new = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2025")
    Fair.objects.filter(pk=source.pk).update(is_current=False)
    Fair.objects.filter(pk=new.pk).update(is_current=True)  # even once the new one is current

    copy = new.side_events.get()
    detail = client.get("/events/hoi-thao-cong-nghiep-ho-tro-2025/")
    programme = client.get("/events/").content.decode()
    api = client.get("/api/v1/events/hoi-thao-cong-nghiep-ho-tro-2025/")

    assert "Sự kiện bên lề được sao chép ở dạng nháp" in html.unescape(form_page)
    assert (copy.title_vi, copy.title_en, copy.is_published) == (
        "Hội thảo công nghiệp hỗ trợ 2025",
        "Supporting industry 2025",
        False,
    )
    assert detail.status_code == 404
    assert "Hội thảo công nghiệp hỗ trợ 2025" not in programme
    assert api.status_code == 404


def test_board_publishes_copied_events_and_the_public_sees_them(
    editor_client, editor, client, source
):
    editor_client.post(_open_form(editor_client, source), _form(copy_side_events="on"))
    copy = SideEvent.objects.get(slug="hoi-thao-cong-nghiep-ho-tro-2025")

    response = editor_client.post(
        "/admin/events/sideevent/",
        {"action": "publish", "_selected_action": [copy.pk]},
        follow=True,
    )

    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == (
        "Đã đăng 1 sự kiện: khách thấy chúng trên trang công khai."
    )
    assert client.get("/events/hoi-thao-cong-nghiep-ho-tro-2025/").status_code == 200
    entry = AuditEntry.objects.get(action="event.published")
    assert (entry.actor, entry.object_id) == (editor, str(copy.pk))
