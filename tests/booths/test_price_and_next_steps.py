"""After approval a company reads what its booths cost and what comes next (contract,
payment, build-up, whom to ask): on /account/booths/, in the approval mail in its
language, and on its application's status page. What the board has not set is not
made up: a booth without a price and a fair without dates say the board will tell."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import strip_tags

from booths import services
from booths.models import Booth
from fairportal.editions import copy_edition
from fairportal.models import AuditEntry
from fairportal.tokens import new_token
from tests.factories import HANOI, make_application, make_booth, make_exhibitor, make_user

pytestmark = pytest.mark.django_db

URL = "/account/booths/"
ASSIGNED = datetime.datetime(2024, 8, 26, 9, 0, tzinfo=HANOI)
BOARD = "bql-hoicho@hoicho-kcn.example.vn"


def texts(html: str, pattern: str) -> list[str]:
    """The visible text of each element `pattern` matches, spaces squeezed (the
    non-breaking space before ₫ kept, as the reader sees it)."""
    return [
        re.sub(r"[ \t\n]+", " ", strip_tags(inner)).strip()
        for inner in re.findall(pattern, html, flags=re.S)
    ]


def next_steps(html: str) -> list[str]:
    section = re.search(r'<section aria-labelledby="next-steps-title".*?</section>', html, re.S)
    return texts(section.group(0), r"<(?:li|p)>(.*?)</(?:li|p)>") if section else []


@pytest.fixture
def representative(db):
    return make_user()


@pytest.fixture
def company(fair, booths, representative, settings):
    settings.BOARD_EMAIL = BOARD
    fair.contract_within_days = 7
    fair.payment_due_on = datetime.date(2024, 9, 6)
    fair.move_in_starts_at = datetime.datetime(2024, 9, 18, 8, 0, tzinfo=HANOI)
    fair.hotline = "024 3333 4444"
    fair.save()
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", members=[representative])
    Booth.objects.filter(pk__in=[booths["A01"].pk, booths["B01"].pk]).update(
        exhibitor=exhibitor, assigned_at=ASSIGNED
    )
    return exhibitor


def test_account_booths_shows_each_price_the_total_and_next_steps_in_vietnamese(
    client, company, representative
):
    client.force_login(representative)

    html = client.get(URL).content.decode()

    assert texts(html, r'<p class="booth-price">(.*?)</p>') == [
        "Giá: 15.000.000\xa0₫ (đã gồm VAT)",
        "Giá: 22.500.000\xa0₫ (chưa gồm VAT)",
    ]
    assert texts(html, r'<p class="booth-total">(.*?)</p>') == [
        "Tổng tiền thuê gian: 15.000.000\xa0₫ đã gồm VAT + 22.500.000\xa0₫ chưa gồm VAT"
    ]
    # Build-up has its own section just below, with the opening and dismantling times.
    assert next_steps(html) == [
        "Ban tổ chức gửi hợp đồng thuê gian qua e-mail trước ngày 02/09/2024.",
        "Thanh toán tiền thuê gian trước ngày 06/09/2024, theo hướng dẫn trong hợp đồng.",
        f"Cần hỏi: gọi đường dây nóng 024 3333 4444 hoặc viết đến {BOARD}.",
    ]
    # One tap to call on a phone.
    section = re.search(r'<section aria-labelledby="next-steps-title".*?</section>', html, re.S)
    assert re.findall(r'href="tel:[^"]*"', section.group(0)) == ['href="tel:02433334444"']


def test_account_booths_shows_each_price_the_total_and_next_steps_in_english(
    client, company, representative
):
    client.force_login(representative)

    html = client.get(f"/en{URL}").content.decode()

    assert texts(html, r'<p class="booth-price">(.*?)</p>') == [
        "Price: 15.000.000\xa0₫ (VAT included)",
        "Price: 22.500.000\xa0₫ (VAT excluded)",
    ]
    assert texts(html, r'<p class="booth-total">(.*?)</p>') == [
        "Total booth rental: 15.000.000\xa0₫ VAT included + 22.500.000\xa0₫ VAT excluded"
    ]
    assert next_steps(html) == [
        "The organisers e-mail you the booth rental contract by 02/09/2024.",
        "Pay for your booths by 06/09/2024, as the contract explains.",
        f"Questions: call the hotline 024 3333 4444 or write to {BOARD}.",
    ]


def test_account_booths_total_says_vat_included_when_every_booth_includes_it(
    client, company, booths, representative
):
    Booth.objects.filter(pk=booths["B01"].pk).update(exhibitor=None)
    Booth.objects.filter(pk=booths["A02"].pk).update(exhibitor=company, assigned_at=ASSIGNED)
    client.force_login(representative)

    html = client.get(URL).content.decode()

    assert texts(html, r'<p class="booth-total">(.*?)</p>') == [
        "Tổng tiền thuê gian: 30.000.000\xa0₫ (đã gồm VAT)"
    ]


def test_account_booths_of_a_fair_with_no_price_nor_dates_set_says_the_board_will_tell(
    client, fair, representative, settings
):
    settings.BOARD_EMAIL = BOARD
    exhibitor = make_exhibitor(members=[representative])
    make_booth(fair=fair, code="C01", price_vnd=0, exhibitor=exhibitor)
    client.force_login(representative)

    html = client.get(URL).content.decode()

    assert texts(html, r'<p class="booth-price">(.*?)</p>') == ["Giá: Ban tổ chức sẽ báo giá"]
    assert texts(html, r'<p class="booth-total">(.*?)</p>') == []
    assert "0\xa0₫" not in html
    assert next_steps(html) == [
        "Ban tổ chức sẽ gửi hợp đồng thuê gian qua e-mail.",
        "Thanh toán tiền thuê gian theo hướng dẫn trong hợp đồng.",
        f"Cần hỏi: viết đến {BOARD}.",
    ]


LATE = datetime.datetime(2024, 9, 15, 9, 0, tzinfo=HANOI)


def test_account_booths_of_a_late_approval_gets_the_contract_before_the_build_up(
    client, company, booths, representative
):
    """Given booths on 15/09 with 14 days for the contract, a company would be told
    29/09 for a fair of 20–22/09: the contract comes before the build-up of 18/09."""
    company.booths.update(assigned_at=LATE)
    fair = booths["A01"].fair
    fair.contract_within_days = 14
    fair.save()
    client.force_login(representative)

    html = client.get(URL).content.decode()

    assert next_steps(html)[:2] == [
        "Ban tổ chức gửi hợp đồng thuê gian qua e-mail trước ngày 17/09/2024.",
        "Thanh toán tiền thuê gian theo hướng dẫn trong hợp đồng.",
    ]


def test_account_booths_given_the_day_before_the_build_up_promise_no_date_already_here(
    client, company, booths, representative
):
    """Given booths on 17/09, the day before the build-up of 18/09: "before 17/09" would
    be a date already passed; the company is told the contract is on its way."""
    company.booths.update(assigned_at=datetime.datetime(2024, 9, 17, 9, 0, tzinfo=HANOI))
    fair = booths["A01"].fair
    fair.contract_within_days = 14
    fair.save()
    client.force_login(representative)

    html = client.get(URL).content.decode()

    assert next_steps(html)[0] == "Ban tổ chức sẽ gửi hợp đồng thuê gian qua e-mail."


def test_account_booths_of_a_late_approval_without_build_up_keeps_the_payment_deadline(
    client, company, booths, representative
):
    """No build-up date: the contract comes before the opening day (20/09), and a
    payment deadline of 19/09 still stands."""
    company.booths.update(assigned_at=LATE)
    fair = booths["A01"].fair
    fair.contract_within_days = 14
    fair.move_in_starts_at = None
    fair.payment_due_on = datetime.date(2024, 9, 19)
    fair.save()
    client.force_login(representative)

    html = client.get(f"/en{URL}").content.decode()

    assert next_steps(html)[:2] == [
        "The organisers e-mail you the booth rental contract by 19/09/2024.",
        "Pay for your booths by 19/09/2024, as the contract explains.",
    ]


def test_account_booths_without_booths_shows_no_total_and_no_next_steps(
    client, fair, representative
):
    make_exhibitor(members=[representative])
    client.force_login(representative)

    html = client.get(URL).content.decode()

    assert texts(html, r'<p class="booth-total">(.*?)</p>') == []
    assert next_steps(html) == []


def approve(fair, booths, *, language, django_capture_on_commit_callbacks):
    token, digest = new_token()
    application = make_application(
        fair=fair,
        token_hash=digest,
        trading_name_vi="Điện tử Quang Minh",
        trading_name_en="Quang Minh Electronics",
        email_confirmed_at=timezone.now(),
        language=language,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=booths, reviewer=make_user(is_staff=True)
        )
    return application, token


@pytest.fixture
def future_fair(fair, settings):
    """The fair two months ahead, so that its payment deadline is still to come."""
    settings.BOARD_EMAIL = BOARD
    today = timezone.localdate()
    fair.starts_on = today + datetime.timedelta(days=60)
    fair.ends_on = today + datetime.timedelta(days=62)
    fair.contract_within_days = 7
    fair.payment_due_on = today + datetime.timedelta(days=30)
    fair.move_in_starts_at = datetime.datetime.combine(
        today + datetime.timedelta(days=58), datetime.time(8, 0), tzinfo=HANOI
    )
    fair.hotline = "024 3333 4444"
    fair.save()
    return fair


def day(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).strftime("%d/%m/%Y")


def mail_lines(body: str, first: str, last: str) -> list[str]:
    lines = body.splitlines()
    return lines[lines.index(first) : lines.index(last) + 1]


def test_approval_mail_in_vietnamese_lists_prices_total_and_next_steps(
    future_fair, booths, django_capture_on_commit_callbacks
):
    approve(
        future_fair,
        [booths["B01"], booths["A01"]],
        language="vi",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    body = mail.outbox[0].body
    total = "Tổng tiền thuê gian: 15.000.000\xa0₫ đã gồm VAT + 22.500.000\xa0₫ chưa gồm VAT"
    assert mail_lines(body, "Gian được giao:", total) == [
        "Gian được giao:",
        "- A01 · Tiêu chuẩn · 3 × 3 m: 15.000.000\xa0₫ (đã gồm VAT)",
        "- B01 · Góc · 3 × 3 m: 22.500.000\xa0₫ (chưa gồm VAT)",
        total,
    ]
    assert mail_lines(
        body, "Bước tiếp theo:", "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội"
    ) == [
        "Bước tiếp theo:",
        f"1. Ban tổ chức gửi hợp đồng thuê gian qua e-mail trước ngày {day(7)}.",
        f"2. Thanh toán tiền thuê gian trước ngày {day(30)}, theo hướng dẫn trong hợp đồng.",
        f"3. Dàn dựng gian hàng từ {day(58)} 08:00; hội chợ mở cửa 08:00 ngày {day(60)}.",
        f"Cần hỏi: gọi đường dây nóng 024 3333 4444 hoặc viết đến {BOARD}.",
        "",
        "Ban tổ chức Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội",
        "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội",
    ]


def test_approval_mail_in_english_lists_prices_total_and_next_steps(
    future_fair, booths, django_capture_on_commit_callbacks
):
    approve(
        future_fair,
        [booths["A01"], booths["A02"]],
        language="en",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    body = mail.outbox[0].body
    assert mail_lines(
        body, "Booths assigned:", "Total booth rental: 30.000.000\xa0₫ (VAT included)"
    ) == [
        "Booths assigned:",
        "- A01 · Standard · 3 × 3 m: 15.000.000\xa0₫ (VAT included)",
        "- A02 · Standard · 3 × 3 m: 15.000.000\xa0₫ (VAT included)",
        "Total booth rental: 30.000.000\xa0₫ (VAT included)",
    ]
    assert mail_lines(
        body, "Next steps:", "Hanoi Industrial and Export Processing Zones Authority"
    ) == [
        "Next steps:",
        f"1. The organisers e-mail you the booth rental contract by {day(7)}.",
        f"2. Pay for your booths by {day(30)}, as the contract explains.",
        f"3. Build-up starts {day(58)} 08:00; the fair opens at 08:00 on {day(60)}.",
        f"Questions: call the hotline 024 3333 4444 or write to {BOARD}.",
        "",
        "The organisers of the Hanoi Industrial Zones Industrial Products Fair",
        "Hanoi Industrial and Export Processing Zones Authority",
    ]


def test_approval_mail_of_a_fair_with_no_price_nor_dates_set_says_the_board_will_tell(
    fair, settings, django_capture_on_commit_callbacks
):
    settings.BOARD_EMAIL = BOARD
    booth = make_booth(fair=fair, code="C01", price_vnd=0)

    approve(
        fair,
        [booth],
        language="vi",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    body = mail.outbox[0].body
    assert mail_lines(body, "Gian được giao:", "Bước tiếp theo:")[:2] == [
        "Gian được giao:",
        "- C01 · Tiêu chuẩn · 3 × 3 m: Ban tổ chức sẽ báo giá",
    ]
    assert "Tổng tiền thuê gian" not in body
    assert mail_lines(body, "Bước tiếp theo:", f"Cần hỏi: viết đến {BOARD}.") == [
        "Bước tiếp theo:",
        "1. Ban tổ chức sẽ gửi hợp đồng thuê gian qua e-mail.",
        "2. Thanh toán tiền thuê gian theo hướng dẫn trong hợp đồng.",
        "3. Ban tổ chức sẽ báo ngày giờ dàn dựng gian hàng.",
        f"Cần hỏi: viết đến {BOARD}.",
    ]


def test_approval_mail_after_the_payment_deadline_says_to_pay_as_the_contract_says(
    fair, booths, settings, django_capture_on_commit_callbacks
):
    """The 2024 fair's deadline is long gone: a date in the past is not a next step."""
    settings.BOARD_EMAIL = BOARD
    fair.payment_due_on = datetime.date(2024, 9, 6)
    fair.save()

    approve(
        fair,
        [booths["A01"]],
        language="vi",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    assert "2. Thanh toán tiền thuê gian theo hướng dẫn trong hợp đồng." in (
        mail.outbox[0].body.splitlines()
    )


def test_status_page_of_an_approved_application_lists_prices_total_and_next_steps(
    client, future_fair, booths, django_capture_on_commit_callbacks
):
    _, token = approve(
        future_fair,
        [booths["A01"], booths["B01"]],
        language="en",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    html = client.get(f"/en/booths/applications/{token}/").content.decode()

    assigned = re.search(r'<ul class="assigned-booths">.*?</ul>', html, re.S).group(0)
    assert texts(assigned, r"<li>(.*?)</li>") == [
        "A01 · Standard · 3 × 3 m: 15.000.000\xa0₫ (VAT included)",
        "B01 · Corner · 3 × 3 m: 22.500.000\xa0₫ (VAT excluded)",
    ]
    assert texts(html, r'<p class="booth-total">(.*?)</p>') == [
        "Total booth rental: 15.000.000\xa0₫ VAT included + 22.500.000\xa0₫ VAT excluded"
    ]
    assert next_steps(html) == [
        f"The organisers e-mail you the booth rental contract by {day(7)}.",
        f"Pay for your booths by {day(30)}, as the contract explains.",
        f"Build-up starts {day(58)} 08:00; the fair opens at 08:00 on {day(60)}.",
        f"Questions: call the hotline 024 3333 4444 or write to {BOARD}.",
    ]


def test_status_page_lists_and_totals_the_booths_of_this_application_as_its_mail_did(
    client, future_fair, booths, django_capture_on_commit_callbacks
):
    """The company already holds B01 (another application's, or the board's): this
    application was given A01 only, and its page says what its approval mail said."""
    exhibitor = make_exhibitor(name_vi="Điện tử Quang Minh", tax_code="0100109106")
    Booth.objects.filter(pk=booths["B01"].pk).update(exhibitor=exhibitor, assigned_at=ASSIGNED)
    token, digest = new_token()
    application = make_application(
        fair=future_fair,
        token_hash=digest,
        tax_code="0100109106",
        email_confirmed_at=timezone.now(),
        language="vi",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_application(
            application=application, booths=[booths["A01"]], reviewer=make_user(is_staff=True)
        )

    html = client.get(f"/booths/applications/{token}/").content.decode()

    mail_total = "Tổng tiền thuê gian: 15.000.000\xa0₫ (đã gồm VAT)"
    assert mail_total in mail.outbox[0].body.splitlines()
    assigned = re.search(r'<ul class="assigned-booths">.*?</ul>', html, re.S).group(0)
    assert texts(assigned, r"<li>(.*?)</li>") == [
        "A01 · Tiêu chuẩn · 3 × 3 m: 15.000.000\xa0₫ (đã gồm VAT)"
    ]
    assert texts(html, r'<p class="booth-total">(.*?)</p>') == [mail_total]


def test_booth_change_mail_gives_the_total_of_the_booths_held_now(
    fair, booths, django_capture_on_commit_callbacks
):
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", email="info@canon.example.vn")
    Booth.objects.filter(pk=booths["A01"].pk).update(exhibitor=exhibitor, assigned_at=ASSIGNED)

    with django_capture_on_commit_callbacks(execute=True):
        services.assign_booth(
            booth=booths["B01"], exhibitor=exhibitor, actor=make_user(is_staff=True)
        )

    lines = mail.outbox[0].body.splitlines()
    assert lines[3:6] == [
        "Gian trước đây: A01",
        "Gian hiện nay: A01, B01",
        "Tổng tiền thuê gian: 15.000.000\xa0₫ đã gồm VAT + 22.500.000\xa0₫ chưa gồm VAT",
    ]


def test_next_edition_moves_the_payment_deadline_with_the_fair_and_keeps_the_contract_days(
    fair,
):
    """The board copies the fair a year on: the deadline it set stays as many days
    before the opening, so the next year's companies are not told a date gone by."""
    fair.contract_within_days = 7
    fair.payment_due_on = datetime.date(2024, 9, 6)
    fair.save()

    new = copy_edition(
        source=fair,
        name_vi="Hội chợ 2025",
        name_en="Fair 2025",
        slug="hoi-cho-2025",
        starts_on=datetime.date(2025, 9, 19),
        ends_on=datetime.date(2025, 9, 21),
        copy_booths=False,
        copy_figures=False,
        copy_side_events=False,
        actor=make_user(is_staff=True),
    ).fair

    assert (new.payment_due_on, new.contract_within_days) == (datetime.date(2025, 9, 5), 7)


def test_status_page_shows_the_prices_the_approval_gave_not_ones_changed_later(
    client, future_fair, booths, django_capture_on_commit_callbacks
):
    _, token = approve(
        future_fair,
        [booths["A01"], booths["B01"]],
        language="vi",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    Booth.objects.filter(pk=booths["A01"].pk).update(price_vnd=18_000_000, price_includes_vat=False)
    Booth.objects.filter(pk=booths["B01"].pk).update(price_vnd=0)

    html = client.get(f"/booths/applications/{token}/").content.decode()

    assigned = re.search(r'<ul class="assigned-booths">.*?</ul>', html, re.S).group(0)
    assert texts(assigned, r"<li>(.*?)</li>") == [
        "A01 · Tiêu chuẩn · 3 × 3 m: 15.000.000\xa0₫ (đã gồm VAT)",
        "B01 · Góc · 3 × 3 m: 22.500.000\xa0₫ (chưa gồm VAT)",
    ]
    total = "Tổng tiền thuê gian: 15.000.000\xa0₫ đã gồm VAT + 22.500.000\xa0₫ chưa gồm VAT"
    assert texts(html, r'<p class="booth-total">(.*?)</p>') == [total]
    assert total in mail.outbox[0].body.splitlines()


def test_status_page_of_an_approval_logged_without_prices_shows_the_prices_of_now(
    client, future_fair, booths, django_capture_on_commit_callbacks
):
    application, token = approve(
        future_fair,
        [booths["A01"]],
        language="vi",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    # As an approval logged before prices were recorded: its entry names the booths only.
    entry = AuditEntry.objects.get(action="application.approved", object_id=str(application.pk))
    entry.changes = {"booths": ["A01"], "exhibitor": application.exhibitor_id}
    entry.save()
    Booth.objects.filter(pk=booths["A01"].pk).update(price_vnd=18_000_000)

    html = client.get(f"/booths/applications/{token}/").content.decode()

    assigned = re.search(r'<ul class="assigned-booths">.*?</ul>', html, re.S).group(0)
    assert texts(assigned, r"<li>(.*?)</li>") == [
        "A01 · Tiêu chuẩn · 3 × 3 m: 18.000.000\xa0₫ (đã gồm VAT)"
    ]


def test_status_page_of_a_booth_approved_unpriced_shows_the_price_set_since(
    client, future_fair, booths, django_capture_on_commit_callbacks
):
    unpriced = make_booth(fair=future_fair, code="A04", hall="A", plan_x=90, price_vnd=0)
    application, token = approve(
        future_fair,
        [unpriced],
        language="vi",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    assert any("Ban tổ chức sẽ báo giá" in message.body for message in mail.outbox)
    Booth.objects.filter(pk=unpriced.pk).update(price_vnd=20_000_000)

    html = client.get(f"/booths/applications/{token}/").content.decode()

    assigned = re.search(r'<ul class="assigned-booths">.*?</ul>', html, re.S).group(0)
    assert texts(assigned, r"<li>(.*?)</li>") == [
        "A04 · Tiêu chuẩn · 3 × 3 m: 20.000.000\xa0₫ (đã gồm VAT)"
    ]
