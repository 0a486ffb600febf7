"""A representative of two companies: an /account/ form saves into the company it was
opened for, or nothing, whatever the session's current company has become since (a
switch in another tab, the board approving a second company)."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from booths.models import ExhibitorStaff
from booths.services import approve_application
from events.models import MeetingRequest
from exhibitors.models import Exhibitor, Product
from exhibitors.services import invite_representative
from tests.exhibitors.test_account_products import product_post
from tests.exhibitors.test_account_profile import profile_post
from tests.factories import (
    make_application,
    make_booth,
    make_exhibitor,
    make_meeting_request,
    make_product,
    make_user,
)

pytestmark = pytest.mark.django_db

SWITCHED = (
    "Chưa lưu gì: biểu mẫu này là của An Phát, nhưng bạn vừa chuyển sang Bình Minh ở một "
    "thẻ khác. Hãy chuyển lại về An Phát hoặc mở lại biểu mẫu."
)
UNKNOWN = (
    "Chưa lưu gì: không rõ biểu mẫu này là của doanh nghiệp nào trong các doanh nghiệp "
    "bạn đại diện. Hãy chọn doanh nghiệp rồi mở lại biểu mẫu."
)


def company_field(response) -> dict:
    """What the page's forms post as their company; nothing when they carry none."""
    found = set(re.findall(r'<input type="hidden" name="company" value="(\d+)">', response.text))
    assert len(found) <= 1
    return {"company": found.pop()} if found else {}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def user(client):
    """Signed in, representing An Phát and Bình Minh, working on An Phát."""
    user = make_user()
    client.force_login(user)
    return user


@pytest.fixture
def an_phat(user):
    return make_exhibitor(name_vi="An Phát", members=[user], description_vi="Mô tả An Phát.")


@pytest.fixture
def binh_minh(user):
    return make_exhibitor(name_vi="Bình Minh", members=[user], description_vi="Mô tả Bình Minh.")


@pytest.fixture
def tab_one_on_an_phat(client, an_phat, binh_minh):
    client.post(reverse("account:choose"), {"exhibitor": an_phat.pk})


def switch_in_other_tab(client, exhibitor):
    response = client.post(reverse("account:choose"), {"exhibitor": exhibitor.pk})
    assert response.status_code == 302


# Profile


def test_profile_opened_for_one_company_is_not_saved_into_the_one_switched_to(
    client, an_phat, binh_minh, tab_one_on_an_phat
):
    page = client.get(reverse("account:profile"))
    switch_in_other_tab(client, binh_minh)

    response = client.post(
        reverse("account:profile"),
        {**company_field(page), **profile_post(an_phat, description_vi="Mô tả mới của An Phát.")},
    )

    binh_minh.refresh_from_db()
    an_phat.refresh_from_db()
    assert response.status_code == 409
    assert binh_minh.description_vi == "Mô tả Bình Minh."
    assert an_phat.description_vi == "Mô tả An Phát."
    assert messages_of(response) == [SWITCHED]
    assert response.context["exhibitor"] == an_phat
    assert "Mô tả mới của An Phát." in response.text  # what was typed is still there
    assert company_field(response) == {"company": str(an_phat.pk)}


def test_profile_refused_form_saves_into_its_company_after_switching_back(
    client, an_phat, binh_minh, tab_one_on_an_phat
):
    page = client.get(reverse("account:profile"))
    switch_in_other_tab(client, binh_minh)
    typed = profile_post(an_phat, description_vi="Mô tả mới của An Phát.")
    refused = client.post(reverse("account:profile"), {**company_field(page), **typed})
    switch_in_other_tab(client, an_phat)

    response = client.post(reverse("account:profile"), {**company_field(refused), **typed})

    an_phat.refresh_from_db()
    binh_minh.refresh_from_db()
    assert response.status_code == 302
    assert an_phat.description_vi == "Mô tả mới của An Phát."
    assert binh_minh.description_vi == "Mô tả Bình Minh."


def test_profile_form_of_the_current_company_is_saved(client, an_phat, binh_minh):
    switch_in_other_tab(client, binh_minh)
    page = client.get(reverse("account:profile"))

    response = client.post(
        reverse("account:profile"),
        {**company_field(page), **profile_post(binh_minh, description_vi="Mới.")},
    )

    binh_minh.refresh_from_db()
    assert response.status_code == 302
    assert binh_minh.description_vi == "Mới."


