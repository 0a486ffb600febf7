import datetime
import unicodedata

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from events import services
from events.models import EventRegistration, SideEvent
from fairportal.models import AuditEntry
from tests.events.conftest import calendar_of, registration_data, sequence
from tests.factories import make_event, make_fair, make_registration, make_user
from tests.pages import assert_link_no_longer_works

pytestmark = pytest.mark.django_db

URL = "/events/hoi-thao-chuoi-cung-ung/"


def _post(client, capture, **overrides):
    with capture(execute=True):
        return client.post(URL, registration_data(**overrides))


def _token_from(message) -> str:
    for line in message.body.splitlines():
        if "/events/registrations/" in line:
            return line.strip().rstrip("/").rsplit("/", 1)[-1]
    raise AssertionError("no secret link in the e-mail")


def test_registration_confirms_a_seat_and_mails_ics_and_link(
    client, seminar, django_capture_on_commit_callbacks
):
    response = _post(client, django_capture_on_commit_callbacks)

    registration = EventRegistration.objects.get()
    seminar.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].startswith("/events/registrations/")
    assert registration.status == "confirmed"
    assert registration.phone == "+84912345678"
    assert registration.consent_at is not None
    assert seminar.seats_taken == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoa@example.vn"]
    assert message.subject == "Xác nhận đăng ký: Hội thảo chuỗi cung ứng linh kiện điện tử"
    assert "https://hoicho.example.vn/events/registrations/" in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("hoi-thao-chuoi-cung-ung.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Hội thảo chuỗi cung ứng linh kiện điện tử"
    assert AuditEntry.objects.filter(action="registration.confirmed").count() == 1


def test_a_seminar_signed_up_for_is_in_my_plan(client, seminar, django_capture_on_commit_callbacks):
    _post(client, django_capture_on_commit_callbacks)

    plan = client.get("/plan/").text

    assert client.session["plan"]["event"] == [seminar.slug]
    assert seminar.title_vi in plan
    # Failed sign-ups add nothing.
    other = Client()
    other.post(URL, registration_data(email="sai"))
    assert "plan" not in other.session


def test_registration_page_behind_link_shows_status(
    client, seminar, django_capture_on_commit_callbacks
):
    response = _post(client, django_capture_on_commit_callbacks)

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Đã xác nhận" in page.content.decode()
    assert "Đăng ký thành công" in page.content.decode()


def test_registration_in_english_mails_in_english_with_english_link(
    client, seminar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en" + URL, registration_data())

    registration = EventRegistration.objects.get()
    body = mail.outbox[0].body
    assert registration.language == "en"
    assert "https://hoicho.example.vn/en/events/registrations/" in body
    assert "Electronics components supply chain seminar" in body
    ics = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert str(ics.walk("VEVENT")[0]["SUMMARY"]) == "Electronics components supply chain seminar"


def test_registration_when_full_goes_to_waitlist_with_position(
    client, seminar, django_capture_on_commit_callbacks
):
    make_registration(seminar, status="confirmed")
    make_registration(seminar, status="confirmed")
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=2)
    make_registration(seminar, status="waitlisted")

    response = _post(client, django_capture_on_commit_callbacks)

    registration = EventRegistration.objects.get(email="hoa@example.vn")
    assert registration.status == "waitlisted"
    seminar.refresh_from_db()
    assert seminar.seats_taken == 2
    page = client.get(response["Location"]).content.decode()
    assert '<dd class="status status-waitlisted">Danh sách chờ – thứ 2</dd>' in page
    assert "đứng thứ 2 trong danh sách chờ" in mail.outbox[0].body
    assert mail.outbox[0].attachments == []
    # One blank line before the signature, as in every other mail (not two).
    assert "\n\n\n" not in mail.outbox[0].body
    assert mail.outbox[0].body.endswith(
        "/\n\nBan tổ chức Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội\n"
        "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội"
    )


@pytest.mark.parametrize(
    ("prefix", "taken", "button"),
    [
        ("", 1, '<button type="submit">Đăng ký</button>'),
        ("", 2, '<button type="submit">Vào danh sách chờ</button>'),
        ("/en", 1, '<button type="submit">Register</button>'),
        ("/en", 2, '<button type="submit">Join the waiting list</button>'),
    ],
)
def test_registration_button_of_a_full_event_says_it_joins_the_waiting_list(
    client, seminar, prefix, taken, button
):
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=taken)

    body = client.get(prefix + URL).content.decode()

    assert button in body


