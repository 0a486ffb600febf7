"""A representative reaches only their own company: anything else is a 404, anonymous
visitors are sent to sign in."""

import pytest

from exhibitors.models import Product
from tests.exhibitors.account_support import png_upload, representative
from tests.factories import make_exhibitor, make_product, make_user

pytestmark = pytest.mark.django_db

ACCOUNT_PAGES = [
    "/account/",
    "/account/profile/",
    "/account/products/",
    "/account/products/new/",
    "/account/representatives/",
]


@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_account_pages_anonymous_redirect_to_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/account/login/?next={path}"


@pytest.mark.parametrize(
    "path",
    ["/account/products/{pk}/", "/account/products/{pk}/delete/"],
)
def test_product_pages_anonymous_redirect_to_login(client, path):
    product = make_product()

    response = client.get(path.format(pk=product.pk))

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_product_post_anonymous_changes_nothing(client):
    product = make_product(name_vi="Nguyên vẹn")

    client.post(f"/account/products/{product.pk}/delete/")
    client.post(f"/account/products/{product.pk}/", {"name_vi": "Đổi"})

    product.refresh_from_db()
    assert product.name_vi == "Nguyên vẹn"


@pytest.fixture
def other_company_product(client):
    """(company A's user signed in, company B's product with an image)."""
    representative(client, name_vi="Công ty A")
    company_b = make_exhibitor(name_vi="Công ty B")
    return make_product(company_b, name_vi="Sản phẩm của B", position=3)


def test_other_company_product_edit_page_is_404(client, other_company_product):
    response = client.get(f"/account/products/{other_company_product.pk}/")

    assert response.status_code == 404


def test_other_company_product_edit_post_is_404_and_unchanged(client, other_company_product):
    response = client.post(
        f"/account/products/{other_company_product.pk}/",
        {"name_vi": "Bị sửa", "image_upload": png_upload()},
    )

    assert response.status_code == 404
    other_company_product.refresh_from_db()
    assert other_company_product.name_vi == "Sản phẩm của B"
    assert other_company_product.image.name == ""


def test_other_company_product_delete_page_is_404(client, other_company_product):
    response = client.get(f"/account/products/{other_company_product.pk}/delete/")

    assert response.status_code == 404


def test_other_company_product_delete_post_is_404_and_kept(client, other_company_product):
    response = client.post(f"/account/products/{other_company_product.pk}/delete/")

    assert response.status_code == 404
    assert Product.objects.filter(pk=other_company_product.pk).exists()


def test_other_company_product_move_is_404_and_unchanged(client, other_company_product):
    response = client.post(
        f"/account/products/{other_company_product.pk}/move/", {"direction": "up"}
    )

    assert response.status_code == 404
    other_company_product.refresh_from_db()
    assert other_company_product.position == 3


def test_unknown_product_id_is_404(client):
    representative(client)

    assert client.get("/account/products/999999/").status_code == 404


def test_other_company_representative_removal_is_404(client):
    representative(client)
    outsider = make_user()
    company_b = make_exhibitor(members=[outsider, make_user()])

    response = client.post(f"/account/representatives/{outsider.pk}/remove/", {"confirm": "yes"})

    assert response.status_code == 404
    assert company_b.members.filter(pk=outsider.pk).exists()


def test_product_of_another_own_company_is_404_until_chosen(client):
    """Someone representing A and B edits B's products only after choosing B."""
    user = make_user()
    make_exhibitor(name_vi="An", members=[user])
    company_b = make_exhibitor(name_vi="Bình", members=[user])
    product_b = make_product(company_b)
    client.force_login(user)

    before = client.get(f"/account/products/{product_b.pk}/")
    client.post("/account/choose/", {"exhibitor": company_b.pk})
    after = client.get(f"/account/products/{product_b.pk}/")

    assert before.status_code == 404
    assert after.status_code == 200


def test_profile_of_user_without_company_is_404(client):
    client.force_login(make_user())

    assert client.get("/account/profile/").status_code == 404
    assert client.get("/account/products/").status_code == 404


def test_company_chooser_tells_apart_companies_of_the_same_name(client):
    # A head office and its branch (tax code with "-001") often trade under one name.
    user = make_user()
    head = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam", members=[user])
    head.tax_code = "0100109106"
    head.save()
    branch = make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam", members=[user])
    branch.tax_code = "0100109106-001"
    branch.save()
    other = make_exhibitor(name_vi="Bình Minh", members=[user])
    client.force_login(user)

    vi = client.get("/account/").content.decode()
    en = client.get("/en/account/").content.decode()

    assert f'<option value="{head.pk}">Canon Việt Nam · MST 0100109106</option>' in vi
    assert f'<option value="{branch.pk}">Canon Việt Nam · MST 0100109106-001</option>' in vi
    assert f'<option value="{other.pk}" selected>Bình Minh</option>' in vi
    assert f'<option value="{branch.pk}">Canon Vietnam · tax code 0100109106-001</option>' in en
