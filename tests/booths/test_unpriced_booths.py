"""A booth priced 0 is one whose price the board has not set: the apply form, its done
page and the application's status page say the board will quote it, in the words the
company's booths page and the approval mail use, and never "0 ₫"."""

import re

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from booths import services
from fairportal.tokens import new_token
from tests.factories import make_application, make_booth, make_user

pytestmark = pytest.mark.django_db

APPLY = "/booths/apply/"
ZERO = re.compile(r"(?<![\d.])0\xa0₫")  # "0 ₫", not the end of "15.000.000 ₫"


def cells(html: str, code: str) -> list[str]:
    """The visible cells of booth `code`'s row in the page's booth table."""
    row = re.search(rf"<tr role=\"row\"[^>]*>(?:(?!</tr>).)*?>{code}<.*?</tr>", html, re.S)
    return [
        re.sub(r"\s+", " ", strip_tags(cell)).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(0), re.S)
    ]


@pytest.fixture
def unpriced(fair, booths):
    return make_booth(fair=fair, code="A04", hall="A", plan_x=90, plan_y=0, price_vnd=0)


@pytest.mark.parametrize(
    ("prefix", "quote", "kind"),
    [
        ("", "Ban tổ chức sẽ báo giá", "Tiêu chuẩn"),
        ("/en", "price to be confirmed by the organisers", "Standard"),
    ],
)
def test_apply_form_says_the_board_will_quote_a_booth_without_a_price(
    client, unpriced, prefix, quote, kind
):
    html = client.get(prefix + APPLY).content.decode()

    assert cells(html, "A04") == ["A04", quote, "", kind, "3 × 3 m"]
    assert not ZERO.search(html)
    # The live total (booths.js) says the same when such a booth is ticked.
    assert f'data-unpriced="{quote}"' in html


@pytest.mark.parametrize(
    ("prefix", "quote"),
    [("", "Ban tổ chức sẽ báo giá"), ("/en", "price to be confirmed by the organisers")],
)
def test_apply_done_says_the_board_will_quote_the_booth_and_so_the_total(
    client, payload, booths, unpriced, prefix, quote
):
    chosen = [str(booths["A01"].pk), str(unpriced.pk)]
    client.post(prefix + APPLY, {**payload, "preferred_booths": chosen, "booth_count": "3"})

    html = client.get(prefix + "/booths/apply/done/").content.decode()

    assert cells(html, "A04")[3:] == [quote, ""]
    total = re.search(r'<td class="num total" role="cell">(.*?)</td>', html).group(1)
    assert total == quote
    assert not ZERO.search(html)
    # No estimate for the booth not yet chosen: what the chosen ones cost is not known.
    assert "45.000.000" not in html and "30.000.000" not in html


def test_status_page_says_the_board_will_quote_a_given_booth_without_a_price(
    client, fair, unpriced, django_capture_on_commit_callbacks
):
    token, digest = new_token()
    application = make_application(
        fair=fair, token_hash=digest, email_confirmed_at=timezone.now(), language="vi"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[unpriced], reviewer=make_user(is_staff=True)
        )

    html = client.get(f"/booths/applications/{token}/").content.decode()

    assigned = re.search(r'<ul class="assigned-booths">(.*?)</ul>', html, re.S).group(1)
    assert re.sub(r"\s+", " ", strip_tags(assigned)).strip() == (
        "A04 · Tiêu chuẩn · 3 × 3 m: Ban tổ chức sẽ báo giá"
    )
    assert not ZERO.search(html)


def test_apply_done_estimates_the_rest_at_the_lowest_price_set_not_an_unpriced_booth(
    client, payload, booths, unpriced
):
    # A04, a standard booth without a price, is not ticked: the two standard booths not
    # yet chosen are counted at 15.000.000 ₫, the lowest price the board has set.
    client.post(APPLY, {**payload, "preferred_booths": [str(booths["A01"].pk)], "booth_count": "3"})

    html = client.get("/booths/apply/done/").content.decode()

    assert (
        "Còn 2 gian chưa chọn cụ thể, tính theo giá thấp nhất của loại này (15.000.000\xa0₫):"
        " tổng ước tính 45.000.000\xa0₫."
    ) in html
