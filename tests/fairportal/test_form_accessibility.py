"""The public forms as a screen reader meets them: each error is tied to its field, and
optional fields say so in their label."""

import re

import html5lib
import pytest

from tests.factories import make_booth, make_event, make_exhibitor, make_fair, make_sector

pytestmark = pytest.mark.django_db

FORMS = ["/booths/apply/", "/events/hoi-thao/", "/exhibitors/canon-viet-nam/meet/"]


@pytest.fixture
def forms_data():
    fair = make_fair()
    make_sector(name_vi="Điện tử", slug="dien-tu")
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_booth(fair=fair, code="A07", exhibitor=canon)
    make_booth(fair=fair, code="A08")
    make_event(fair=fair, slug="hoi-thao")
    make_event(fair=fair, slug="ket-noi-1", kind="business_matching", capacity=40)
    return fair


def main_form(html: str):
    """The page's form a visitor fills in (the one asking for consent), as a tree."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return next(
        form
        for form in tree.iter("form")
        if any(field.get("name") == "consent" for field in form.iter("input"))
    )


def described_errors(form) -> tuple[set[str], set[str]]:
    """The ids of the form's error lists, and those of them that a control or group
    names in aria-describedby (itself or through the element wrapping it)."""
    parents = {child: parent for parent in form.iter() for child in parent}
    described = {
        name for element in form.iter() for name in (element.get("aria-describedby") or "").split()
    }
    errors, tied = set(), set()
    for element in form.iter("ul"):
        if "errorlist" not in (element.get("class") or "").split() or not element.get("id"):
            continue
        errors.add(element.get("id"))
        node = element
        while node is not None:
            if node.get("id") in described:
                tied.add(element.get("id"))
                break
            node = parents.get(node)
    return errors, tied


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("path", FORMS)
def test_every_error_of_a_public_form_is_tied_to_its_field(client, forms_data, language, path):
    response = client.post(language + path, {})
    form = main_form(response.content.decode())

    errors, tied = described_errors(form)
    invalid = {
        element.get("name")
        for element in form.iter()
        if element.tag in ("input", "select", "textarea") and element.get("aria-invalid") == "true"
    }
    assert response.status_code == 400
    assert "id_consent_error" in errors
    assert sorted(errors - tied) == []
    assert "consent" in invalid


def test_apply_form_labels_say_which_fields_may_be_left_empty(client, forms_data):
    html = client.get("/booths/apply/").content.decode()

    labels = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()
        for text in re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", html, re.S)
    ]
    assert [label for label in labels if "không bắt buộc" in label] == [
        "Tên giao dịch (tiếng Anh, không bắt buộc):",
        "Trang web (không bắt buộc):",
        "Logo (không bắt buộc):",
        "Sản phẩm chính (không bắt buộc):",
        "Chức vụ (không bắt buộc):",
        "Gian mong muốn (không bắt buộc)",
        "Tên trên bảng tên gian (không bắt buộc):",
        "Lời nhắn cho Ban tổ chức (không bắt buộc):",
    ]
    # The zone is chosen, "outside the zones" included: nothing is assumed for a company.
    for required in (
        "Tên pháp lý của doanh nghiệp:",
        "Mã số thuế:",
        "Địa chỉ:",
        "Khu công nghiệp:",
        "E-mail:",
    ):
        assert required in labels


def test_apply_form_labels_say_optional_in_english(client, forms_data):
    html = client.get("/en/booths/apply/").content.decode()

    assert "(optional)" in html
    assert "không bắt buộc" not in html


def test_meeting_form_marks_the_optional_sector_once_and_zalo_once(client, forms_data):
    html = client.get("/exhibitors/canon-viet-nam/meet/").content.decode()

    assert 'for="id_sector">Ngành quan tâm (không bắt buộc):</label>' in html
    assert html.count("(không bắt buộc)") == 2  # the sector and Zalo, nothing twice
