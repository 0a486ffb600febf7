"""A visitor who lost the mails of a meeting request asks for its link again: from the
meet page's "already asked" answer, or from the link page itself."""

import pytest
from django.core import mail

from events import services
from events.models import MeetingRequest
from fairportal.models import AuditEntry
from tests.events.conftest import at, meeting_data
from tests.factories import make_meeting_request

pytestmark = pytest.mark.django_db

MEET = "/exhibitors/canon-viet-nam/meet/"
LINK = "/exhibitors/canon-viet-nam/meet/link/"
NEUTRAL_VI = (
    "Nếu tanaka@example.jp đang có yêu cầu gặp Canon Việt Nam (chờ trả lời hoặc đã chốt), "
    "chúng tôi vừa gửi liên kết cá nhân mới tới địa chỉ đó; liên kết cũ không còn dùng "
    "được. Hãy xem hộp thư (cả thư rác) trong vài phút tới."
)
NEUTRAL_EN = (
    "If tanaka@example.jp has a meeting request with Canon Vietnam (awaiting a reply or "
    "agreed), we have just sent a new personal link to that address; the old link no "
    "longer works. Please check your inbox (and spam folder) in the next few minutes."
)


def _request(client, capture, prefix=""):
    with capture(execute=True):
        response = client.post(prefix + MEET, meeting_data([at(14)]))
    return response["Location"]


def _ask(client, capture, email="tanaka@example.jp", prefix="", **extra):
    with capture(execute=True):
        return client.post(prefix + LINK, {"email": email, "website_url": "", **extra})


def _link_in(message) -> str:
    for line in message.body.splitlines():
        if "/events/meetings/" in line:
            return line.strip().removeprefix("https://hoicho.example.vn")
    raise AssertionError("no personal link in the e-mail")


@pytest.mark.parametrize(
    "prefix, said, button",
    [
        (
            "",
            "Bạn đã gửi yêu cầu gặp doanh nghiệp này trong phiên này",
            "Gửi lại liên kết cá nhân tới e-mail này</button>",
        ),
        (
            "/en",
            "You have already asked this exhibitor for a meeting in this session",
            "Send my personal link to this e-mail again</button>",
        ),
    ],
)
def test_asking_the_same_company_twice_offers_to_send_the_link_again(
    client, session, exhibitor, django_capture_on_commit_callbacks, prefix, said, button
):
    _request(client, django_capture_on_commit_callbacks, prefix)
    sent = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(prefix + MEET, meeting_data([at(15)], email="TANAKA@example.jp"))

    page = response.content.decode()
    assert response.status_code == 400
    assert said in page
    assert f'<form method="post" action="{prefix}{LINK}">' in page
    assert '<input type="hidden" name="email" value="tanaka@example.jp">' in page
    assert button in page
    assert len(mail.outbox) == sent


def test_sending_the_meeting_link_again_mails_a_new_link_and_the_old_one_stops_working(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    old_link = _request(client, django_capture_on_commit_callbacks, prefix="/en")
    meeting = MeetingRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_meeting(meeting=meeting, slot_start=at(14), actor=None)
    mail.outbox.clear()

    response = _ask(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert NEUTRAL_VI in client.get(LINK).content.decode()
    (message,) = mail.outbox
    assert message.to == ["tanaka@example.jp"]
    assert message.subject == "Link to your meeting request with Canon Vietnam"
    assert "Status: Accepted\nTime: 20/09/2024, 14:00–14:30 (Hanoi time, UTC+7)\n" in message.body
    assert (
        "This link replaces the one in our earlier e-mails: the previous link no longer "
        "works." in message.body
    )
    new_link = _link_in(message)
    assert new_link.startswith("/en/events/meetings/")
    assert client.get(old_link).status_code == 404
    assert "<dd>20/09/2024, 14:00–14:30</dd>" in client.get(new_link).content.decode()
    assert AuditEntry.objects.filter(action="meeting.link_resent").count() == 1


def test_an_address_with_no_live_request_gets_the_same_answer_and_no_mail(
    client, session, exhibitor, django_capture_on_commit_callbacks
):
    make_meeting_request(session, exhibitor, requester_email="tanaka@example.jp", status="declined")

    response = _ask(client, django_capture_on_commit_callbacks, prefix="/en")

    assert response.status_code == 302
    assert NEUTRAL_EN in client.get("/en" + LINK).content.decode()
    assert mail.outbox == []


def test_the_meeting_link_page_is_linked_from_the_meet_page(client, session, exhibitor):
    meet = client.get(MEET).content.decode()
    page = client.get("/en" + LINK).content.decode()

    assert f'<a href="{LINK}">Đã gửi yêu cầu nhưng không tìm thấy e-mail?' in meet
    assert "<h1>Send my meeting request link again</h1>" in page
    assert "E-mail address you sent the meeting request from" in page


def test_sending_the_meeting_link_again_is_rate_limited_and_honeypotted(
    client, session, exhibitor, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {"meeting-link": (300, 1, 3600)}
    make_meeting_request(session, exhibitor, requester_email="tanaka@example.jp")

    bot = _ask(client, django_capture_on_commit_callbacks, website_url="http://spam")
    first = _ask(client, django_capture_on_commit_callbacks)
    second = _ask(client, django_capture_on_commit_callbacks)

    assert (bot.status_code, first.status_code, second.status_code) == (400, 302, 429)
    assert len(mail.outbox) == 1