def test_profile_refusal_in_english_is_409_and_saves_nothing(
    client, an_phat, binh_minh, tab_one_on_an_phat
):
    page = client.get("/en/account/profile/")
    switch_in_other_tab(client, binh_minh)

    response = client.post(
        "/en/account/profile/",
        {**company_field(page), **profile_post(an_phat, description_vi="Đổi.")},
    )

    binh_minh.refresh_from_db()
    assert response.status_code == 409
    assert binh_minh.description_vi == "Mô tả Bình Minh."
    assert response["Content-Language"] == "en"


# Products


def test_new_product_opened_for_one_company_is_not_added_to_the_one_switched_to(
    client, an_phat, binh_minh, tab_one_on_an_phat
):
    page = client.get(reverse("account:product_add"))
    switch_in_other_tab(client, binh_minh)

    response = client.post(
        reverse("account:product_add"),
        {**company_field(page), **product_post(name_vi="Máy ép của An Phát")},
    )

    assert response.status_code == 409
    assert Product.objects.count() == 0
    assert messages_of(response) == [SWITCHED]
    assert "Máy ép của An Phát" in response.text


def test_product_edit_opened_for_one_company_is_refused_after_a_switch(
    client, an_phat, binh_minh, tab_one_on_an_phat
):
    product = make_product(an_phat, name_vi="Máy cũ")
    page = client.get(reverse("account:product_edit", args=[product.pk]))
    switch_in_other_tab(client, binh_minh)

    response = client.post(
        reverse("account:product_edit", args=[product.pk]),
        {**company_field(page), **product_post(name_vi="Máy mới")},
    )

    product.refresh_from_db()
    assert response.status_code == 409
    assert product.name_vi == "Máy cũ"
    assert messages_of(response) == [SWITCHED]
    assert response.context["product"].name_vi == "Máy cũ"
    assert 'value="Máy mới"' in response.text


def test_product_delete_and_move_opened_for_one_company_are_refused_after_a_switch(
    client, an_phat, binh_minh, tab_one_on_an_phat
):
    first = make_product(an_phat, name_vi="Thứ nhất", position=1)
    second = make_product(an_phat, name_vi="Thứ hai", position=2)
    delete_page = client.get(reverse("account:product_delete", args=[first.pk]))
    list_page = client.get(reverse("account:products"))
    switch_in_other_tab(client, binh_minh)

    deleted = client.post(
        reverse("account:product_delete", args=[first.pk]), company_field(delete_page)
    )
    moved = client.post(
        reverse("account:product_move", args=[second.pk]),
        {**company_field(list_page), "direction": "up"},
    )

    assert (deleted.status_code, moved.status_code) == (409, 409)
    assert list(an_phat.products.order_by("position").values_list("name_vi", flat=True)) == [
        "Thứ nhất",
        "Thứ hai",
    ]


# Representatives


def test_invitation_opened_for_one_company_is_not_sent_for_the_one_switched_to(
    client, an_phat, binh_minh, tab_one_on_an_phat, mailoutbox
):
    page = client.get(reverse("account:invite"))
    switch_in_other_tab(client, binh_minh)

    response = client.post(
        reverse("account:invite"),
        {**company_field(page), "full_name": "Phạm Minh", "email": "minh@example.vn"},
    )

    assert response.status_code == 409
    assert not get_user_model().objects.filter(email="minh@example.vn").exists()
    assert mailoutbox == []
    assert 'value="minh@example.vn"' in response.text


def test_leaving_one_company_does_not_leave_the_one_switched_to(
    client, user, an_phat, binh_minh, tab_one_on_an_phat
):
    colleague = make_user()
    an_phat.members.add(colleague)
    binh_minh.members.add(colleague)
    page = client.get(reverse("account:invite"))
    switch_in_other_tab(client, binh_minh)

    response = client.post(
        reverse("account:remove_representative", args=[user.pk]),
        {**company_field(page), "confirm": "yes"},
    )

    assert response.status_code == 409
    assert set(user.exhibitors.all()) == {an_phat, binh_minh}


# Booths and meetings


def test_badge_staff_opened_for_one_company_is_not_added_to_the_one_switched_to(
    client, fair, an_phat, binh_minh, tab_one_on_an_phat
):
    make_booth(fair=fair, exhibitor=an_phat, code="A01")
    page = client.get(reverse("booths:account_booths"))
    switch_in_other_tab(client, binh_minh)

    response = client.post(
        reverse("booths:account_booths"),
        {
            **company_field(page),
            "action": "add_staff",
            "staff-full_name": "Lê Văn Hùng",
            "staff-job_title": "Kỹ sư",
        },
    )

    assert response.status_code == 409
    assert ExhibitorStaff.objects.count() == 0
    assert messages_of(response) == [SWITCHED]
    assert 'value="Lê Văn Hùng"' in response.text


