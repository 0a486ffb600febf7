import pytest

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_admin_in_vietnamese_at_admin_and_english_under_en(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))

    vi = client.get("/admin/").content.decode()
    en = client.get("/en/admin/").content.decode()

    assert '<html lang="vi"' in vi and 'href="/en/admin/"' in vi
    assert '<html lang="en"' in en and 'href="/admin/"' in en
