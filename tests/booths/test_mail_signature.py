"""Every mail a company gets is signed the same way, by the fair's organisers and the
authority that runs the fair, in the company's language (the programme's mails, such
as a visitor's meeting request, in tests/events/test_meetings.py)."""

import pytest
from django.core import mail
from django.utils import timezone

from booths import services
from tests.factories import make_application, make_user

pytestmark = pytest.mark.django_db

SIGNATURE = {
    "vi": (
        "\n\nBan tổ chức Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội\n"
        "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội"
    ),
    "en": (
        "\n\nThe organisers of the Hanoi Industrial Zones Industrial Products Fair\n"
        "Hanoi Industrial and Export Processing Zones Authority"
    ),
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_mail_to_a_company_ends_with_the_same_signature(
    client, fair, booths, payload, language, django_capture_on_commit_callbacks
):
    prefix = "" if language == "vi" else "/en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{prefix}/booths/apply/", payload)  # received: confirm your e-mail
    application = make_application(fair=fair, email="lan@quangminh.example.vn", language=language)
    application.email_confirmed_at = timezone.now()
    application.save()
    with django_capture_on_commit_callbacks(execute=True):
        # Approved, and invited to keep the company's profile.
        services.approve_application(
            application=application, booths=[booths["B01"]], reviewer=make_user(is_staff=True)
        )
    to_company = [
        message.subject
        for message in mail.outbox
        if set(message.to) & {payload["email"].lower(), application.email}
    ]
    signed = [
        message.subject
        for message in mail.outbox
        if message.subject in to_company and message.body.endswith(SIGNATURE[language])
    ]
    assert len(to_company) == 3  # received, approved, invitation
    assert signed == to_company