def test_badge_staff_removal_opened_for_one_company_is_refused_after_a_switch(
    client, fair, an_phat, binh_minh, tab_one_on_an_phat
):
    staff = ExhibitorStaff.objects.create(fair=fair, exhibitor=an_phat, full_name="Lê Văn Hùng")
    url = reverse("booths:staff_remove", args=[staff.pk])
    page = client.get(url)
    switch_in_other_tab(client, binh_minh)

    response = client.post(url, company_field(page))

    assert response.status_code == 409
    assert messages_of(response) == [SWITCHED]
    assert "Xoá Lê Văn Hùng khỏi danh sách nhân sự cần thẻ trưng bày của An Phát?" in (
        response.text
    )
    assert ExhibitorStaff.objects.filter(pk=staff.pk).exists()


def test_fascia_opened_for_one_company_is_refused_after_a_switch(
    client, fair, an_phat, binh_minh, tab_one_on_an_phat
):
    booth = make_booth(fair=fair, exhibitor=an_phat, code="A01", fascia_name="AN PHÁT")
    page = client.get(reverse("booths:account_booths"))
    switch_in_other_tab(client, binh_minh)

    response = client.post(
        reverse("booths:account_booths"),
        {**company_field(page), "action": "fascia", "booth": booth.pk, "fascia_name": "MỚI"},
    )

    booth.refresh_from_db()
    assert response.status_code == 409
    assert booth.fascia_name == "AN PHÁT"


def test_meeting_answer_opened_for_one_company_is_refused_after_a_switch(
    client, an_phat, binh_minh, tab_one_on_an_phat
):
    meeting = make_meeting_request(exhibitor=an_phat)
    page = client.get(reverse("events:account_meetings"))
    switch_in_other_tab(client, binh_minh)

    response = client.post(
        reverse("events:account_meetings"),
        {**company_field(page), "meeting": meeting.pk, "action": "decline", "note": "Bận."},
    )

    assert response.status_code == 409
    assert MeetingRequest.objects.get(pk=meeting.pk).status == MeetingRequest.Status.PENDING
    assert messages_of(response) == [SWITCHED]


# A second company approved while signed in


def _board_approves_a_second_company(fair, email):
    """The board approves "An Phát", applied for with `email`: its user gets it too."""
    application = make_application(
        fair=fair, trading_name_vi="An Phát", email=email, email_confirmed_at=timezone.now()
    )
    approve_application(
        application=application, booths=[make_booth(fair=fair)], reviewer=make_user(is_staff=True)
    )


def test_second_company_approved_meanwhile_does_not_take_the_open_form(client, fair):
    user = make_user(email="lan@binhminh.vn")
    binh_minh = make_exhibitor(
        name_vi="Bình Minh", members=[user], description_vi="Mô tả Bình Minh."
    )
    client.force_login(user)
    page = client.get(reverse("account:profile"))
    _board_approves_a_second_company(fair, "lan@binhminh.vn")
    an_phat = Exhibitor.objects.get(name_vi="An Phát")
    assert set(user.exhibitors.all()) == {an_phat, binh_minh}

    response = client.post(
        reverse("account:profile"),
        {**company_field(page), **profile_post(binh_minh, description_vi="Mô tả mới.")},
    )

    binh_minh.refresh_from_db()
    an_phat.refresh_from_db()
    assert response.status_code == 302
    assert binh_minh.description_vi == "Mô tả mới."
    assert an_phat.description_vi != "Mô tả mới."
    assert client.get(reverse("account:home")).context["exhibitor"] == binh_minh


# A form the user cannot tie to one of their companies


@pytest.mark.parametrize("posted", [None, "", "abc", "99999999999999999999999"])
def test_form_of_no_known_company_saves_nothing_and_leads_to_the_chooser(
    client, an_phat, binh_minh, tab_one_on_an_phat, posted
):
    data = profile_post(an_phat, description_vi="Đổi.")
    if posted is not None:
        data["company"] = posted

    response = client.post(reverse("account:profile"), data, follow=True)

    an_phat.refresh_from_db()
    binh_minh.refresh_from_db()
    assert response.redirect_chain == [(reverse("account:home"), 302)]
    assert messages_of(response) == [UNKNOWN]
    assert (an_phat.description_vi, binh_minh.description_vi) == (
        "Mô tả An Phát.",
        "Mô tả Bình Minh.",
    )


