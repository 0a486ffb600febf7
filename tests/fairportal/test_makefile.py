"""`make run` on another port, for a machine where 8000 is taken."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_serves_and_links_on_the_port_given():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8773"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    lines = result.stdout.splitlines()
    assert [line for line in lines if "runserver" in line] == [
        "DJANGO_DEBUG=1 PORTAL_BASE_URL=http://127.0.0.1:8773 .venv/bin/python manage.py "
        "runserver 127.0.0.1:8773"
    ]


@pytest.mark.django_db
def test_the_local_superuser_is_told_the_admin_of_the_portal_it_runs(settings):
    settings.DEBUG = True
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8773"
    out = io.StringIO()

    call_command("create_local_superuser", stdout=out)

    assert "admin at http://127.0.0.1:8773/admin/)" in out.getvalue()