def test_registration_twice_says_so_and_stores_nothing(
    client, seminar, django_capture_on_commit_callbacks
):
    _post(client, django_capture_on_commit_callbacks)

    response = _post(client, django_capture_on_commit_callbacks, email="HOA@example.vn")

    seminar.refresh_from_db()
    assert response.status_code == 400
    assert "hoa@example.vn đã đăng ký sự kiện này" in response.content.decode()
    assert EventRegistration.objects.count() == 1
    assert seminar.seats_taken == 1
    assert len(mail.outbox) == 1


def test_register_service_refuses_duplicate_and_takes_no_seat(seminar):
    make_registration(seminar, email="hoa@example.vn", status="confirmed")

    with pytest.raises(services.AlreadyRegistered):
        services.register_attendee(
            event=seminar, data=registration_data(email="Hoa@Example.vn"), language="vi"
        )

    seminar.refresh_from_db()
    assert seminar.seats_taken == 0
    assert EventRegistration.objects.count() == 1


def test_registration_closed_says_so_and_stores_nothing(
    client, seminar, django_capture_on_commit_callbacks
):
    SideEvent.objects.filter(pk=seminar.pk).update(registration_open=False)

    response = _post(client, django_capture_on_commit_callbacks)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Sự kiện này hiện không nhận đăng ký." in html
    assert 'name="email"' not in html
    assert EventRegistration.objects.count() == 0


def test_registration_closes_when_the_event_begins(
    client, seminar, fair_clock, django_capture_on_commit_callbacks
):
    fair_clock.set(seminar.starts_at - datetime.timedelta(minutes=1))
    before = client.get(URL).content.decode()
    fair_clock.set(seminar.starts_at)

    page = client.get(URL).content.decode()
    response = _post(client, django_capture_on_commit_callbacks)

    assert 'name="email"' in before
    assert 'name="email"' not in page
    assert "Sự kiện đã bắt đầu nên không nhận đăng ký trực tuyến nữa." in page
    assert response.status_code == 400
    assert "Sự kiện đã bắt đầu nên không nhận đăng ký trực tuyến nữa." in response.text
    assert EventRegistration.objects.count() == 0 and mail.outbox == []


def test_register_service_refuses_closed_event(seminar):
    SideEvent.objects.filter(pk=seminar.pk).update(registration_open=False)

    with pytest.raises(services.EventsError) as error:
        services.register_attendee(event=seminar, data=registration_data(), language="vi")

    assert error.value.code == "closed"
    assert EventRegistration.objects.count() == 0


def test_register_service_refuses_a_draft_taken_off_after_its_page_was_loaded(seminar):
    # The board unpublished the seminar while a visitor still had its form open.
    SideEvent.objects.filter(pk=seminar.pk).update(is_published=False)

    with pytest.raises(services.EventsError) as error:
        services.register_attendee(event=seminar, data=registration_data(), language="vi")

    assert error.value.code == "closed"
    assert EventRegistration.objects.count() == 0


def test_registration_for_event_of_another_fair_is_refused(client, fair):
    old = make_fair(
        is_current=False,
        slug="hoi-cho-2023",
        starts_on=datetime.date(2023, 9, 20),
        ends_on=datetime.date(2023, 9, 22),
    )
    event = make_event(old, slug="hoi-thao-2023", registration_open=True)

    response = client.post("/events/hoi-thao-2023/", registration_data())
    with pytest.raises(services.EventsError) as error:
        services.register_attendee(event=event, data=registration_data(), language="vi")

    assert response.status_code == 400
    assert "kỳ hội chợ đã qua" in response.content.decode()
    assert error.value.code == "other_fair"
    assert EventRegistration.objects.count() == 0


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("email", "hoa@", "Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn"),
        ("email", "z" * 300 + "@example.vn", "Tối đa 254 ký tự (bạn đã nhập 311)."),
        ("phone", "12345", "Số điện thoại không hợp lệ."),
        ("phone", "0112345678", "Số điện thoại Việt Nam không hợp lệ"),
        ("consent", "", "Cần có sự đồng ý của bạn để đăng ký."),
        ("name", "", "Trường này là bắt buộc."),
    ],
)
def test_registration_bad_input_is_a_form_error(client, seminar, field, value, message):
    response = client.post(URL, registration_data(**{field: value}))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert EventRegistration.objects.count() == 0


