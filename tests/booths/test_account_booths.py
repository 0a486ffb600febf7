"""/account/booths/: the exhibitor's booths, move-in times, fascia names and badge staff."""

import datetime
import html

import pytest

from booths.models import Booth, ExhibitorStaff
from fairportal.models import AuditEntry
from tests.factories import HANOI, make_booth, make_exhibitor, make_fair, make_user

pytestmark = pytest.mark.django_db

URL = "/account/booths/"


@pytest.fixture
def representative(db):
    return make_user()


@pytest.fixture
def company(fair, booths, representative):
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", members=[representative])
    Booth.objects.filter(pk=booths["A01"].pk).update(exhibitor=exhibitor)
    make_booth(fair=make_fair(is_current=False), code="Q09", exhibitor=exhibitor)
    return exhibitor


@pytest.fixture
def other_company(fair, booths):
    exhibitor = make_exhibitor(name_vi="TOTO Việt Nam")
    Booth.objects.filter(pk=booths["B01"].pk).update(exhibitor=exhibitor)
    return exhibitor


def test_account_booths_needs_login(client, fair):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/account/booths/"


def test_account_booths_shows_own_booths_of_current_fair_and_times(
    client, fair, company, representative
):
    fair.move_in_starts_at = datetime.datetime(2024, 9, 18, 8, 0, tzinfo=HANOI)
    fair.move_out_ends_at = datetime.datetime(2024, 9, 23, 12, 0, tzinfo=HANOI)
    fair.save()
    client.force_login(representative)

    html = client.get(URL).content.decode()

    assert "Gian A01" in html
    assert "Q09" not in html  # another fair
    assert "Gian B01" not in html
    assert "18/09/2024 08:00" in html
    assert "23/09/2024 12:00" in html


def test_account_booths_user_without_company_gets_404(client, fair):
    client.force_login(make_user())

    assert client.get(URL).status_code == 404


def test_fascia_name_saved_and_logged(client, booths, company, representative):
    client.force_login(representative)

    response = client.post(
        URL, {"action": "fascia", "booth": booths["A01"].pk, "fascia_name": "CANON VIỆT NAM"}
    )

    assert response.status_code == 302
    assert Booth.objects.get(code="A01").fascia_name == "CANON VIỆT NAM"
    assert AuditEntry.objects.get().action == "booth.fascia_changed"


def test_fascia_of_another_company_booth_is_404(
    client, booths, company, other_company, representative
):
    client.force_login(representative)

    response = client.post(URL, {"action": "fascia", "booth": booths["B01"].pk, "fascia_name": "X"})

    assert response.status_code == 404
    assert Booth.objects.get(code="B01").fascia_name == ""


def test_staff_added_and_removed(client, fair, company, representative):
    client.force_login(representative)

    client.post(
        URL, {"action": "add_staff", "staff-full_name": "Lê Văn Nam", "staff-job_title": "Kỹ sư"}
    )
    staff = ExhibitorStaff.objects.get()
    html = client.get(URL).content.decode()
    client.post(f"/account/booths/staff/{staff.pk}/remove/", {"company": company.pk})

    assert (staff.full_name, staff.job_title, staff.exhibitor, staff.fair) == (
        "Lê Văn Nam",
        "Kỹ sư",
        company,
        fair,
    )
    assert "Lê Văn Nam" in html
    assert ExhibitorStaff.objects.count() == 0


def test_staff_without_name_is_form_error(client, company, representative):
    client.force_login(representative)

    response = client.post(URL, {"action": "add_staff", "staff-full_name": ""})

    assert response.status_code == 400
    assert ExhibitorStaff.objects.count() == 0


def test_the_same_person_is_not_listed_twice_for_badges(client, fair, company, representative):
    client.force_login(representative)

    def add(name, title):
        return client.post(
            URL, {"action": "add_staff", "staff-full_name": name, "staff-job_title": title}
        )

    add("Lê Văn Thẻ", "Kỹ sư")
    again = add("  lê văn  THẺ ", "kỹ sư")
    namesake = add("Lê Văn Thẻ", "Kế toán")

    assert again.status_code == 400
    assert "Lê Văn Thẻ đã có trong danh sách." in again.content.decode()
    # Two people of the same name are told apart by their titles.
    assert namesake.status_code == 302
    assert sorted(ExhibitorStaff.objects.values_list("job_title", flat=True)) == [
        "Kế toán",
        "Kỹ sư",
    ]


