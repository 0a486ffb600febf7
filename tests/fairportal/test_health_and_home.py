import pytest
from django.db import connection

from tests.factories import make_fair


def test_healthz_answers_without_database(client):
    # No django_db mark: any database access here would raise.
    response = client.get("/healthz")

    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.django_db
def test_readyz_answers_when_database_does(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_home_shows_current_fair_in_both_languages(client):
    make_fair()

    vi = client.get("/")
    en = client.get("/en/")

    assert vi.status_code == en.status_code == 200
    assert "Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội 2024" in vi.text
    assert "20/09/2024" in vi.text and "Trung tâm thương mại Mê Linh" in vi.text
    assert '<html lang="vi">' in vi.text
    assert "Hanoi Industrial Zones Industrial Products Fair 2024" in en.text
    assert '<html lang="en">' in en.text and "Mê Linh Trade Center" in en.text


def test_database_in_use_matches_environment():
    import os

    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