@pytest.mark.parametrize(
    ("prefix", "bad_email", "too_long"),
    [
        (
            "",
            "Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn",
            "Tối đa 200 ký tự (bạn đã nhập 300).",
        ),
        (
            "/en",
            "Invalid e-mail address, e.g. name@company.com",
            "At most 200 characters (you typed 300).",
        ),
    ],
)
def test_registration_errors_are_worded_as_the_site_writes_in_each_language(
    client, seminar, prefix, bad_email, too_long
):
    response = client.post(prefix + URL, registration_data(email="hoa@", name="H" * 300))

    errors = response.context["form"].errors
    assert response.status_code == 400
    assert errors["email"] == [bad_email]
    assert errors["name"] == [too_long]
    assert "email hợp lệ" not in response.content.decode()
    assert "kí tự" not in response.content.decode()


def test_registration_accepts_international_phone_and_zalo(
    client, seminar, django_capture_on_commit_callbacks
):
    _post(client, django_capture_on_commit_callbacks, phone="+82 2 123 4567", zalo="0987 654 321")

    registration = EventRegistration.objects.get()
    assert (registration.phone, registration.zalo) == ("+8221234567", "+84987654321")


@pytest.mark.parametrize("typed", ["84912345678", "84 91 234 5678"])
def test_registration_reads_a_phone_typed_with_84_but_without_plus_as_vietnamese(
    client, seminar, django_capture_on_commit_callbacks, typed
):
    response = _post(client, django_capture_on_commit_callbacks, phone=typed, zalo="84987654321")

    registration = EventRegistration.objects.get()
    assert response.status_code == 302
    assert (registration.phone, registration.zalo) == ("+84912345678", "+84987654321")


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Số điện thoại không hợp lệ. Nhập số Việt Nam (09…, 024…) hoặc số quốc tế"),
        ("/en", "Invalid phone number. Enter a Vietnamese number (09…, 024…) or an international"),
    ],
)
def test_registration_refuses_84_followed_by_too_few_digits(client, seminar, prefix, message):
    response = client.post(prefix + URL, registration_data(phone="84 91 234 567"))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert EventRegistration.objects.count() == 0


def test_registration_honeypot_filled_stores_nothing(client, seminar):
    response = client.post(URL, registration_data(website_url="http://spam.example"))

    assert response.status_code == 400
    assert EventRegistration.objects.count() == 0


