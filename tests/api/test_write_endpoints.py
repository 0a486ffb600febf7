"""The mobile app's writes: seminar registration and meeting requests through the API.

Same rules as the pages' forms (they run the forms), same services, same mails.
"""

import datetime
import json
import unicodedata

import pytest
from django.core import mail

from events.models import EventRegistration, MeetingRequest, SideEvent
from tests.events.test_concurrency import _run_together
from tests.factories import (
    HANOI,
    make_event,
    make_exhibitor,
    make_fair,
    make_meeting_request,
    make_registration,
    make_sector,
)

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/events/hoi-thao-cnht/registrations/"
MEET = "/api/v1/exhibitors/canon-viet-nam/meeting-requests/"


def at(hour, minute=0):
    return datetime.datetime(2024, 9, 21, hour, minute, tzinfo=HANOI)


@pytest.fixture
def seminar(fair):
    return make_event(fair, slug="hoi-thao-cnht", capacity=2, title_vi="Hội thảo CNHT")


@pytest.fixture
def session(fair):
    """Business matching on 21/09, 09:00–11:00, 30-minute slots."""
    return make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        slug="ket-noi-21-9",
        starts_at=at(9),
        ends_at=at(11),
        slot_minutes=30,
        capacity=0,
        registration_open=False,
    )


@pytest.fixture
def canon(db):
    return make_exhibitor(slug="canon-viet-nam", name_vi="Canon Việt Nam", email="lh@canon.vn")


def registration(**overrides):
    body = {
        "name": "Nguyễn Thị Lan",
        "email": "lan@example.vn",
        "phone": "0912 345 678",
        "organisation": "Cơ khí Thăng Long",
        "job_title": "Trưởng phòng mua hàng",
        "consent": True,
    }
    body.update(overrides)
    return body


def meeting(slots, **overrides):
    body = {
        "name": "Tanaka Hiroshi",
        "company": "Tanaka Trading",
        "country": "JP",
        "email": "tanaka@example.jp",
        "phone": "+81 3 1234 5678",
        "message": "Tìm nhà cung cấp linh kiện nhựa.",
        "slots": slots,
        "consent": True,
    }
    body.update(overrides)
    return body


def post(client, url, body, **kwargs):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **kwargs)


# --- Seminar registration -------------------------------------------------------------


def test_registration_gets_a_seat_the_mail_and_the_secret_link(
    client, seminar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, REGISTER, registration())

    assert response.status_code == 201
    body = response.json()
    stored = EventRegistration.objects.get()
    assert body["status"] == "confirmed"
    assert body["waitlist_position"] is None
    assert body["event"] == "hoi-thao-cnht"
    assert body["link"].startswith("https://hoicho.example.vn/events/registrations/")
    assert (stored.status, stored.phone, stored.email) == (
        "confirmed",
        "+84912345678",
        "lan@example.vn",
    )
    assert stored.consent_at is not None
    seminar.refresh_from_db()
    assert seminar.seats_taken == 1
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]
    assert mail.outbox[0].subject == "Xác nhận đăng ký: Hội thảo CNHT"
    assert body["link"] in mail.outbox[0].body
    page = client.get(body["link"].removeprefix("https://hoicho.example.vn"))
    assert page.status_code == 200


def test_registration_when_full_is_waitlisted_with_its_position(client, seminar):
    answers = [post(client, REGISTER, registration(email=f"k{n}@example.vn")) for n in range(4)]

    assert [a.status_code for a in answers] == [201] * 4
    assert [(a.json()["status"], a.json()["waitlist_position"]) for a in answers] == [
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]
    seminar.refresh_from_db()
    assert seminar.seats_taken == 2


def test_registration_in_english_links_the_english_page(client, seminar):
    response = post(client, REGISTER, registration(language="en"))

    assert response.json()["link"].startswith("https://hoicho.example.vn/en/events/registrations/")
    assert EventRegistration.objects.get().language == "en"


def test_same_email_twice_is_a_409_and_one_row(client, seminar):
    first = post(client, REGISTER, registration())
    second = post(client, REGISTER, registration(email="LAN@example.vn"))

    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json() == {
        "status": 409,
        "code": "conflict",
        "detail": "E-mail này đã đăng ký sự kiện này (đã có chỗ hoặc đang trong danh sách "
        "chờ). Liên kết cá nhân để xem hoặc huỷ đăng ký nằm trong e-mail chúng tôi gửi khi "
        "bạn đăng ký; không tìm thấy e-mail đó thì hãy yêu cầu gửi lại liên kết trên trang "
        "của sự kiện.",
    }
    assert EventRegistration.objects.count() == 1
    seminar.refresh_from_db()
    assert seminar.seats_taken == 1