@pytest.fixture
def company_without_booth(fair, representative):
    """A company that held a booth at a past fair only."""
    exhibitor = make_exhibitor(name_vi="Canon Việt Nam", members=[representative])
    make_booth(fair=make_fair(is_current=False), code="Q09", exhibitor=exhibitor)
    return exhibitor


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        (
            "",
            "Doanh nghiệp chưa có gian trong kỳ hội chợ này nên chưa đăng ký thẻ trưng bày "
            "được. Khi được giao gian, bạn có thể thêm người tại đây.",
        ),
        (
            "/en",
            "Your company has no booth at this fair yet, so it cannot list people for "
            "exhibitor badges. Once a booth is assigned, you can add them here.",
        ),
    ],
)
def test_a_company_without_a_booth_is_told_it_cannot_list_badges(
    client, fair, company_without_booth, representative, prefix, said
):
    client.force_login(representative)

    page = html.unescape(client.get(prefix + URL).content.decode())

    assert said in page
    assert 'value="add_staff"' not in page


def test_a_company_without_a_booth_adding_a_badge_is_refused(
    client, fair, company_without_booth, representative
):
    client.force_login(representative)

    response = client.post(
        URL, {"action": "add_staff", "staff-full_name": "Lê Văn Nam", "staff-job_title": "Kỹ sư"}
    )

    assert response.status_code == 400
    assert (
        "Doanh nghiệp chưa có gian trong kỳ hội chợ này nên chưa đăng ký thẻ trưng bày được."
        in html.unescape(response.content.decode())
    )
    assert ExhibitorStaff.objects.count() == 0


def test_removing_another_company_staff_is_404(
    client, fair, company, other_company, representative
):
    theirs = ExhibitorStaff.objects.create(
        fair=fair, exhibitor=other_company, full_name="Người khác"
    )
    client.force_login(representative)

    response = client.post(URL, {"action": "remove_staff", "staff": theirs.pk})

    assert response.status_code == 404
    assert ExhibitorStaff.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("posted", ["abc", "", "1.5", "٣", "99999999999999999999999"])
def test_removing_staff_by_a_tampered_number_is_404(client, fair, company, representative, posted):
    ExhibitorStaff.objects.create(fair=fair, exhibitor=company, full_name="Trần Văn Bình")
    client.force_login(representative)

    response = client.post(URL, {"action": "remove_staff", "staff": posted})

    assert response.status_code == 404
    assert ExhibitorStaff.objects.count() == 1


def test_staff_list_links_each_person_to_a_confirmation_not_a_removing_form(
    client, fair, company, representative
):
    staff = ExhibitorStaff.objects.create(fair=fair, exhibitor=company, full_name="Lê Văn Nam")
    client.force_login(representative)

    html = client.get(URL).content.decode()

    assert 'value="remove_staff"' not in html
    assert (
        f'<a class="button button-secondary" href="/account/booths/staff/{staff.pk}/remove/">'
        'Xoá<span class="visually-hidden"> Lê Văn Nam</span></a>'
    ) in html


def test_staff_removal_page_names_the_person_and_removes_nobody(
    client, fair, company, representative
):
    staff = ExhibitorStaff.objects.create(
        fair=fair, exhibitor=company, full_name="Lê Văn Nam", job_title="Kỹ sư"
    )
    client.force_login(representative)

    response = client.get(f"/account/booths/staff/{staff.pk}/remove/")

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "<p>Xoá Lê Văn Nam (Kỹ sư) khỏi danh sách nhân sự cần thẻ trưng bày của Canon Việt "
        "Nam? Người này sẽ không được cấp thẻ.</p>"
    ) in html
    assert f'<input type="hidden" name="company" value="{company.pk}">' in html
    assert '<a class="button button-secondary" href="/account/booths/">Giữ lại</a>' in html
    assert list(ExhibitorStaff.objects.values_list("full_name", flat=True)) == ["Lê Văn Nam"]
    assert not AuditEntry.objects.filter(action="staff.removed").exists()