def test_form_of_a_company_the_user_does_not_represent_saves_nothing(
    client, an_phat, binh_minh, tab_one_on_an_phat
):
    stranger = make_exhibitor(name_vi="Người Lạ", description_vi="Mô tả Người Lạ.")

    response = client.post(
        reverse("account:product_add"),
        {"company": stranger.pk, **product_post(name_vi="Chen vào")},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account:home")
    assert Product.objects.count() == 0


# Every company-scoped form says which company it was opened for


class PostForms(HTMLParser):
    """The action of each POST form on a page and whether it carries a company field."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post":
            self.forms.append({"action": attrs.get("action", ""), "company": None})
        elif tag == "input" and attrs.get("name") == "company" and self.forms:
            self.forms[-1]["company"] = attrs.get("value")


def test_every_company_form_in_the_account_area_carries_its_company(
    client, fair, an_phat, binh_minh, tab_one_on_an_phat
):
    product = make_product(an_phat)
    make_booth(fair=fair, exhibitor=an_phat)
    ExhibitorStaff.objects.create(fair=fair, exhibitor=an_phat, full_name="Lê B")
    make_meeting_request(exhibitor=an_phat)
    an_phat.members.add(make_user())
    pages = [
        reverse("account:profile"),
        reverse("account:products"),
        reverse("account:product_add"),
        reverse("account:product_edit", args=[product.pk]),
        reverse("account:product_delete", args=[product.pk]),
        reverse("account:invite"),
        reverse("booths:account_booths"),
        reverse("events:account_meetings"),
    ]
    not_company_forms = {reverse("account:logout"), reverse("account:choose")}
    missing = []
    for path in pages:
        parser = PostForms()
        parser.feed(client.get(path).text)
        company_forms = [f for f in parser.forms if f["action"] not in not_company_forms]
        assert company_forms, path
        missing += [(path, f["action"]) for f in company_forms if f["company"] != str(an_phat.pk)]

    assert missing == []


def test_company_given_while_signed_in_stays_current_when_a_second_is_approved(client, fair):
    """Signed in before having any company: the first page stores the one they get."""
    user = make_user(email="lan@binhminh.vn")
    client.force_login(user)
    binh_minh = make_exhibitor(name_vi="Bình Minh", description_vi="Mô tả Bình Minh.")
    invite_representative(exhibitor=binh_minh, email="lan@binhminh.vn")
    page = client.get(reverse("account:profile"))
    _board_approves_a_second_company(fair, "lan@binhminh.vn")

    response = client.post(
        reverse("account:profile"),
        {**company_field(page), **profile_post(binh_minh, description_vi="Mô tả mới.")},
    )

    binh_minh.refresh_from_db()
    assert response.status_code == 302
    assert binh_minh.description_vi == "Mô tả mới."
    assert client.get(reverse("account:home")).context["exhibitor"] == binh_minh


@pytest.mark.parametrize("asked", ["stranger", "garbage"])
def test_a_link_naming_a_company_not_theirs_leaves_the_current_one(client, asked):
    user = make_user()
    own = make_exhibitor(name_vi="An Phát", members=[user])
    stranger = make_exhibitor(name_vi="Bình Minh")
    client.force_login(user)
    company = stranger.pk if asked == "stranger" else "1e9"

    response = client.get(f"/account/products/?company={company}")

    assert response.status_code == 200
    assert response.context["exhibitor"] == own


@pytest.mark.parametrize(
    ("prefix", "said"),
    [("", "Bạn đang làm việc cho Bình Minh."), ("/en", "You are now working on Binh Minh Corp.")],
    ids=["vi", "en"],
)
def test_a_link_that_switches_the_company_says_so_on_the_page(
    client, an_phat, binh_minh, tab_one_on_an_phat, prefix, said
):
    binh_minh.name_en = "Binh Minh Corp"
    binh_minh.save()

    switched = client.get(f"{prefix}/account/meetings/?company={binh_minh.pk}")
    again = client.get(f"{prefix}/account/meetings/?company={binh_minh.pk}")
    next_page = client.get(f"{prefix}/account/profile/")

    assert switched.context["exhibitor"] == binh_minh
    assert f'<p class="message message-info">{said}</p>' in switched.text
    # Said once: the link opened again, or the next page, switch nothing.
    assert messages_of(again) == []
    assert messages_of(next_page) == []
    assert next_page.context["exhibitor"] == binh_minh


def test_a_link_naming_the_current_or_only_company_says_nothing(client, an_phat, binh_minh):
    client.post(reverse("account:choose"), {"exhibitor": an_phat.pk})
    current = client.get(f"/account/?company={an_phat.pk}")
    only_one = make_user()
    dong_anh = make_exhibitor(name_vi="Cơ khí Đông Anh", members=[only_one])
    client.force_login(only_one)
    own = client.get(f"/account/profile/?company={dong_anh.pk}")

    assert messages_of(current) == []
    assert messages_of(own) == []
    assert own.context["exhibitor"] == dong_anh