def test_registration_rate_limited_per_email(
    client, seminar, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {"form": (300, 1, 3600)}
    _post(client, django_capture_on_commit_callbacks)

    response = _post(client, django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert EventRegistration.objects.count() == 1


def test_cancel_frees_the_seat_and_promotes_first_waitlisted(
    client, seminar, django_capture_on_commit_callbacks
):
    responses = [
        _post(client, django_capture_on_commit_callbacks, email=f"khach{n}@example.vn")
        for n in range(4)
    ]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(responses[0]["Location"], {"confirm": "yes"})

    statuses = dict(EventRegistration.objects.values_list("email", "status"))
    seminar.refresh_from_db()
    assert response.status_code == 302
    assert statuses == {
        "khach0@example.vn": "cancelled",
        "khach1@example.vn": "confirmed",
        "khach2@example.vn": "confirmed",
        "khach3@example.vn": "waitlisted",
    }
    assert seminar.seats_taken == 2
    assert [m.to for m in mail.outbox] == [["khach0@example.vn"], ["khach2@example.vn"]]
    promoted = mail.outbox[1]
    assert promoted.subject == "Bạn đã có chỗ: Hội thảo chuỗi cung ứng linh kiện điện tử"
    assert promoted.attachments[0][2] == "text/calendar"
    assert "Danh sách chờ – thứ 1<" in client.get(responses[3]["Location"]).content.decode()


def test_registration_and_promotion_mails_label_the_events_place_neutrally(
    client, seminar, django_capture_on_commit_callbacks
):
    seminar.room_vi, seminar.room_en = "Điểm hẹn: cổng chính", "Meeting point: main entrance"
    seminar.save()
    seated = _post(client, django_capture_on_commit_callbacks, email="khach0@example.vn")
    _post(client, django_capture_on_commit_callbacks, email="khach1@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en" + URL, registration_data(email="khach2@example.vn"))  # waits
    with django_capture_on_commit_callbacks(execute=True):
        client.post(seated["Location"], {"confirm": "yes"})  # khach2 gets the seat

    created, _second, _waiting, _cancelled, promoted = mail.outbox
    assert promoted.to == ["khach2@example.vn"]
    assert "\nĐịa điểm: Điểm hẹn: cổng chính\n" in created.body
    assert "\nVenue: Meeting point: main entrance\n" in promoted.body
    assert "Phòng:" not in created.body and "Room:" not in promoted.body


def test_cancelling_mails_the_visitor_a_confirmation_in_their_language(
    client, seminar, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        link = client.post("/en" + URL, registration_data())["Location"]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"confirm": "yes"})

    [message] = mail.outbox
    assert message.to == ["hoa@example.vn"]
    assert message.subject == "Registration cancelled: Electronics components supply chain seminar"
    assert "cancelled at your request" in message.body
    assert "The place is free again for others to take." in message.body  # not "given to"
    assert "20/09/2024" in message.body


@pytest.mark.parametrize("by_board", [False, True])
def test_cancelling_a_seat_mails_a_calendar_cancellation_of_the_confirmations_ics(
    client, seminar, django_capture_on_commit_callbacks, by_board
):
    with django_capture_on_commit_callbacks(execute=True):
        link = client.post("/en" + URL, registration_data())["Location"]
    [confirmation] = mail.outbox
    _method, original = calendar_of(confirmation.attachments[0])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        if by_board:
            services.cancel_registration(
                registration=EventRegistration.objects.get(), actor=make_user(is_staff=True)
            )
        else:
            client.post(link, {"confirm": "yes"})

    [message] = mail.outbox
    [attachment] = message.attachments
    method, cancelled = calendar_of(attachment)
    assert attachment[0] == "cancel-hoi-thao-chuoi-cung-ung.ics"
    assert method == "CANCEL"
    assert str(cancelled["UID"]) == str(original["UID"])
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.decoded("DTSTART") == original.decoded("DTSTART")
    assert sequence(cancelled) > sequence(original)
    assert "The attached calendar file removes this entry from your calendar app." in message.body


def test_registering_again_after_cancelling_mails_a_calendar_file_newer_than_the_cancel(
    client, seminar, django_capture_on_commit_callbacks
):
    # The seat's UID is the event's: a new confirmation with a lower SEQUENCE than the
    # cancellation would be ignored by calendar apps as out of date. All in one second.
    with django_capture_on_commit_callbacks(execute=True):
        link = client.post(URL, registration_data())["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"confirm": "yes"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, registration_data())

    first, cancel, again = (calendar_of(m.attachments[0])[1] for m in mail.outbox)
    assert str(first["UID"]) == str(cancel["UID"]) == str(again["UID"])
    assert sequence(first) < sequence(cancel) < sequence(again)


def test_once_the_event_has_begun_its_link_no_longer_cancels_nor_gives_the_seat_away(
    client, seminar, fair_clock, django_capture_on_commit_callbacks
):
    # Two days after the seminar, "Cancel" on the confirmation link told the exhibitor
    # nothing but mailed the first on the waiting list "You have a place" for an event
    # that was over.
    links = [
        _post(client, django_capture_on_commit_callbacks, email=f"khach{n}@example.vn")["Location"]
        for n in range(3)
    ]
    fair_clock.set(datetime.datetime(2024, 9, 22, 10, 0, tzinfo=seminar.starts_at.tzinfo))
    mail.outbox.clear()

    page = client.get(links[0]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(links[0], {"confirm": "yes"}, follow=True)

    statuses = dict(EventRegistration.objects.values_list("email", "status"))
    assert "Huỷ đăng ký</button>" not in page
    assert "Sự kiện đã bắt đầu nên không thể huỷ đăng ký nữa." in response.content.decode()
    assert statuses == {
        "khach0@example.vn": "confirmed",
        "khach1@example.vn": "confirmed",
        "khach2@example.vn": "waitlisted",
    }
    assert mail.outbox == []


def test_a_seat_the_board_frees_after_the_event_began_goes_to_nobody(
    seminar, fair_clock, django_capture_on_commit_callbacks
):
    seated = [make_registration(seminar, status="confirmed") for _ in range(2)]
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=2)
    waiting = make_registration(seminar, status="waitlisted")
    fair_clock.set(seminar.starts_at + datetime.timedelta(minutes=30))

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=seated[0], actor=make_user())

    waiting.refresh_from_db()
    assert promoted == []
    assert waiting.status == "waitlisted"
    assert [m.to for m in mail.outbox] == [[seated[0].email]]


def test_cancel_twice_says_so(client, seminar, django_capture_on_commit_callbacks):
    response = _post(client, django_capture_on_commit_callbacks)
    client.post(response["Location"], {"confirm": "yes"})

    again = client.post(response["Location"], {"confirm": "yes"}, follow=True)

    assert "Đăng ký này đã được huỷ trước đó." in again.content.decode()
    seminar.refresh_from_db()
    assert seminar.seats_taken == 0


@pytest.mark.parametrize(
    ("prefix", "text"),
    [
        ("", "Đổi ý? Bạn có thể đăng ký lại trên"),
        ("/en", "Changed your mind? You can register again on"),
    ],
    ids=["vi", "en"],
)
def test_a_cancelled_registration_page_leads_back_to_the_form_to_register_again(
    client, seminar, django_capture_on_commit_callbacks, prefix, text
):
    response = _post(client, django_capture_on_commit_callbacks)
    page_url = prefix + response["Location"]
    client.post(page_url, {"confirm": "yes"})

    page = client.get(page_url).content.decode()

    assert text in page
    assert f'href="{prefix}/events/{seminar.slug}/#register-title"' in page


def test_a_cancelled_registration_page_offers_nothing_once_the_event_has_begun(
    client, seminar, django_capture_on_commit_callbacks, fair_clock
):
    response = _post(client, django_capture_on_commit_callbacks)
    client.post(response["Location"], {"confirm": "yes"})
    fair_clock.set(seminar.starts_at)

    page = client.get(response["Location"]).content.decode()

    assert "Đổi ý?" not in page


def test_tampered_token_is_404_and_changes_nothing(
    client, seminar, django_capture_on_commit_callbacks
):
    response = _post(client, django_capture_on_commit_callbacks)
    tampered = response["Location"][:-3] + "xx/"

    assert client.get(tampered).status_code == 404
    assert client.post(tampered).status_code == 404
    assert EventRegistration.objects.get().status == "confirmed"


def test_tampered_link_says_the_link_is_not_valid_and_what_to_do(
    client, seminar, django_capture_on_commit_callbacks
):
    response = _post(client, django_capture_on_commit_callbacks)
    tampered = response["Location"][:-3] + "xx/"

    vi = client.get(tampered)
    en = client.get("/en" + tampered)

    assert_link_no_longer_works(
        vi,
        en,
        next_step=(
            "Trên trang của sự kiện, hãy yêu cầu gửi lại liên kết cá nhân (nếu bạn vẫn đang "
            "đăng ký) hoặc đăng ký lại."
        ),
        button='<a class="button" href="/events/">Xem chương trình</a>',
        button_en='<a class="button" href="/en/events/">See the programme</a>',
    )
    assert "Hãy mở liên kết trong e-mail mới nhất chúng tôi gửi cho bạn." in vi.text
    assert '<html lang="en">' in en.text
    assert "Please open the link in the most recent e-mail we sent you." in en.text


def test_token_from_email_opens_the_page(client, seminar, django_capture_on_commit_callbacks):
    _post(client, django_capture_on_commit_callbacks)
    token = _token_from(mail.outbox[0])

    assert client.get(f"/events/registrations/{token}/").status_code == 200


def _waitlisted(client, capture, seminar, prefix=""):
    """Registers when the seminar is full: the visitor is first on the waitlist."""
    make_registration(seminar, status="confirmed")
    make_registration(seminar, status="confirmed")
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=2)
    with capture(execute=True):
        response = client.post(prefix + URL, registration_data())
    assert EventRegistration.objects.get(email="hoa@example.vn").status == "waitlisted"
    return response["Location"]


