"""No secret in the repository, none on the error pages."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory

from fairportal import views

ROOT = Path(settings.BASE_DIR)

SECRET_PATTERNS = {
    "assigned secret": re.compile(
        r"""(?i)\b(secret_key|api_key|access_key|auth_token|password|passwd|pwd)\b\s*[:=]\s*["'][^"'\s]{8,}["']"""
    ),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "url with password": re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s:@]{3,}@"),
    "aws key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
}
# Test passwords of the test suite are not secrets.
ALLOWED_DIRS = ("tests/",)
# Placeholders in examples, and the dev-only key (see the test below): not secrets.
ALLOWED = {
    (".env.example", "postgres://fair:secret@"),
    ("README.md", "postgres://user:pass@"),
    ("fairportal/settings.py", 'SECRET_KEY = "development-only-key-not-for-production"'),
}


def tracked_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [ROOT / name for name in names if not name.startswith(ALLOWED_DIRS)]


def test_no_secret_or_password_in_tracked_files():
    found = []
    for path in tracked_files():
        if path.suffix in {".png", ".jpg", ".mo", ".ico", ".woff2", ".gz"} or not path.is_file():
            continue
        text = path.read_text(errors="ignore")
        for name, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                if (str(path.relative_to(ROOT)), match.group(0)) not in ALLOWED:
                    found.append((str(path.relative_to(ROOT)), name, match.group(0)[:60]))
    assert found == []


def test_dev_secret_key_fallback_only_under_debug():
    """Without DJANGO_DEBUG=1 and without DJANGO_SECRET_KEY the settings refuse to load."""
    env = {"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "x.vn"}
    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         "'fairportal.settings'; django.setup()"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


LEAKS = ("Traceback", "SECRET_KEY", "DATABASE", "settings.py", 'File "', "psycopg", "sqlite")


def assert_no_leak(html: str) -> None:
    for leak in LEAKS:
        assert leak not in html, leak
    assert settings.SECRET_KEY not in html


def test_404_page_shows_no_stack_trace_or_settings(db, client, settings):
    settings.DEBUG = False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert_no_leak(response.content.decode())


@pytest.mark.parametrize(
    ("error", "status"),
    [(ZeroDivisionError("secret"), 500), (OperationalError("server closed the connection"), 503)],
)
def test_500_and_503_pages_show_no_stack_trace_or_settings(db, error, status):
    request = RequestFactory().get("/")
    try:
        raise error
    except Exception:
        response = views.server_error(request)
    assert response.status_code == status
    html = response.content.decode()
    assert_no_leak(html)
    assert str(error) not in html


def test_manage_py_without_a_secret_key_says_why_in_one_line():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "x.vn"}
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (
        1,
        "manage.py: DJANGO_SECRET_KEY is not set. Set it to a long random value in "
        "production, or set DJANGO_DEBUG=1 for local development.\n",
    )
