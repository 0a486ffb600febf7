"""Security headers on every public page, in Vietnamese and in English.

A strict Content-Security-Policy (no 'unsafe-inline' for scripts or styles), nosniff,
a referrer policy, frame denial; with the production settings also HSTS and Secure
cookies. No template carries an inline <script> or a style= attribute.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import make_user

ROOT = Path(settings.BASE_DIR)


def public_urls(objects) -> list[str]:
    exhibitor, event = objects["exhibitor"], objects["event"]
    urls = []
    for language in ("vi", "en"):
        with translation.override(language):
            urls += [
                reverse("home"),
                reverse("visit"),
                reverse("exhibitors:list"),
                reverse("exhibitors:detail", args=[exhibitor.slug]),
                reverse("exhibitors:qr", args=[exhibitor.slug]),
                reverse("exhibitors:products"),
                reverse("booths:floor_plan"),
                reverse("events:list"),
                reverse("events:detail", args=[event.slug]),
                reverse("events:plan"),
                reverse("booths:apply"),
                reverse("account:login"),
                f"/{'en/' if language == 'en' else ''}khong-co-trang-nay/",
            ]
    return urls + [
        "/api/v1/exhibitors/",
        "/api/docs/",
        "/sitemap.xml",
        "/robots.txt",
        "/api/khong-co/",
    ]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.fixture
def pages(client, public_fair):
    return {url: client.get(url) for url in public_urls(public_fair)}


def test_every_public_page_answers(pages):
    statuses = {url: response.status_code for url, response in pages.items()}
    expected = {url: 404 if "khong-co" in url else 200 for url in pages}
    assert statuses == expected


def test_every_public_page_has_a_strict_content_security_policy(pages):
    for url, response in pages.items():
        directives = csp_directives(response["Content-Security-Policy"])
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["default-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], url


def test_every_public_page_denies_sniffing_framing_and_leaky_referrers(pages):
    for url, response in pages.items():
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] == "same-origin", url


@pytest.fixture
def production_security(settings):
    """What settings.py sets when DJANGO_DEBUG=0 (checked by the subprocess test below)."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def test_production_settings_send_hsts_on_https(client, public_fair, production_security):
    for url in public_urls(public_fair):
        response = client.get(url, secure=True)
        assert (
            response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        ), url


def test_production_cookies_are_secure_and_session_cookie_http_only(
    client, public_fair, production_security
):
    event = public_fair["event"]
    page = client.get(reverse("events:detail", args=[event.slug]), secure=True)
    assert page.cookies["csrftoken"]["secure"] is True
    make_user(username="an")
    response = client.post(
        reverse("account:login"),
        {"username": "an", "password": "Hoi-cho-2024-mat-khau"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""<[^>]+\sstyle\s*=""", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""<[^>]+\son[a-z]+\s*=\s*["']""", re.IGNORECASE)


COMMENTS = re.compile(r"{% comment %}.*?{% endcomment %}|{#.*?#}", re.DOTALL)


def inline_code(html: str) -> list[str]:
    html = COMMENTS.sub("", html)
    found = []
    for pattern in (INLINE_SCRIPT, STYLE_ATTRIBUTE, INLINE_STYLE, EVENT_HANDLER):
        found += [match.group(0)[:80] for match in pattern.finditer(html)]
    # <script type="application/ld+json"> is data, not code: the CSP does not run it.
    return [tag for tag in found if "application/ld+json" not in tag]


def test_no_template_has_inline_script_or_style():
    templates = sorted((ROOT / "templates").rglob("*.html"))
    templates += sorted(ROOT.glob("*/templates/**/*.html"))
    assert len(templates) > 20
    offenders = {
        str(path.relative_to(ROOT)): inline_code(path.read_text())
        for path in templates
        if inline_code(path.read_text())
    }
    assert offenders == {}


def test_no_rendered_public_page_has_inline_script_or_style(pages):
    offenders = {
        url: inline_code(response.content.decode())
        for url, response in pages.items()
        if response["Content-Type"].startswith("text/html")
        and inline_code(response.content.decode())
    }
    assert offenders == {}


PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x7Qp2-test-only-" + "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "hoicho-kcn.example.vn",
}


def run_manage(*args: str) -> subprocess.CompletedProcess:
    # a test fixture may have set DJANGO_ALLOW_ASYNC_UNSAFE for the browser tests: a
    # deployment never has it
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(PRODUCTION_ENV)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_reports_no_issues():
    result = run_manage("check", "--deploy", "--fail-level", "INFO")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_turn_on_hsts_secure_cookies_and_https():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    result = run_manage("shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False 31536000 True True True True"