def test_staff_removal_confirmed_removes_the_person_and_says_so(
    client, fair, company, representative
):
    staff = ExhibitorStaff.objects.create(fair=fair, exhibitor=company, full_name="Lê Văn Nam")
    kept = ExhibitorStaff.objects.create(fair=fair, exhibitor=company, full_name="Trần Thị Hoa")
    client.force_login(representative)

    response = client.post(
        f"/account/booths/staff/{staff.pk}/remove/", {"company": company.pk}, follow=True
    )

    assert response.redirect_chain == [(URL, 302)]
    assert "Đã xoá Lê Văn Nam khỏi danh sách." in response.content.decode()
    assert list(ExhibitorStaff.objects.all()) == [kept]
    entry = AuditEntry.objects.get(action="staff.removed")
    assert entry.changes == {"exhibitor": company.pk, "full_name": "Lê Văn Nam"}


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("", "Người này không còn trong danh sách (có thể vừa được xoá)."),
        ("/en", "This person is no longer on the list (they may have just been removed)."),
    ],
)
def test_staff_removal_pressed_twice_says_the_person_is_gone_not_page_not_found(
    client, fair, company, representative, prefix, said
):
    staff = ExhibitorStaff.objects.create(fair=fair, exhibitor=company, full_name="Lê Văn Nam")
    client.force_login(representative)
    url = f"{prefix}/account/booths/staff/{staff.pk}/remove/"
    client.post(url, {"company": company.pk})

    again = client.post(url, {"company": company.pk}, follow=True)

    assert again.redirect_chain == [(f"{prefix}{URL}", 302)]
    assert said in again.content.decode()
    assert ExhibitorStaff.objects.count() == 0
    assert AuditEntry.objects.filter(action="staff.removed").count() == 1


def test_staff_removal_page_in_english_keeps_the_language(client, fair, company, representative):
    staff = ExhibitorStaff.objects.create(fair=fair, exhibitor=company, full_name="Lê Văn Nam")
    client.force_login(representative)

    html = client.get(f"/en/account/booths/staff/{staff.pk}/remove/").content.decode()
    response = client.post(f"/en/account/booths/staff/{staff.pk}/remove/", {"company": company.pk})

    assert "Remove Lê Văn Nam from" in html
    assert '<a class="button button-secondary" href="/en/account/booths/">Keep it</a>' in html
    assert response["Location"] == "/en/account/booths/"


def test_a_removing_form_of_a_page_shown_before_asks_for_the_confirmation(
    client, fair, company, representative
):
    # A booth page left open from before the confirmation step posts the old form.
    staff = ExhibitorStaff.objects.create(fair=fair, exhibitor=company, full_name="Lê Văn Nam")
    client.force_login(representative)

    response = client.post(URL, {"action": "remove_staff", "staff": staff.pk})

    assert response.status_code == 302
    assert response["Location"] == f"/account/booths/staff/{staff.pk}/remove/"
    assert ExhibitorStaff.objects.count() == 1


def test_removing_another_company_staff_through_the_confirmation_is_404(
    client, fair, company, other_company, representative
):
    theirs = ExhibitorStaff.objects.create(
        fair=fair, exhibitor=other_company, full_name="Người khác"
    )
    client.force_login(representative)
    url = f"/account/booths/staff/{theirs.pk}/remove/"

    shown = client.get(url)
    posted = client.post(url, {"company": company.pk})

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert ExhibitorStaff.objects.filter(pk=theirs.pk).exists()


def test_staff_of_a_past_fair_has_no_removal_page(client, fair, company, representative):
    past = ExhibitorStaff.objects.create(
        fair=make_fair(is_current=False), exhibitor=company, full_name="Năm trước"
    )
    client.force_login(representative)

    response = client.post(f"/account/booths/staff/{past.pk}/remove/", {"company": company.pk})

    assert response.status_code == 404
    assert ExhibitorStaff.objects.filter(pk=past.pk).exists()


def test_staff_removal_needs_login(client, fair, company):
    staff = ExhibitorStaff.objects.create(fair=fair, exhibitor=company, full_name="Lê Văn Nam")

    response = client.post(f"/account/booths/staff/{staff.pk}/remove/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")
    assert ExhibitorStaff.objects.count() == 1