def test_confirmed_registration_page_offers_the_calendar_and_to_give_the_place_up(
    client, seminar, django_capture_on_commit_callbacks
):
    response = _post(client, django_capture_on_commit_callbacks)

    page = client.get(response["Location"]).content.decode()

    assert 'href="/events/hoi-thao-chuoi-cung-ung/event.ics"' in page
    assert "Không thể tham dự? Huỷ để nhường chỗ cho người trong danh sách chờ." in page
    assert "<summary>Huỷ đăng ký…</summary>" in page
    assert ">Có, huỷ đăng ký</button>" in page
    assert "Rời danh sách chờ" not in page


def test_waitlisted_registration_page_offers_to_leave_the_waitlist_without_a_calendar(
    client, seminar, django_capture_on_commit_callbacks
):
    link = _waitlisted(client, django_capture_on_commit_callbacks, seminar)

    page = client.get(link).content.decode()

    assert '<dd class="status status-waitlisted">Danh sách chờ – thứ 1</dd>' in page
    assert "Không cần chỗ nữa? Rời danh sách chờ." in page
    assert "<summary>Rời danh sách chờ…</summary>" in page
    assert ">Có, rời danh sách chờ</button>" in page
    assert "nhường chỗ" not in page and "Huỷ đăng ký" not in page
    assert "event.ics" not in page and "Thêm vào lịch" not in page


