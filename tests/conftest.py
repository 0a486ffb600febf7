"""Shared fixtures and the test-run rules of the design.

- Tests marked `postgres` are deselected (not skipped) when the database is not
  PostgreSQL; tests marked `sqlite` are deselected on PostgreSQL; tests marked
  `redis` are deselected unless REDIS_TEST_URL names a Redis to use (.ci/run sets it).
- With FAIR_STRICT_TESTS=1 (as in .ci/run) any skipped test is a failure.
"""

import datetime
import os
import shutil
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import translation

STRICT = os.environ.get("FAIR_STRICT_TESTS") == "1"


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def pytest_collection_modifyitems(config, items):
    # Tests for one database only are deselected on the other, never skipped.
    others = ["sqlite" if on_postgres() else "postgres"]
    if not os.environ.get("REDIS_TEST_URL"):
        others.append("redis")
    kept, deselected = [], []
    for item in items:
        elsewhere = any(item.get_closest_marker(other) for other in others)
        (deselected if elsewhere else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"FAIR_STRICT_TESTS=1: a skipped test is a failure ({reason})"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Vietnamese: a request to /en/ leaves English active in the
    thread (LocaleMiddleware does not switch back), which would leak into the next test."""
    translation.activate("vi")
    yield
    translation.activate("vi")


# The test fair is the 2024 edition (20–22/09/2024): unless a test sets the hour itself,
# it is the morning of 01/09/2024, before the fair, when everything is still open.
BEFORE_THE_FAIR = datetime.datetime(2024, 9, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture(autouse=True)
def fair_clock(monkeypatch):
    """The fair's clock (`fairportal.clock.now`); `fair_clock.set(when)` moves it."""

    class Clock:
        when = BEFORE_THE_FAIR

        def set(self, when):
            self.when = when

    clock = Clock()
    monkeypatch.setattr("fairportal.clock.now", lambda: clock.when)
    return clock


@pytest.fixture(autouse=True)
def _rate_limit_clock(monkeypatch):
    """The rate limits count in fixed windows (15 minutes, an hour) of the wall clock: a
    test that sends its requests across a window's end saw its count start again (a
    sign-in test failed so at 19:30:00). Every test runs 450 s into both windows, frozen;
    a test that needs another moment sets `fairportal.ratelimit._now` itself."""
    monkeypatch.setattr("fairportal.ratelimit._now", lambda: 3600 * 500_000 + 450.0)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PORTAL_BASE_URL = "https://hoicho.example.vn"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own download does not work here)."""
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_cache_off(settings):
    """Each request builds its page: for tests of what a page shows after a change,
    or of what it reads, with the page cache out of the way (mark a module with
    `pytest.mark.usefixtures("page_cache_off")`)."""
    settings.PUBLIC_CACHE_SECONDS = 0