def test_closed_registration_is_a_409(client, seminar):
    SideEvent.objects.filter(pk=seminar.pk).update(registration_open=False)

    response = post(client, REGISTER, registration())

    assert response.status_code == 409
    assert response.json()["detail"] == "Sự kiện này hiện không nhận đăng ký."
    assert EventRegistration.objects.count() == 0


def test_event_of_another_fair_is_a_409(client, fair):
    past = make_fair(slug="hoi-cho-2023", is_current=False)
    make_event(past, slug="hoi-thao-cnht")

    response = post(client, REGISTER, registration())

    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Sự kiện này thuộc một kỳ hội chợ đã qua, không nhận đăng ký."
    )
    assert EventRegistration.objects.count() == 0


def test_unknown_event_is_a_404(client, fair):
    response = post(client, "/api/v1/events/khong-co/registrations/", registration())

    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "detail": "Không có sự kiện này.",
    }


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"phone": "12345"},
            {
                "phone": [
                    "Số điện thoại không hợp lệ. Nhập số Việt Nam (09…, 024…) hoặc số quốc tế "
                    "bắt đầu bằng +."
                ]
            },
        ),
        (
            {"phone": "0123 456"},
            {
                "phone": [
                    "Số điện thoại Việt Nam không hợp lệ: di động gồm 0 và 9 chữ số, máy bàn "
                    "như 024 và 8 chữ số. Số nước ngoài: thêm + và mã quốc gia, bỏ số 0 đầu "
                    "(ví dụ +82 10 1234 5678)."
                ]
            },
        ),
        # The words of the page's form, not DRF's ("email", "chỉ được tối đa").
        ({"email": "lan@"}, {"email": ["Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn"]}),
        (
            {"email": "z" * 300 + "@example.vn"},
            {"email": ["Tối đa 254 ký tự (bạn đã nhập 311)."]},
        ),
        ({"consent": False}, {"consent": ["Cần có sự đồng ý của bạn để đăng ký."]}),
        ({"consent": "true"}, {"consent": ["Hãy gửi true hoặc false (JSON)."]}),
        ({"consent": 1}, {"consent": ["Hãy gửi true hoặc false (JSON)."]}),
    ],
)
def test_invalid_field_is_a_400_naming_it_and_nothing_is_stored(client, seminar, overrides, errors):
    response = post(client, REGISTER, registration(**overrides))

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert EventRegistration.objects.count() == 0
    assert mail.outbox == []


def test_an_english_client_hears_the_english_forms_words(client, seminar):
    body = registration(email="lan@", phone="0" * 31)

    response = post(client, REGISTER, body, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "email": ["Invalid e-mail address, e.g. name@company.com"],
        "phone": ["At most 30 characters (you typed 31)."],
    }


def test_every_mistake_of_a_registration_is_told_at_once(client, seminar):
    body = registration(name="", email="x", phone="1", consent=False)

    response = post(client, REGISTER, body)

    assert response.status_code == 400
    errors = response.json()["errors"]
    # The name and e-mail fail the body's shape, the phone and consent the form's rules:
    # all four in one answer.
    assert sorted(errors) == ["consent", "email", "name", "phone"]
    assert errors["consent"] == ["Cần có sự đồng ý của bạn để đăng ký."]
    assert EventRegistration.objects.count() == 0


@pytest.mark.parametrize("value", [123, True, ["Lan"], {"vi": "Lan"}])
def test_a_name_that_is_not_a_json_string_is_a_400(client, seminar, value):
    response = post(client, REGISTER, registration(name=value))

    assert response.status_code == 400
    assert response.json()["errors"] == {"name": ["Hãy gửi một chuỗi (JSON string)."]}
    assert EventRegistration.objects.count() == 0


def test_missing_consent_is_a_400(client, seminar):
    body = registration()
    del body["consent"]

    response = post(client, REGISTER, body)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["consent"]
    assert EventRegistration.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ('["Lan", "lan@example.vn"]', ["non_field_errors"]),
        ('"đăng ký"', ["non_field_errors"]),
        ("42", ["non_field_errors"]),
        (
            json.dumps(registration(name={"vi": "Lan"}, phone=["0912345678"], consent="maybe")),
            ["consent", "name", "phone"],
        ),
        (json.dumps(registration(language="fr")), ["language"]),
    ],
)
def test_body_of_the_wrong_shape_is_a_400(client, seminar, body, fields):
    response = post(client, REGISTER, body)

    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == fields
    assert EventRegistration.objects.count() == 0


def test_get_on_the_write_paths_is_a_json_405(client, seminar, canon):
    for url in (REGISTER, MEET):
        response = client.get(url)

        assert response.status_code == 405
        assert response.json()["code"] == "method_not_allowed"


