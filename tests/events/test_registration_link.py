"""A visitor who lost the mail with their personal link asks for it again: from the
"already registered" answer of the event's form, or from the link page itself."""

import pytest
from django.core import mail

from events.models import EventRegistration, SideEvent
from fairportal.models import AuditEntry
from tests.events.conftest import registration_data
from tests.factories import make_registration

pytestmark = pytest.mark.django_db

EVENT = "/events/hoi-thao-chuoi-cung-ung/"
LINK = "/events/hoi-thao-chuoi-cung-ung/registration-link/"
NEUTRAL_VI = (
    "Nếu hoa@example.vn đang đăng ký sự kiện này (có chỗ hoặc trong danh sách chờ), chúng "
    "tôi vừa gửi liên kết cá nhân mới tới địa chỉ đó; liên kết cũ không còn dùng được. Hãy "
    "xem hộp thư (cả thư rác) trong vài phút tới."
)
NEUTRAL_EN = (
    "If hoa@example.vn is registered for this event (with a seat or on the waiting list), "
    "we have just sent a new personal link to that address; the old link no longer works. "
    "Please check your inbox (and spam folder) in the next few minutes."
)


def _register(client, capture, prefix=""):
    with capture(execute=True):
        response = client.post(prefix + EVENT, registration_data())
    return response["Location"]


def _fill(seminar):
    """Two seats taken: the next visitor goes to the waiting list."""
    make_registration(seminar, status="confirmed")
    make_registration(seminar, status="confirmed")
    SideEvent.objects.filter(pk=seminar.pk).update(seats_taken=2)


def _ask(client, capture, email="hoa@example.vn", prefix="", **extra):
    with capture(execute=True):
        return client.post(prefix + LINK, {"email": email, "website_url": "", **extra})


def _link_in(message) -> str:
    for line in message.body.splitlines():
        if "/events/registrations/" in line:
            return line.strip().removeprefix("https://hoicho.example.vn")
    raise AssertionError("no personal link in the e-mail")


def test_registering_twice_offers_to_send_the_link_again_to_that_address(
    client, seminar, django_capture_on_commit_callbacks
):
    _register(client, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EVENT, registration_data(email="HOA@example.vn"))

    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "hoa@example.vn đã đăng ký sự kiện này: đã có chỗ hoặc đang trong danh sách chờ. "
        "Liên kết cá nhân để xem hoặc huỷ đăng ký nằm trong e-mail chúng tôi gửi khi bạn "
        "đăng ký." in page
    )
    # A plain form (no JavaScript needed) that posts the address to the link page.
    assert f'<form method="post" action="{LINK}">' in page
    assert '<input type="hidden" name="email" value="hoa@example.vn">' in page
    assert "Gửi lại liên kết cá nhân tới e-mail này</button>" in page
    # Not the form's "fix the following": nothing in it is wrong.
    assert "Hãy sửa các mục sau" not in page
    assert len(mail.outbox) == 1


def test_registering_twice_from_the_waiting_list_does_not_speak_of_a_confirmation(
    client, seminar, django_capture_on_commit_callbacks
):
    _fill(seminar)
    _register(client, django_capture_on_commit_callbacks, prefix="/en")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en" + EVENT, registration_data())

    page = response.content.decode()
    assert (
        "hoa@example.vn is already registered for this event, with a seat or on the "
        "waiting list. Your personal link to see or cancel the registration is in the "
        "e-mail we sent when you registered." in page
    )
    assert "confirmation" not in page.lower()
    assert (
        '<form method="post" action="/en/events/hoi-thao-chuoi-cung-ung/registration-link/">'
        in page
    )
    assert "Send my personal link to this e-mail again</button>" in page


