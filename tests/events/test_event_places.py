"""A side event linked to its place on the floor plan: the visitor is led from the
event's page and the programme to that place; the board chooses it in the admin among
its fair's places; copying, exporting and importing an edition keep the link."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

from booths.models import EventPlace
from events import services
from events.models import Fair, SideEvent
from fairportal import editions
from fairportal.tokens import new_token
from tests.events.conftest import at, side_event_change_data
from tests.factories import make_booth, make_event, make_fair, make_meeting_request, make_user

pytestmark = pytest.mark.django_db


def make_place(fair, name_vi="Phòng hội thảo 1", name_en="Seminar room 1", **kwargs):
    values = {
        "kind": EventPlace.Kind.SEMINAR_ROOM,
        "hall": "A",
        "plan_x": 400,
        "plan_y": 40,
        "plan_w": 160,
        "plan_h": 100,
    }
    values.update(kwargs)
    return EventPlace.objects.create(fair=fair, name_vi=name_vi, name_en=name_en, **values)


@pytest.fixture
def room(fair):
    return make_place(fair)


@pytest.fixture
def board(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def _place_links(html: str) -> list[str]:
    start, found = 0, []
    while (at_ := html.find('<a class="place-link"', start)) != -1:
        end = html.index("</a>", at_) + len("</a>")
        found.append(html[at_:end])
        start = end
    return found


def test_event_page_links_its_place_on_the_floor_plan(client, seminar, room):
    SideEvent.objects.filter(pk=seminar.pk).update(place=room)

    vi = client.get(f"/events/{seminar.slug}/").content.decode()
    en = client.get(f"/en/events/{seminar.slug}/").content.decode()
    plan = client.get("/floor-plan/").content.decode()

    assert _place_links(vi) == [
        f'<a class="place-link" href="/floor-plan/#place-{room.pk}">Xem trên sơ đồ</a>'
    ]
    assert _place_links(en) == [
        f'<a class="place-link" href="/en/floor-plan/#place-{room.pk}">See on the floor plan</a>'
    ]
    assert plan.count(f'<g id="place-{room.pk}" class="event-place"') == 1


def test_programme_links_each_event_to_its_place_naming_it_to_screen_readers(
    client, fair, seminar, session, room
):
    matching_area = make_place(
        fair, "Khu kết nối doanh nghiệp", "", kind=EventPlace.Kind.BUSINESS_MATCHING
    )
    SideEvent.objects.filter(pk=seminar.pk).update(place=room)
    SideEvent.objects.filter(pk=session.pk).update(place=matching_area)
    make_event(fair, title_vi="Tọa đàm không có chỗ trên sơ đồ", slug="toa-dam")

    vi = client.get("/events/").content.decode()
    en = client.get("/en/events/").content.decode()

    assert _place_links(vi) == [
        f'<a class="place-link" href="/floor-plan/#place-{room.pk}">Xem trên sơ đồ'
        '<span class="visually-hidden">: Phòng hội thảo 1</span></a>',
        f'<a class="place-link" href="/floor-plan/#place-{matching_area.pk}">Xem trên sơ đồ'
        '<span class="visually-hidden">: Khu kết nối doanh nghiệp</span></a>',
    ]
    # No English name: the Vietnamese one, marked as such.
    assert _place_links(en) == [
        f'<a class="place-link" href="/en/floor-plan/#place-{room.pk}">See on the floor plan'
        '<span class="visually-hidden">: Seminar room 1</span></a>',
        f'<a class="place-link" href="/en/floor-plan/#place-{matching_area.pk}">See on the '
        'floor plan<span class="visually-hidden">: <span lang="vi">Khu kết nối doanh nghiệp'
        "</span></span></a>",
    ]


@pytest.mark.parametrize(
    ("prefix", "words"), [("", "Xem trên sơ đồ"), ("/en", "See on the floor plan")]
)
def test_my_plan_links_each_starred_event_to_its_place(client, seminar, room, prefix, words):
    SideEvent.objects.filter(pk=seminar.pk).update(place=room)
    elsewhere = make_event(seminar.fair, slug="toa-dam")
    past_fair = make_fair(is_current=False, slug="hoi-cho-2023")
    past = make_event(past_fair, slug="ky-truoc", place=make_place(past_fair))
    session = client.session
    session["plan"] = {"event": [seminar.slug, elsewhere.slug, past.slug]}
    session.save()

    html = client.get(f"{prefix}/plan/").content.decode()

    name = "Phòng hội thảo 1" if not prefix else "Seminar room 1"
    assert _place_links(html) == [
        f'<a class="place-link" href="{prefix}/floor-plan/#place-{room.pk}">{words}'
        f'<span class="visually-hidden">: {name}</span></a>'
    ]


@pytest.mark.parametrize(
    ("prefix", "words"), [("", "Xem trên sơ đồ"), ("/en", "See on the floor plan")]
)
def test_an_agreed_meeting_page_leads_the_visitor_to_the_sessions_place(
    client, fair, session, prefix, words
):
    area = make_place(
        fair,
        "Khu kết nối doanh nghiệp",
        "Business matching area",
        hall="B",
        kind="business_matching",
    )
    SideEvent.objects.filter(pk=session.pk).update(place=area)
    token, token_hash = new_token()
    pending_token, pending_hash = new_token()
    meeting = make_meeting_request(session, token_hash=token_hash)
    make_meeting_request(session, token_hash=pending_hash)
    services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None)

    agreed = client.get(f"{prefix}/events/meetings/{token}/").content.decode()
    pending = client.get(f"{prefix}/events/meetings/{pending_token}/").content.decode()

    name = "Khu kết nối doanh nghiệp" if not prefix else "Business matching area"
    assert _place_links(agreed) == [
        f'<a class="place-link" href="{prefix}/floor-plan/#place-{area.pk}">{words}'
        f'<span class="visually-hidden">: {name}</span></a>'
    ]
    assert _place_links(pending) == []  # no table yet: the time and place are not agreed


def test_an_event_with_no_room_in_words_shows_its_places_name(client, seminar, room):
    SideEvent.objects.filter(pk=seminar.pk).update(place=room, room_vi="", room_en="")

    page = client.get(f"/en/events/{seminar.slug}/").content.decode()
    programme = client.get("/events/").content.decode()

    assert (
        "<dt>Venue</dt><dd>Seminar room 1 · "
        f'<a class="place-link" href="/en/floor-plan/#place-{room.pk}">See on the floor plan</a>'
        "</dd>"
    ) in page
    assert '<span class="badge">Hội thảo</span> · Phòng hội thảo 1 · <a class="place-link"' in (
        programme
    )


def test_a_cancelled_event_or_one_of_a_past_fair_sends_nobody_to_the_plan(client, fair, room):
    cancelled = make_event(fair, slug="da-huy", place=room, cancelled_at=at(8, day=1))
    past_fair = make_fair(is_current=False, slug="hoi-cho-2023")
    past = make_event(past_fair, slug="ky-truoc", place=make_place(past_fair))

    pages = [client.get(f"/events/{event.slug}/").content.decode() for event in (cancelled, past)]
    programme = client.get("/events/").content.decode()

    assert [_place_links(page) for page in pages] == [[], []]
    assert _place_links(programme) == []
    assert "Phòng hội thảo 1" in pages[1]  # the room is still named


def test_a_place_changed_in_the_admin_shows_on_the_cached_pages_at_once(
    client, board, fair, seminar, room
):
    stage = make_place(fair, "Sân khấu chính", "Main stage", kind=EventPlace.Kind.STAGE)
    SideEvent.objects.filter(pk=seminar.pk).update(place=room)
    anonymous = client.__class__()
    before = [
        _place_links(anonymous.get(path).content.decode())
        for path in (f"/events/{seminar.slug}/", "/events/")
    ]

    response = board.post(
        f"/admin/events/sideevent/{seminar.pk}/change/",
        side_event_change_data(board, seminar, place=stage.pk),
    )

    assert response.status_code == 302
    assert [len(links) for links in before] == [1, 1]
    assert f"#place-{room.pk}" in before[0][0]
    assert (
        f"#place-{stage.pk}"
        in _place_links(anonymous.get(f"/events/{seminar.slug}/").content.decode())[0]
    )
    assert f"#place-{stage.pk}" in _place_links(anonymous.get("/events/").content.decode())[0]


def test_a_deleted_place_leaves_the_event_without_a_link(client, seminar, room):
    SideEvent.objects.filter(pk=seminar.pk).update(place=room)
    client.get(f"/events/{seminar.slug}/")

    room.delete()

    assert _place_links(client.get(f"/events/{seminar.slug}/").content.decode()) == []
    assert _place_links(client.get("/events/").content.decode()) == []
    assert SideEvent.objects.get(pk=seminar.pk).place is None


def test_admin_offers_the_places_of_the_events_own_fair_only(board, fair, seminar, room):
    other_fair = make_fair(is_current=False, slug="hoi-cho-2025")
    elsewhere = make_place(other_fair, "Phòng hội thảo 9", "Seminar room 9")
    stage = make_place(fair, "Sân khấu chính", "Main stage", kind="stage", hall="B")

    page = board.get(f"/admin/events/sideevent/{seminar.pk}/change/")
    choices = [
        (value, label) for value, label in page.context["adminform"].form.fields["place"].choices
    ]
    refused = board.post(
        f"/admin/events/sideevent/{seminar.pk}/change/",
        side_event_change_data(board, seminar, place=elsewhere.pk),
    )

    assert [(str(value), label) for value, label in choices] == [
        ("", "---------"),
        (str(room.pk), "Phòng hội thảo 1 · khu A"),
        (str(stage.pk), "Sân khấu chính · khu B"),
    ]
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors == {
        "place": ["Hãy chọn một nơi trên sơ đồ của chính kỳ hội chợ của sự kiện."]
    }
    assert SideEvent.objects.get(pk=seminar.pk).place is None


def test_an_event_is_never_saved_with_another_fairs_place(fair, seminar):
    other_place = make_place(make_fair(is_current=False, slug="hoi-cho-2025"))
    seminar.place = other_place

    with pytest.raises(ValidationError) as refusal:
        seminar.full_clean()

    assert refusal.value.message_dict == {
        "place": ["Hãy chọn một nơi trên sơ đồ của chính kỳ hội chợ của sự kiện."]
    }


def test_next_edition_links_the_copied_events_to_the_copied_places(fair, room):
    stage = make_place(fair, "Sân khấu chính", "Main stage", kind="stage", plan_x=0)
    make_booth(fair=fair, code="A01")
    make_event(fair, slug="khai-mac-2024", place=stage, starts_at=at(8))
    make_event(fair, slug="hoi-thao-2024", place=room, starts_at=at(10))
    make_event(fair, slug="tham-quan-2024", place=None, starts_at=at(14))
    copy = {
        "source": fair,
        "name_vi": "Hội chợ 2025",
        "name_en": "Fair 2025",
        "starts_on": datetime.date(2025, 9, 19),
        "ends_on": datetime.date(2025, 9, 21),
        "copy_figures": False,
        "copy_side_events": True,
        "actor": make_user(is_staff=True, is_superuser=True),
    }

    with_plan = editions.copy_edition(**copy, slug="hoi-cho-2025", copy_booths=True).fair
    without_plan = editions.copy_edition(**copy, slug="hoi-cho-2026", copy_booths=False).fair

    assert [
        (event.slug, event.place and (event.place.fair_id, event.place.name_vi))
        for event in with_plan.side_events.order_by("starts_at")
    ] == [
        ("khai-mac-2025", (with_plan.pk, "Sân khấu chính")),
        ("hoi-thao-2025", (with_plan.pk, "Phòng hội thảo 1")),
        ("tham-quan-2025", None),
    ]
    assert list(without_plan.side_events.values_list("place", flat=True)) == [None, None, None]
    assert list(fair.side_events.order_by("starts_at").values_list("place", flat=True)) == [
        stage.pk,
        room.pk,
        None,
    ]


def test_export_and_import_fair_carry_each_events_place(tmp_path):
    fair = make_fair(slug="hoi-cho-2027", is_current=False)
    room = make_place(fair)
    stage = make_place(fair, "Sân khấu chính", "Main stage", kind="stage", plan_y=0)
    make_event(fair, slug="khai-mac-2027", place=stage, starts_at=at(8))
    make_event(fair, slug="hoi-thao-2027", place=room, starts_at=at(10))
    make_event(fair, slug="tham-quan-2027", starts_at=at(14))
    path = tmp_path / "edition.json"
    call_command("export_fair", "hoi-cho-2027", "--output", str(path), stdout=io.StringIO())
    data = json.loads(path.read_text())
    fair.delete()  # the database the edition is carried to

    call_command("import_fair", str(path), stdout=io.StringIO())

    assert [place["name_vi"] for place in data["event_places"]] == [
        "Sân khấu chính",
        "Phòng hội thảo 1",
    ]
    assert [(e["slug"], e["place"]) for e in data["side_events"]] == [
        ("khai-mac-2027", 1),
        ("hoi-thao-2027", 2),
        ("tham-quan-2027", None),
    ]
    imported = Fair.objects.get(slug="hoi-cho-2027")
    assert [
        (event.slug, event.place and (event.place.fair_id, event.place.name_vi))
        for event in imported.side_events.order_by("starts_at")
    ] == [
        ("khai-mac-2027", (imported.pk, "Sân khấu chính")),
        ("hoi-thao-2027", (imported.pk, "Phòng hội thảo 1")),
        ("tham-quan-2027", None),
    ]


def test_import_fair_names_an_event_whose_place_the_file_lacks(tmp_path):
    fair = make_fair(slug="hoi-cho-2027", is_current=False)
    make_event(fair, slug="hoi-thao-2027", place=make_place(fair), starts_at=at(10))
    data = editions.export_edition("hoi-cho-2027")
    fair.delete()
    data["side_events"][0]["place"] = 3

    with pytest.raises(editions.EditionError) as refusal:
        editions.import_edition(data)

    assert str(refusal.value) == (
        "sự kiện bên lề “hoi-thao-2027” (mục 1 của “side_events”): trường “place” (nơi trên "
        "sơ đồ): Tệp không có nơi diễn ra sự kiện số 3 trong mục “event_places”."
    )
    assert not Fair.objects.filter(slug="hoi-cho-2027").exists()


def test_demo_fair_links_its_events_to_its_places():
    with override_settings(DEBUG=True):
        call_command("load_demo_fair", "--year", "2027", stdout=io.StringIO())

    fair = Fair.objects.get(slug="hoi-cho-kcn-ha-noi-2027")
    linked = {
        event.slug: event.place.name_vi if event.place else None
        for event in fair.side_events.select_related("place")
    }
    assert linked == {
        "khai-mac-2027": "Sân khấu chính",
        "chuoi-cung-ung-fdi-nhat-ban-2027": "Phòng hội thảo 1",
        "ket-noi-doanh-nghiep-phien-1-2027": "Khu kết nối doanh nghiệp",
        "cong-nghiep-ho-tro-2027": "Phòng hội thảo 1",
        "ket-noi-doanh-nghiep-phien-2-2027": "Khu kết nối doanh nghiệp",
        "tham-quan-kcn-quang-minh-2027": None,
        "chuyen-doi-so-nha-may-2027": "Phòng hội thảo 2",
        "gmp-duoc-pham-2027": "Phòng hội thảo 1",
        "an-toan-thuc-pham-xuat-khau-2027": "Phòng hội thảo 2",
        "ket-noi-doanh-nghiep-phien-3-2027": "Khu kết nối doanh nghiệp",
    }
    assert {event.place.fair_id for event in fair.side_events.exclude(place=None)} == {fair.pk}


def test_a_room_without_english_is_marked_vietnamese_and_the_link_is_not(client, seminar, room):
    SideEvent.objects.filter(pk=seminar.pk).update(place=room, room_en="")

    page = client.get(f"/en/events/{seminar.slug}/").content.decode()

    assert (
        '<dt>Venue</dt><dd><span lang="vi">Phòng hội thảo 1</span> · '
        f'<a class="place-link" href="/en/floor-plan/#place-{room.pk}">See on the floor plan</a>'
        "</dd>"
    ) in page


def test_a_place_picked_with_no_room_written_names_the_room_in_mails_and_calendars(
    client, board, seminar, room
):
    # The pages could show the place's name, but a seat's mail, its .ics and a change's
    # notice give the room in words: left empty, it is the place's name.
    response = board.post(
        f"/admin/events/sideevent/{seminar.pk}/change/",
        side_event_change_data(board, seminar, place=room.pk, room_vi="", room_en=""),
    )
    event = SideEvent.objects.get(pk=seminar.pk)
    ics = client.get(f"/events/{seminar.slug}/event.ics").content.decode()

    assert response.status_code == 302
    assert (event.room_vi, event.room_en) == ("Phòng hội thảo 1", "Seminar room 1")
    assert "LOCATION:Phòng hội thảo 1\\," in ics