def test_waitlisted_registration_page_in_english_offers_no_place_nor_calendar(
    client, seminar, django_capture_on_commit_callbacks
):
    link = _waitlisted(client, django_capture_on_commit_callbacks, seminar, prefix="/en")

    page = client.get(link).content.decode()

    assert link.startswith("/en/events/registrations/")
    assert '<dd class="status status-waitlisted">Waiting list – number 1</dd>' in page
    assert "give your place" not in page and "Cancel registration" not in page
    assert "event.ics" not in page and "Add to calendar" not in page


def test_leaving_the_waitlist_says_so_and_promotes_no_one(
    client, seminar, django_capture_on_commit_callbacks
):
    link = _waitlisted(client, django_capture_on_commit_callbacks, seminar)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"confirm": "yes"}, follow=True)

    seminar.refresh_from_db()
    page = response.content.decode()
    assert EventRegistration.objects.get(email="hoa@example.vn").status == "cancelled"
    assert "Bạn đã rời danh sách chờ." in page
    assert "Đã huỷ đăng ký của bạn." not in page
    assert seminar.seats_taken == 2
    [message] = mail.outbox  # to the one who left; nobody promoted
    assert message.to == ["hoa@example.vn"]
    assert "Bạn đã rời danh sách chờ của sự kiện" in message.body
    assert "theo yêu cầu của bạn" not in message.body
    assert message.attachments == []  # the waitlist mail had no .ics to withdraw
    assert "Tệp lịch" not in message.body


def test_waitlist_email_offers_to_leave_the_waitlist_not_to_cancel(
    client, seminar, django_capture_on_commit_callbacks
):
    _waitlisted(client, django_capture_on_commit_callbacks, seminar)

    body = mail.outbox[0].body

    assert mail.outbox[0].subject == (
        "Bạn đang trong danh sách chờ: Hội thảo chuỗi cung ứng linh kiện điện tử"
    )
    assert "Xem thứ tự chờ hoặc rời danh sách chờ (liên kết riêng, đừng chia sẻ):" in body
    assert "huỷ đăng ký" not in body and ".ics" not in body
    assert mail.outbox[0].attachments == []