def test_same_email_over_the_write_limit_is_a_429_with_retry_after(
    client, fair, settings, monkeypatch
):
    settings.RATE_LIMITS = {"api-write": (3000, 2, 3600)}
    monkeypatch.setattr("fairportal.ratelimit._now", lambda: 3600 * 500_000 + 3000.0)
    events = [make_event(fair, slug=f"hoi-thao-{n}") for n in range(3)]

    answers = [
        post(client, f"/api/v1/events/{event.slug}/registrations/", registration())
        for event in events
    ]

    assert [a.status_code for a in answers] == [201, 201, 429]
    assert answers[2]["Retry-After"] == "600"
    assert answers[2].json()["code"] == "throttled"
    assert answers[2].json()["detail"] == (
        "Có quá nhiều yêu cầu trong thời gian ngắn. Hãy thử lại sau 600 giây."
    )
    assert EventRegistration.objects.count() == 2


def test_anonymous_throttle_is_a_429_with_retry_after(client, seminar, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min"},
    }

    answers = [post(client, REGISTER, registration(email=f"k{n}@example.vn")) for n in range(3)]

    assert [a.status_code for a in answers] == [201, 201, 429]
    assert 0 < int(answers[2]["Retry-After"]) <= 60
    assert EventRegistration.objects.count() == 2


# --- Meeting requests ------------------------------------------------------------------


def test_meeting_request_is_stored_with_its_slots_and_both_sides_are_mailed(
    client, session, canon, django_capture_on_commit_callbacks
):
    sector = make_sector(slug="dien-tu")
    body = meeting(["2024-09-21T09:00:00+07:00", "2024-09-21T02:30:00Z"], sector="dien-tu")

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, MEET, body)

    assert response.status_code == 201
    stored = MeetingRequest.objects.get()
    assert response.json() == {
        "status": "pending",
        "exhibitor": "canon-viet-nam",
        "session": "ket-noi-21-9",
        "proposed_slots": ["2024-09-21T09:00:00+07:00", "2024-09-21T09:30:00+07:00"],
        "link": response.json()["link"],
    }
    assert response.json()["link"].startswith("https://hoicho.example.vn/events/meetings/")
    assert stored.proposed_slots == ["2024-09-21T09:00:00+07:00", "2024-09-21T09:30:00+07:00"]
    assert (stored.requester_phone, stored.sector, stored.session) == (
        "+81312345678",
        sector,
        session,
    )
    assert stored.consent_at is not None
    assert [m.to for m in mail.outbox] == [["tanaka@example.jp"], ["lh@canon.vn"]]
    assert response.json()["link"] in mail.outbox[0].body


def test_meeting_request_accepts_a_korean_number(client, session, canon):
    response = post(client, MEET, meeting([at(10).isoformat()], phone="+82 2 123 4567"))

    assert response.status_code == 201
    assert MeetingRequest.objects.get().requester_phone == "+8221234567"


def test_meeting_request_reads_a_number_without_plus_as_one_of_the_chosen_country(
    client, session, canon
):
    # The app's form, as the page's: a Korean buyer types the number on their card.
    response = post(
        client, MEET, meeting([at(10).isoformat()], country="KR", phone="010-1234-5678")
    )

    assert response.status_code == 201
    assert MeetingRequest.objects.get().requester_phone == "+821012345678"


@pytest.mark.parametrize(
    "slots",
    [
        ["2024-09-21T09:10:00+07:00"],  # between two slots
        ["2024-09-21T11:00:00+07:00"],  # after the session
        ["2024-09-22T09:00:00+07:00"],  # another day
        ["không phải giờ"],
        ["0001-01-01T00:00:00+14:00"],
    ],
)
def test_slot_not_on_the_session_grid_is_a_400(client, session, canon, slots):
    response = post(client, MEET, meeting(slots))

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["slots"]
    assert MeetingRequest.objects.count() == 0


def test_slot_between_two_of_the_sessions_slots_is_named_as_not_a_session_time(
    client, session, canon
):
    response = post(client, MEET, meeting(["2024-09-21T09:10:00+07:00"]))

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "slots": [
            "Giờ 21/09/2024 09:10 không phải là một khung giờ của phiên kết nối; hãy chọn lại "
            "trong danh sách."
        ]
    }
    assert MeetingRequest.objects.count() == 0


def test_slot_already_accepted_for_the_exhibitor_is_a_400(client, session, canon):
    make_meeting_request(session, canon, status="accepted", slot_start=at(9), table_number=1)

    response = post(client, MEET, meeting([at(9).isoformat()]))

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["slots"]
    assert MeetingRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        ([], "Chọn từ một đến ba khung giờ."),
        ([at(9), at(9, 30), at(10), at(10, 30)], "Chọn nhiều nhất ba khung giờ."),
    ],
)
def test_zero_or_four_slots_is_a_400(client, session, canon, slots, message):
    response = post(client, MEET, meeting([slot.isoformat() for slot in slots]))

    assert response.status_code == 400
    assert response.json()["errors"] == {"slots": [message]}
    assert MeetingRequest.objects.count() == 0


