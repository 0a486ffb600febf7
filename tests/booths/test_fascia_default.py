"""The fascia (the booth's name board): the application form asks for it; left empty,
it is the trading name in capitals, and the approved booths carry it to the company's
booth page."""

import re

import pytest
from django.core import mail
from django.test import Client

from booths.models import Booth, BoothApplication
from exhibitors.models import Exhibitor

pytestmark = pytest.mark.django_db


def apply_and_confirm(payload, capture, prefix=""):
    applicant = Client()
    with capture(execute=True):
        applicant.post(f"{prefix}/booths/apply/", payload)
    status_path = re.search(
        r"https://hoicho\.example\.vn(\S*/booths/applications/\S+/)", mail.outbox[0].body
    ).group(1)
    with capture(execute=True):
        status = applicant.get(status_path)
    return " ".join(status.content.decode().split())


@pytest.mark.parametrize(
    ("prefix", "label", "fascia"),
    [
        ("", "Tên trên bảng tên gian", "ĐIỆN TỬ QUANG MINH"),
        ("/en", "Fascia name", "QUANG MINH ELECTRONICS"),
    ],
    ids=["vi", "en"],
)
def test_fascia_left_empty_is_the_trading_name_in_capitals(
    payload, booths, django_capture_on_commit_callbacks, prefix, label, fascia
):
    status = apply_and_confirm(payload, django_capture_on_commit_callbacks, prefix)

    assert f"<dt>{label}</dt><dd>{fascia}</dd>" in status
    assert BoothApplication.objects.get().fascia_name == fascia


def test_fascia_typed_by_the_company_is_kept(payload, booths, django_capture_on_commit_callbacks):
    status = apply_and_confirm(
        {**payload, "fascia_name": "  Quang Minh   Electronics JSC "},
        django_capture_on_commit_callbacks,
    )

    assert "<dt>Tên trên bảng tên gian</dt><dd>Quang Minh Electronics JSC</dd>" in status


def test_approved_booths_carry_the_fascia_to_the_company_booth_page(
    client, board_client, payload, booths, django_capture_on_commit_callbacks
):
    apply_and_confirm(payload, django_capture_on_commit_callbacks)
    application = BoothApplication.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        board_client.post(
            f"/admin/booths/boothapplication/{application.pk}/approve/",
            {"booths": [booths["A01"].pk, booths["A02"].pk]},
        )
    company = Exhibitor.objects.get(tax_code="0100109106")
    representative = company.members.get()
    client.force_login(representative)

    page = client.get("/account/booths/").content.decode()

    boxes = re.findall(r'<input type="text" name="fascia_name" value="([^"]*)"', page)
    assert boxes == ["ĐIỆN TỬ QUANG MINH", "ĐIỆN TỬ QUANG MINH"]
    assert sorted(Booth.objects.filter(exhibitor=company).values_list("code", "fascia_name")) == [
        ("A01", "ĐIỆN TỬ QUANG MINH"),
        ("A02", "ĐIỆN TỬ QUANG MINH"),
    ]