def test_sending_the_link_again_mails_a_new_link_and_the_old_one_stops_working(
    client, seminar, django_capture_on_commit_callbacks
):
    old_link = _register(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    response = _ask(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == LINK
    assert NEUTRAL_VI in client.get(LINK).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoa@example.vn"]
    assert message.subject == (
        "Liên kết đăng ký của bạn: Hội thảo chuỗi cung ứng linh kiện điện tử"
    )
    assert "Trạng thái: đã có chỗ (đã xác nhận)" in message.body
    assert (
        "Liên kết này thay cho liên kết trong các e-mail trước: liên kết cũ không còn dùng "
        "được nữa." in message.body
    )
    new_link = _link_in(message)
    assert new_link != old_link
    assert client.get(old_link).status_code == 404
    page = client.get(new_link)
    assert page.status_code == 200
    assert '<dd class="status status-confirmed">Đã xác nhận</dd>' in page.content.decode()
    assert AuditEntry.objects.filter(action="registration.link_resent").count() == 1
    assert EventRegistration.objects.get().status == "confirmed"


def test_a_waiting_visitor_gets_the_link_in_their_language_with_their_place(
    client, seminar, django_capture_on_commit_callbacks
):
    _fill(seminar)
    _register(client, django_capture_on_commit_callbacks, prefix="/en")
    mail.outbox.clear()

    # Asked from the Vietnamese page: the mail is in the language they registered in.
    response = _ask(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.subject == (
        "Your registration link: Electronics components supply chain seminar"
    )
    assert "Status: on the waiting list, number 1" in message.body
    assert (
        "This link replaces the one in our earlier e-mails: the previous link no longer "
        "works." in message.body
    )
    assert message.attachments == []
    link = _link_in(message)
    assert link.startswith("/en/events/registrations/")
    page = client.get(link).content.decode()
    assert '<dd class="status status-waitlisted">Waiting list – number 1</dd>' in page


def test_an_address_not_registered_gets_the_same_answer_and_no_mail(
    client, seminar, django_capture_on_commit_callbacks
):
    make_registration(seminar, email="hoa@example.vn", status="cancelled")

    response = _ask(client, django_capture_on_commit_callbacks, prefix="/en")

    assert response.status_code == 302
    assert response["Location"] == "/en" + LINK
    assert NEUTRAL_EN in client.get("/en" + LINK).content.decode()
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="registration.link_resent").exists()


def test_the_link_page_asks_for_the_address_and_is_linked_from_the_event(client, seminar):
    event_page = client.get(EVENT).content.decode()
    page = client.get("/en" + LINK)

    assert f'<a href="{LINK}">Đã đăng ký nhưng không tìm thấy e-mail?' in event_page
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>Send my registration link again</h1>" in text
    assert "E-mail address you registered with" in text
    assert "Send my personal link to this e-mail again</button>" in text


def test_the_link_page_refuses_a_bad_address_and_sends_nothing(
    client, seminar, django_capture_on_commit_callbacks
):
    make_registration(seminar, email="hoa@example.vn")

    response = _ask(client, django_capture_on_commit_callbacks, email="hoa@")

    assert response.status_code == 400
    assert "Địa chỉ e-mail không hợp lệ, ví dụ ten@congty.vn" in response.content.decode()
    assert mail.outbox == []


def test_the_link_page_honeypot_filled_sends_nothing(
    client, seminar, django_capture_on_commit_callbacks
):
    make_registration(seminar, email="hoa@example.vn")

    response = _ask(client, django_capture_on_commit_callbacks, website_url="http://spam")

    assert response.status_code == 400
    assert mail.outbox == []


def test_sending_the_link_again_is_rate_limited_per_address(
    client, seminar, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {"registration-link": (300, 1, 3600)}
    make_registration(seminar, email="hoa@example.vn")
    _ask(client, django_capture_on_commit_callbacks)

    response = _ask(client, django_capture_on_commit_callbacks, email="HOA@example.vn")

    assert response.status_code == 429
    assert response["Retry-After"]
    assert len(mail.outbox) == 1


def test_a_business_matching_session_has_no_link_page(client, session):
    assert client.get("/events/ket-noi-ngay-1/registration-link/").status_code == 404
