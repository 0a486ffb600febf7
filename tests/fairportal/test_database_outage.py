"""The database goes away mid-request: a readable 503, nothing half written, recovery."""

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from events.models import Fair
from tests.factories import make_fair


def _terminate_django_backend():
    """Kill the server process behind Django's connection, from another connection."""
    pid = connection.connection.get_backend_pid()
    db = settings.DATABASES["default"]
    other = psycopg2.connect(
        dbname=connection.settings_dict["NAME"],
        user=db.get("USER") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
    )
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone() == (True,)
    other.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_lost_mid_request_gives_503_then_recovers(client):
    client.raise_request_exception = False  # answer as the server would, not re-raise
    make_fair(name_vi="Hội chợ 2024")
    assert client.get("/readyz").status_code == 200

    _terminate_django_backend()
    outage = client.get("/")

    assert outage.status_code == 503
    assert outage["Retry-After"] == "30"
    assert "Hệ thống tạm gián đoạn" in outage.content.decode()
    assert "Temporarily unavailable" in outage.content.decode()

    recovered = client.get("/")
    assert recovered.status_code == 200
    assert "Hội chợ 2024" in recovered.content.decode()
    assert Fair.objects.count() == 1