def test_meeting_request_with_an_invalid_phone_or_no_consent_is_a_400(client, session, canon):
    response = post(client, MEET, meeting([at(9).isoformat()], phone="abc", consent=False))

    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == ["consent", "phone"]
    assert response.json()["errors"]["consent"] == ["Cần có sự đồng ý của bạn để gửi yêu cầu gặp."]
    assert MeetingRequest.objects.count() == 0


def test_unknown_or_unpublished_exhibitor_is_a_404(client, session):
    make_exhibitor(slug="an-giau", is_published=False)

    for slug in ("khong-co", "an-giau"):
        response = post(
            client, f"/api/v1/exhibitors/{slug}/meeting-requests/", meeting([at(9).isoformat()])
        )

        assert response.status_code == 404
        assert response.json()["detail"] == "Không có doanh nghiệp này."


def test_unknown_sector_is_a_400(client, session, canon):
    response = post(client, MEET, meeting([at(9).isoformat()], sector="khong-co"))

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["sector"]


def test_meeting_request_of_the_wrong_shape_is_a_400(client, session, canon):
    response = post(client, MEET, meeting("2024-09-21T09:00:00+07:00", country=["JP"]))

    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == ["country", "slots"]
    assert MeetingRequest.objects.count() == 0


# --- Concurrency (PostgreSQL) ----------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_api_registrations_never_oversell_the_last_seats(settings):
    from django.test import Client

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min"},
    }
    fair = make_fair(is_current=True)
    for round_ in range(10):  # a race shows in some rounds only
        event = make_event(fair, slug=f"hoi-thao-cnht-{round_}", capacity=7)
        for _ in range(3):
            make_registration(event, status="confirmed")
        SideEvent.objects.filter(pk=event.pk).update(seats_taken=3)  # 4 seats left
        path = f"/api/v1/events/{event.slug}/registrations/"
        answers = _run_together(
            [
                lambda n=n, path=path: post(Client(), path, registration(email=f"k{n}@example.vn"))
                for n in range(12)
            ]
        )

        assert [a.status_code for a in answers] == [201] * 12
        statuses = sorted(a.json()["status"] for a in answers)
        assert statuses == ["confirmed"] * 4 + ["waitlisted"] * 8
        event.refresh_from_db()
        confirmed = EventRegistration.objects.filter(event=event, status="confirmed").count()
        assert confirmed == event.capacity == event.seats_taken == 7
        positions = sorted(
            a.json()["waitlist_position"] for a in answers if a.json()["waitlist_position"]
        )
        assert positions == list(range(1, 9))  # each told a place of their own


# A name of exactly 200 characters (the form's limit), many of them with two marks.
NAME_200 = "Nguyễn Thị Ngọc Ánh " * 9 + "Trần Thị Minh Nguyệt"


def test_registration_sent_with_decomposed_accents_is_stored_and_counted_composed(client, seminar):
    name = unicodedata.normalize("NFD", NAME_200)
    assert (len(NAME_200), len(name)) == (200, 250)  # "ễ" is three characters in NFD

    response = post(
        client,
        REGISTER,
        registration(name=name, organisation=unicodedata.normalize("NFD", "Cơ khí Thăng Long")),
    )

    assert response.status_code == 201
    stored = EventRegistration.objects.get()
    assert (stored.name, stored.organisation) == (
        unicodedata.normalize("NFC", NAME_200),
        "Cơ khí Thăng Long",
    )


def test_registration_name_of_201_composed_letters_sent_decomposed_is_a_400(client, seminar):
    name = unicodedata.normalize("NFD", NAME_200 + "a")

    response = post(client, REGISTER, registration(name=name))

    assert response.status_code == 400
    assert response.json()["errors"] == {"name": ["Tối đa 200 ký tự (bạn đã nhập 201)."]}
    assert EventRegistration.objects.count() == 0


def test_meeting_request_sent_with_decomposed_accents_is_stored_composed(client, session, canon):
    message = ("Tìm nhà cung cấp linh kiện nhựa, khuôn mẫu và dịch vụ ép phun. " * 40)[:2000]

    response = post(
        client,
        MEET,
        meeting(
            [at(9).isoformat()],
            name=unicodedata.normalize("NFD", "Nguyễn Văn Đức"),
            message=unicodedata.normalize("NFD", message),
        ),
    )

    assert response.status_code == 201
    stored = MeetingRequest.objects.get()
    assert (stored.requester_name, stored.message) == ("Nguyễn Văn Đức", message)