def test_waitlist_email_in_english_does_not_offer_to_cancel_a_place(
    client, seminar, django_capture_on_commit_callbacks
):
    _waitlisted(client, django_capture_on_commit_callbacks, seminar, prefix="/en")

    body = mail.outbox[0].body

    assert "https://hoicho.example.vn/en/events/registrations/" in body
    assert "View or cancel your registration" not in body
    assert mail.outbox[0].attachments == []


def test_registration_typed_with_decomposed_accents_is_stored_composed(
    client, seminar, django_capture_on_commit_callbacks
):
    # Pasted from a Mac tool that writes "ệ" as "e" + U+0302 + U+0323 (NFD).
    typed = {"name": "Nguyễn Thị Hoa", "organisation": "Công ty TNHH Linh kiện Hà Nội"}

    _post(
        client,
        django_capture_on_commit_callbacks,
        **{key: unicodedata.normalize("NFD", value) for key, value in typed.items()},
    )

    registration = EventRegistration.objects.get()
    assert (registration.name, registration.organisation) == (
        unicodedata.normalize("NFC", typed["name"]),
        unicodedata.normalize("NFC", typed["organisation"]),
    )


def test_an_event_that_is_over_says_so_instead_of_that_it_has_begun(client, seminar, fair_clock):
    fair_clock.set(seminar.ends_at)

    page = client.get(URL).content.decode()
    english = client.get("/en" + URL).content.decode()

    assert "Sự kiện đã kết thúc." in page
    assert "đã bắt đầu" not in page
    assert "This event is over." in english
    assert "has begun" not in english


def test_a_matching_session_that_is_over_no_longer_asks_for_meeting_requests(
    client, session, fair_clock
):
    url = "/events/ket-noi-ngay-1/"
    asks = "gửi yêu cầu gặp từ trang"
    before = client.get(url).content.decode()
    fair_clock.set(session.ends_at)

    page = client.get(url).content.decode()

    assert asks in before
    assert asks not in page
    assert "Phiên kết nối doanh nghiệp này đã kết thúc; không nhận yêu cầu gặp nữa." in page


@pytest.mark.parametrize(
    ("prefix", "asked", "refused"),
    [
        ("", "Có, huỷ đăng ký", "Chưa huỷ: hãy bấm nút xác nhận để huỷ."),
        (
            "/en",
            "Yes, cancel my registration",
            "Not cancelled: press the confirmation button to cancel.",
        ),
    ],
)
def test_a_stray_tap_on_cancel_keeps_the_seat_until_the_visitor_confirms(
    client, seminar, django_capture_on_commit_callbacks, prefix, asked, refused
):
    with django_capture_on_commit_callbacks(execute=True):
        link = client.post(prefix + URL, registration_data())["Location"]
    mail.outbox.clear()
    page = client.get(link).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        tapped = client.post(link, follow=True)

    # The cancelling button sits behind a disclosure and says what it does.
    assert f'name="confirm" value="yes" class="button-danger">{asked}</button>' in page
    assert refused in tapped.content.decode()
    assert EventRegistration.objects.get().status == "confirmed"
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"confirm": "yes"})

    assert EventRegistration.objects.get().status == "cancelled"


@pytest.mark.parametrize(
    ("prefix", "said", "resend"),
    [
        ("", "Bạn đã đăng ký lại sự kiện này lúc", "Không thấy e-mail? Gửi lại liên kết"),
        ("/en", "You registered for this event again at", "No e-mail? Send the link again"),
    ],
    ids=["vi", "en"],
)
def test_the_first_link_after_registering_again_points_to_the_new_registration(
    client, seminar, django_capture_on_commit_callbacks, prefix, said, resend
):
    first = prefix + _post(client, django_capture_on_commit_callbacks)["Location"]
    client.post(first, {"confirm": "yes"})
    _post(client, django_capture_on_commit_callbacks)

    page = client.get(first).content.decode()

    again = EventRegistration.objects.get(status="confirmed")
    local = timezone.localtime(again.created_at)
    assert said in page
    assert f"{local:%H:%M}" in page and f"{local:%d/%m/%Y}" in page
    assert f'href="{prefix}/events/{seminar.slug}/registration-link/">{resend}</a>' in page
    # Not the advice to register again, which the form would now refuse.
    assert "Đổi ý?" not in page and "Changed your mind?" not in page
