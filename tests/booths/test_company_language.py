"""A company is written to in the language it applied in, from its application's
confirmation to the meeting requests its booth brings; the board reads Vietnamese."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client

from booths import services
from booths.models import BoothApplication
from events import services as events_services
from events.models import SideEvent
from exhibitors.models import Exhibitor
from tests.factories import HANOI, make_event, make_user

pytestmark = pytest.mark.django_db

ENGLISH = {
    "received": "Confirm booth application {reference}",
    "received_body": "We have received booth application {reference} from Quang Minh Electronics.",
    "approved": "Application {reference} has been approved",
    "approved_body": "Booth application {reference} from Quang Minh Electronics",
    "invitation": "Invitation to manage your company profile on the Hanoi Industrial Zones "
    "Fair portal",
    "invitation_body": "/en/account/welcome/",
    "meeting": "New meeting request from Tanaka Trading Co., Ltd.",
    "meeting_body": "Tanaka Hiroshi (Tanaka Trading Co., Ltd.) would like to meet "
    "Quang Minh Electronics",
}
VIETNAMESE = {
    "received": "Xác nhận hồ sơ đăng ký gian hàng {reference}",
    "received_body": "Chúng tôi đã nhận hồ sơ đăng ký gian hàng {reference} của Điện tử Quang "
    "Minh.",
    "approved": "Hồ sơ {reference} đã được duyệt",
    "approved_body": "Hồ sơ {reference} của Điện tử Quang Minh",
    "invitation": "Mời quản lý hồ sơ doanh nghiệp trên cổng Hội chợ KCN Hà Nội",
    "invitation_body": "https://hoicho.example.vn/account/welcome/",
    "meeting": "Yêu cầu gặp gỡ mới từ Tanaka Trading Co., Ltd.",
    "meeting_body": "Tanaka Hiroshi (Tanaka Trading Co., Ltd.) muốn gặp Điện tử Quang Minh",
}


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("prefix", "language", "words"),
    [("", "vi", VIETNAMESE), ("/en", "en", ENGLISH)],
    ids=["vi", "en"],
)
def test_company_mails_are_in_the_language_it_applied_in_and_the_boards_in_vietnamese(
    fair, booths, payload, settings, django_capture_on_commit_callbacks, prefix, language, words
):
    applicant = Client()
    with django_capture_on_commit_callbacks(execute=True):
        applicant.post(f"{prefix}/booths/apply/", payload)
    application = BoothApplication.objects.get()
    status_path = re.search(
        r"https://hoicho\.example\.vn(\S*/booths/applications/\S+/)", mail.outbox[0].body
    ).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        applicant.get(status_path)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=make_user(is_staff=True)
        )
    company = Exhibitor.objects.get(tax_code="0100109106")
    company.email = "info@quangminh.example.vn"
    company.save()
    session = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        starts_at=datetime.datetime(2024, 9, 20, 14, 0, tzinfo=HANOI),
        registration_open=False,
        capacity=0,
        tables=3,
    )
    slot = datetime.datetime(2024, 9, 20, 14, 30, tzinfo=HANOI)
    visitor = {
        "name": "Tanaka Hiroshi",
        "company": "Tanaka Trading Co., Ltd.",
        "country": "JP",
        "email": "tanaka@example.jp",
        "phone": "+81 3 1234 5678",
        "message": "Linh kiện",
    }
    # The visitor writes from the other language's pages: the company keeps its own.
    with django_capture_on_commit_callbacks(execute=True):
        events_services.request_meeting(
            exhibitor=company,
            session=session,
            data=visitor,
            slots=[slot],
            language="en" if language == "vi" else "vi",
        )

    received, to_board, approved, invitation, _to_visitor, meeting = mail.outbox
    reference = application.reference
    assert received.subject == words["received"].format(reference=reference)
    assert words["received_body"].format(reference=reference) in one_line(received.body)
    assert to_board.to == [settings.BOARD_EMAIL]
    assert to_board.subject.startswith(f"Hồ sơ đăng ký gian hàng mới: {reference}")
    assert approved.subject == words["approved"].format(reference=reference)
    assert words["approved_body"].format(reference=reference) in one_line(approved.body)
    assert invitation.subject == words["invitation"]
    assert words["invitation_body"] in invitation.body
    assert meeting.to == ["hoa@quangminh.example.vn", "info@quangminh.example.vn"]
    assert meeting.subject == words["meeting"]
    assert words["meeting_body"] in one_line(meeting.body)
    assert application.language == language
    assert company.language == language
    assert company.members.get().language == language


def test_a_representative_who_signs_in_on_english_pages_gets_the_companys_mails_in_english(
    fair, booths, django_capture_on_commit_callbacks
):
    # TOTO applied in Vietnamese; its Japanese manager works on the English pages.
    from tests.factories import make_exhibitor

    manager = make_user(email="sato@toto.example.jp", password="Toto-2027-mat-khau")
    toto = make_exhibitor(
        name_vi="TOTO Việt Nam", name_en="TOTO Vietnam", email="info@toto.example.vn"
    )
    toto.members.add(manager)
    Client().post(
        "/en/account/login/", {"username": "sato@toto.example.jp", "password": "Toto-2027-mat-khau"}
    )
    session = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        starts_at=datetime.datetime(2024, 9, 20, 14, 0, tzinfo=HANOI),
        registration_open=False,
        capacity=0,
        tables=3,
    )
    visitor = {
        "name": "Nguyễn Văn Nam",
        "company": "Cơ khí Hà Nội",
        "country": "VN",
        "email": "nam@cokhi.example.vn",
        "phone": "0912 345 678",
        "message": "Thiết bị vệ sinh",
    }

    with django_capture_on_commit_callbacks(execute=True):
        events_services.request_meeting(
            exhibitor=toto,
            session=session,
            data=visitor,
            slots=[datetime.datetime(2024, 9, 20, 14, 30, tzinfo=HANOI)],
            language="vi",
        )

    assert [(m.to, m.subject) for m in mail.outbox[1:]] == [
        (["info@toto.example.vn"], "Yêu cầu gặp gỡ mới từ Cơ khí Hà Nội"),
        (["sato@toto.example.jp"], "New meeting request from Cơ khí Hà Nội"),
    ]
    assert "/en/account/meetings/" in mail.outbox[2].body
    assert "Nguyễn Văn Nam (Cơ khí Hà Nội) would like to meet TOTO Vietnam" in one_line(
        mail.outbox[2].body
    )
    manager.refresh_from_db()
    assert manager.language == "en"


@pytest.mark.parametrize("invite_applicant", [False, True], ids=["member", "invited"])
def test_an_existing_company_keeps_its_mail_language_when_someone_applies_in_another(
    fair, booths, django_capture_on_commit_callbacks, invite_applicant
):
    # Quang Minh's office reads Vietnamese; its Japanese manager (a representative
    # already, or invited by the board) applies from the English pages.
    from django.utils import timezone

    from tests.factories import make_application, make_exhibitor

    manager = make_user(email="sato@quangminh.example.vn")
    company = make_exhibitor(
        name_vi="Điện tử Quang Minh",
        tax_code="0100109106",
        email="info@quangminh.example.vn",
        language="vi",
    )
    if not invite_applicant:
        company.members.add(manager)
    application = make_application(
        fair,
        trading_name_vi="Điện tử Quang Minh",
        trading_name_en="Quang Minh Electronics",
        tax_code="0100109106",
        email="sato@quangminh.example.vn",
        language="en",
        email_confirmed_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application,
            booths=[booths["A01"]],
            reviewer=make_user(is_staff=True),
            invite_applicant=invite_applicant,
        )
    session = make_event(
        fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        starts_at=datetime.datetime(2024, 9, 20, 14, 0, tzinfo=HANOI),
        registration_open=False,
        capacity=0,
        tables=3,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        events_services.request_meeting(
            exhibitor=Exhibitor.objects.get(pk=company.pk),
            session=session,
            data={
                "name": "Nguyễn Văn Nam",
                "company": "Cơ khí Hà Nội",
                "country": "VN",
                "email": "nam@cokhi.example.vn",
                "phone": "0912 345 678",
                "message": "Linh kiện",
            },
            slots=[datetime.datetime(2024, 9, 20, 14, 30, tzinfo=HANOI)],
            language="vi",
        )

    to_office = [m for m in mail.outbox if "info@quangminh.example.vn" in m.to]
    assert [m.subject for m in to_office] == ["Yêu cầu gặp gỡ mới từ Cơ khí Hà Nội"]
    assert Exhibitor.objects.get(pk=company.pk).language == "vi"
