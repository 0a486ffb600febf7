"""Cached public pages that stay correct.

Anonymous GETs of the listed pages are kept in the cache together with the *public
data version* they were built at; a hit reads the current version and the page in one
round trip and counts only when the two agree. Any change to what public pages show
bumps that version, so every cached page is invalid at once: a model save or delete
(signals), and writes made with `update()`/`F()` in services, which send no signals
and therefore call `public_data_changed()` themselves.

The version has two parts. The *catalogue* is what the board and the companies edit
(fairs, exhibitors, products, booths, the programme); every cached page depends on it.
*Attendance* is what visitors write all day long (seminar registrations and the seats
they take, meeting requests); only the pages that show seats depend on it, so a
visitor's registration does not throw away the directory, the profiles and the floor
plan. A cached view is counted as showing attendance unless settings list it in
PUBLIC_CACHE_WITHOUT_ATTENDANCE.

Nothing per visitor is in a cached page: logged-in users, pages that set a cookie or
carry a CSRF token (forms) and pages with pending messages are never stored.

A page missing from the cache is built once, not once per visitor asking for it at the
same moment: the first request takes a short lock in the shared cache (one per page and
data version, so across every instance) and builds; the others wait for its page, a
few tens of milliseconds, instead of building the same page side by side right after
every change (the "dog-pile" that would follow each edit on the opening morning).

A cached page is stored gzip-compressed once, when it is built, and sent compressed to
every client that accepts gzip (all browsers do): the floor plan's 700 kB of HTML
becomes a few dozen kB on the hall's Wi-Fi, and a hit costs no compression. Only these
pages are compressed: they hold no secret (no CSRF token, nothing per visitor), so
compression leaks nothing (BREACH).
"""

import contextvars
import gzip
import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from contextlib import suppress

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware as BaseConditionalGetMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from fairportal import clock
from fairportal.languages import request_language

VERSION_KEY = "public-data:version"  # the catalogue
ATTENDANCE_KEY = "public-data:attendance"
CHANGED_KEY = "public-data:changed-at"
CATALOGUE, ATTENDANCE = "catalogue", "attendance"
PUBLIC_APPS = ("exhibitors", "events", "booths")
# Rows that no public page shows: changing them keeps the cache.
PRIVATE_MODELS = {"booths.boothapplication", "booths.exhibitorstaff", "exhibitors.exhibitorslug"}
# Rows that visitors write, shown only by the pages with seats (see the module's note).
ATTENDANCE_MODELS = {"events.eventregistration", "events.meetingrequest"}
_SCOPE_KEYS = {CATALOGUE: VERSION_KEY, ATTENDANCE: ATTENDANCE_KEY}
_STARTED_AT = time.time()


def _first_version() -> int:
    # A version never seen before, even after Redis lost its keys (it keeps nothing on
    # disk): a copy of a page kept by a process under an old version must never match.
    return time.time_ns() // 1000


def _started(key: str) -> int:
    """The version under `key`, started (once, whoever comes first) when missing."""
    first = _first_version()
    cache.add(key, first, timeout=None)
    return cache.get(key, first)


# The version a GET (or HEAD) read first (a cached page's lookup, or the first part of
# the page that asked), so that the rest of the request (the current fair, asked for by
# the view, the header and the footer) need not read it from Redis again. Pinned for
# that request only (the page cache's middleware opens and closes it), and dropped by
# any change the request makes. A page is built on a version read before its data,
# never after (the page cache's rule): the data it reads can only be as new as the
# version or newer, and a newer version throws the page away. Never pinned for a
# request that writes (POST…), and a service that checks the current fair while holding
# a row lock reads it afresh (`current_fair(fresh=True)`): the board may have switched
# fairs meanwhile, in another request.
_UNREAD = "unread"  # in a request; the version not read yet
_pinned_version: contextvars.ContextVar[tuple[int, float] | str | None] = contextvars.ContextVar(
    "public_data_version", default=None
)


def public_data_version(*, fresh: bool = False) -> tuple[int, float]:
    """(catalogue version, time of the last change) of the public data: the one this
    request read first, else (or `fresh`) read now."""
    pinned = None if fresh else _pinned_version.get()
    if pinned is not None and pinned is not _UNREAD:
        return pinned
    stored = cache.get_many([VERSION_KEY, CHANGED_KEY])  # one round trip to Redis
    version = stored.get(VERSION_KEY)
    if version is None:
        version = _started(VERSION_KEY)
    read = (version, stored.get(CHANGED_KEY, _STARTED_AT))
    if pinned is _UNREAD:
        _pinned_version.set(read)
    return read


def catalogue_version_of(request) -> int:
    """The catalogue version a page is built at: the one the page cache read for this
    request (its page is stored under it), else the current one."""
    pending = getattr(request, "_public_cache", None)
    return pending[1][0] if pending else public_data_version()[0]


def seatless_page_key(request) -> str | None:
    """For a page with seats that the page cache is building for this request: where the
    page may keep its markup without the seats, good while the catalogue and the clock's
    quarter of an hour stay, so that a registration rebuilds it from the seats alone.
    None when the page cache is not building this request (off, signed in, a form)."""
    pending = getattr(request, "_public_cache", None)
    if not pending:
        return None
    key, (catalogue, _seats, quarter), _changed_at = pending
    return f"{key}:seatless:{catalogue}:{quarter}"


def _bump(scope: str = CATALOGUE) -> None:
    if _pinned_version.get() is not None:
        _pinned_version.set(_UNREAD)  # this request's own change: read the version again
    key = _SCOPE_KEYS[scope]
    try:
        cache.incr(key)
    except ValueError:  # no version yet (a fresh or cleared cache)
        cache.set(key, _first_version(), timeout=None)
    cache.set(CHANGED_KEY, time.time(), timeout=None)


def public_data_changed(scope: str = CATALOGUE) -> None:
    """Invalidate the cached public pages that depend on `scope` (the catalogue: all of
    them): now, and again when the transaction commits (so a page cached by a reader
    between the two cannot outlive the commit)."""
    _bump(scope)
    transaction.on_commit(lambda: _bump(scope))


def _on_change(sender, **kwargs):
    model = kwargs.get("model") if "pk_set" in kwargs else sender
    label = model._meta.label_lower if model is not None else None
    if label in ATTENDANCE_MODELS:
        public_data_changed(ATTENDANCE)
    elif label not in PRIVATE_MODELS:
        public_data_changed()


def connect_signals() -> None:
    """Called from FairportalConfig.ready(): every public model's save and delete."""
    for app_label in PUBLIC_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label_lower in PRIVATE_MODELS:
                continue
            uid = f"public-cache:{model._meta.label_lower}"
            post_save.connect(_on_change, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(_on_change, sender=model, dispatch_uid=uid + ":delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _on_change,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}:{field.name}",
                )


def _page_key(language: str, full_path: str) -> str:
    digest = hashlib.sha256(f"{language}|{full_path}".encode()).hexdigest()[:40]
    # One key per page and language; the entry says which data version it shows.
    # ("v5": entries are ((catalogue, attendance, clock), body, headers, encoding).)
    return f"page:v5:{digest}"


class _LocalCopies:
    """The pages this process served lately, so that a hit need not bring the page's
    body from Redis again (70 kB for the floor plan).

    Never trusted alone: a copy is served only when its data version is the one Redis
    holds now, read on every request in the same round trip as before. A change made
    through any instance therefore drops every instance's copies at once. Bounded by
    PUBLIC_CACHE_LOCAL_BYTES (bodies' sizes), least recently used first out.
    """

    def __init__(self):
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    @staticmethod
    def _budget() -> int:
        return getattr(settings, "PUBLIC_CACHE_LOCAL_BYTES", 8 * 1024 * 1024)

    def get(self, key: str):
        with self.lock:
            stored = self.entries.get(key)
            if stored is not None:
                self.entries.move_to_end(key)
            return stored

    def put(self, key: str, stored) -> None:
        budget = self._budget()
        size = len(stored[1])
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old[1])
            if size > budget // 4:  # one page may not push out most of the others
                return
            self.entries[key] = stored
            self.size += size
            while self.size > budget:
                _key, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped[1])


_local_copies = _LocalCopies()


# Some of what a page shows follows the clock, not the data: a seminar that has begun
# takes no more sign-ups, a fair that is over no more booth applications. A page is
# built at most once per quarter of an hour for that, whatever the data does.
CLOCK_SECONDS = 15 * 60


def _clock_quarter() -> int:
    return int(clock.now().timestamp()) // CLOCK_SECONDS


def _pin_for(request):
    """What a request starts with: a version to pin once read (GET, HEAD), or none."""
    return _UNREAD if request.method in ("GET", "HEAD") else None


def _lookup(language: str, full_path: str, attendance: bool):
    """(key, version, time of the last change, stored page or None), in one round trip
    to the cache: the data version and the page are read together (the page only when
    this process holds no copy of it), and a page stored under an older version is no
    page at all. The version is (catalogue, attendance, quarter of an hour), the second
    None for a page that shows no attendance."""
    key = _page_key(language, full_path)
    local = _local_copies.get(key)
    wanted = [VERSION_KEY, ATTENDANCE_KEY, CHANGED_KEY]
    if local is None:
        wanted.append(key)
    got = cache.get_many(wanted)
    catalogue = got.get(VERSION_KEY)
    if catalogue is None:
        catalogue = _started(VERSION_KEY)
    seats = None
    if attendance:
        seats = got.get(ATTENDANCE_KEY)
        if seats is None:
            seats = _started(ATTENDANCE_KEY)
    version = (catalogue, seats, _clock_quarter())
    changed_at = got.get(CHANGED_KEY, _STARTED_AT)
    if _pinned_version.get() is not None:  # in a request: its page is built on these
        _pinned_version.set((catalogue, changed_at))
    stored = local if local is not None else got.get(key)
    if stored is not None and stored[0] != version and local is not None:
        stored = cache.get(key)  # the copy is outdated: another instance may have a newer
    if stored is not None and stored[0] != version:
        stored = None
    if stored is not None and stored is not local:
        _local_copies.put(key, stored)
    return key, version, changed_at, stored


# How long a request waits for the page another one is building, and how often it
# looks: past the wait it builds the page itself. The lock outlives a crashed builder
# by at most BUILD_LOCK_SECONDS.
BUILD_WAIT_SECONDS = 2.0
BUILD_POLL_SECONDS = 0.01
BUILD_LOCK_SECONDS = 10


def _build_lock(key: str, version) -> str:
    return f"{key}:building:{version[0]}:{version[1]}:{version[2]}"


def _only_seats_behind(stored_version, version) -> bool:
    """A page of the same catalogue and quarter of an hour, older in its seats only."""
    return (
        stored_version[1] is not None
        and stored_version[0] == version[0]
        and stored_version[2] == version[2]
        and stored_version[1] != version[1]
    )


def _being_built_since(lock: str) -> float | None:
    """When the request holding `lock` took it (its token says), None if nobody holds it
    or the token does not say."""
    held = cache.get(lock)
    try:
        return float(str(held).rpartition("@")[2])
    except ValueError:
        return None


def _claim_or_wait(request, key: str, version):
    """None when this request is to build the page: it holds the build lock, or the
    request that held it gave no page to store (a 404, a redirect), or it waited long
    enough. The page, when another request built it meanwhile.

    A waiter polls the lock, a few bytes, not the page: the page's key still holds the
    previous version's body until the new one is stored. When the lock goes without a
    page, the waiters build side by side rather than queue behind one another.

    A page whose seats alone changed (a registration, five a second on the fair's
    mornings) is not waited for: while another request rebuilds it, this one takes the
    copy this process holds of the moment before, as it would have had arriving a few
    milliseconds earlier, marked `X-Cache: stale`. Never after a catalogue change (a
    booth taken, an exhibitor approved: those are waited for), and not when the build
    began over BUILD_WAIT_SECONDS ago (its request may have died): then it waits as
    before."""
    lock = _build_lock(key, version)
    owner = f"{secrets.token_hex(8)}@{time.time():.3f}"
    if cache.add(lock, owner, timeout=BUILD_LOCK_SECONDS):
        request._public_cache_lock = (lock, owner)
        # Built and released between this request's lookup and its claim?
        stored = cache.get(key)
        if stored is not None and stored[0] == version:
            _release(request)
            return stored
        return None
    earlier = _local_copies.get(key)
    if earlier is not None and _only_seats_behind(earlier[0], version):
        since = _being_built_since(lock)
        if since is not None and time.time() - since < BUILD_WAIT_SECONDS:
            request._public_cache_stale = True
            return earlier
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(BUILD_POLL_SECONDS)
        if cache.get(lock) is None:
            stored = cache.get(key)
            if stored is not None and stored[0] == version:
                _local_copies.put(key, stored)
                return stored
            return None
    return None


def _release(request) -> None:
    """Drop this request's build lock, unless it expired (or Redis lost it) and another
    request holds it now: deleted only while it holds this request's token, in one step
    (`delete_if`, fairportal.redis_cache) where the cache can, else read, then deleted."""
    held = getattr(request, "_public_cache_lock", None)
    if held is not None:
        request._public_cache_lock = None
        lock, owner = held
        with suppress(Exception):  # the lock expires anyway
            delete_if = getattr(cache, "delete_if", None)
            if delete_if is not None:
                delete_if(lock, owner)
            elif cache.get(lock) == owner:
                cache.delete(lock)


def _cacheable(request, response) -> bool:
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (messages is not None and len(messages))
    )


# Bodies smaller than this are stored as they are: gzip would save too little.
GZIP_MIN_BYTES = 512
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _save(key: str, version, response, timeout: int) -> None:
    """Keep the page with every header it was sent with (CSP, ETag, Vary…), no cookie,
    and its body gzip-compressed when that makes it smaller."""
    patch_vary_headers(response, ("Accept-Encoding",))
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in ("set-cookie", "x-cache", "content-length")
    ]
    content, encoding = response.content, ""
    if len(content) >= GZIP_MIN_BYTES and not response.has_header("Content-Encoding"):
        # Level 9: compressed once per data version, sent to every phone (the floor
        # plan: 54 kB instead of 57 kB, 20 ms once instead of 6 ms).
        compressed = gzip.compress(content, compresslevel=9, mtime=0)
        if len(compressed) < len(content):
            content, encoding = compressed, "gzip"
    stored = (version, content, headers, encoding)
    cache.set(key, stored, timeout)
    _local_copies.put(key, stored)


def _from_cache(request, stored) -> HttpResponse:
    """The stored page, compressed for a client that accepts gzip, plain otherwise."""
    _version, content, headers, encoding = stored
    compressed = encoding == "gzip"
    if compressed and not _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        content, compressed = gzip.decompress(content), False
    response = HttpResponse(content, status=200)
    for name, value in headers:
        response[name] = value
    if compressed:
        response["Content-Encoding"] = "gzip"
        # Another representation of the same page: a weak validator, as Django's
        # GZipMiddleware gives (If-None-Match compares weakly, so 304s still work).
        etag = response.get("ETag")
        if etag and not etag.startswith("W/"):
            response["ETag"] = "W/" + etag
    response["X-Cache"] = "hit"
    return response


class PublicPageCacheMiddleware:
    """Serve listed public pages to anonymous visitors from the cache.

    Sits below the session, auth and message middleware: it knows who the visitor is
    and which view answers. It marks a cacheable response; PublicPageCacheHitMiddleware
    (near the top of the stack) stores it once every other middleware has added its
    headers, and answers later hits before sessions, CSRF and auth run at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = set(getattr(settings, "PUBLIC_CACHED_VIEWS", ()))
        self.without_attendance = set(getattr(settings, "PUBLIC_CACHE_WITHOUT_ATTENDANCE", ()))
        self.timeout = getattr(settings, "PUBLIC_CACHE_SECONDS", 600)

    def __call__(self, request):
        outer = getattr(request, "_public_cache_outer", False)
        pinned = None if outer else _pinned_version.set(_pin_for(request))
        try:
            return self.store(request, self.get_response(request))
        finally:
            if not outer:
                _release(request)  # else the hit middleware releases, once it stored
                _pinned_version.reset(pinned)

    def _eligible(self, request) -> bool:
        match = getattr(request, "resolver_match", None)
        if self.timeout <= 0:
            return False
        if request.method not in ("GET", "HEAD") or match is None:
            return False
        if match.view_name not in self.views:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        # A message waiting to be shown ("Đã huỷ đăng ký…") is in no cached copy: the
        # page is built for this request (and not stored, see _cacheable).
        pending = getattr(request, "_messages", None)
        return not (pending is not None and len(pending))

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._eligible(request):
            return None
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        attendance = request.resolver_match.view_name not in self.without_attendance
        wanted = (language, request.get_full_path(), attendance)
        looked_up = getattr(request, "_public_cache_lookup", None)
        if looked_up is not None and looked_up[0] == wanted:
            # The hit middleware read the version and found no page a moment ago.
            key, version, changed_at, stored = looked_up[1]
        else:
            key, version, changed_at, stored = _lookup(*wanted)
        request._public_cache = (key, version, changed_at)
        if stored is None:
            stored = _claim_or_wait(request, key, version)
        if stored is None:
            return None  # this request builds the page
        response = _from_cache(request, stored)
        if getattr(request, "_public_cache_stale", False):
            response["X-Cache"] = "stale"
        return response

    def store(self, request, response):
        pending = getattr(request, "_public_cache", None)
        if pending is None or response.get("X-Cache") in ("hit", "stale"):
            return response  # from the cache: nothing to store
        if not _cacheable(request, response):
            return response
        if hasattr(response, "render") and callable(response.render):
            response.render()
        # A view's own validators and freshness (the API's) are kept.
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(pending[2])
        if not response.has_header("Cache-Control"):
            # Browsers keep the page but ask again before each use (a 304 when it is
            # unchanged): a seat taken or a booth assigned shows on the next visit to
            # the page, not a minute later. (History navigation, "Back", may still show
            # the copy in memory, as browsers do.)
            response["Cache-Control"] = "public, no-cache"
        response["X-Cache"] = "miss"
        if getattr(request, "_public_cache_outer", False):
            request._public_cache_pending = True  # stored by the hit middleware, complete
        else:
            _save(pending[0], pending[1], response, self.timeout)
        return response


class PublicPageCacheHitMiddleware:
    """Answer anonymous visitors' cached pages first thing (just below WhiteNoise).

    A request without a session or messages cookie is an anonymous visitor with
    nothing pending, so its page can come from the cache before sessions, CSRF, auth
    and the rest run: the stored headers already hold what they added. The language
    is found as LocaleMiddleware finds it (the URL prefix, Vietnamese without one).
    Conditional GETs get their 304 here too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = set(getattr(settings, "PUBLIC_CACHED_VIEWS", ()))
        self.without_attendance = set(getattr(settings, "PUBLIC_CACHE_WITHOUT_ATTENDANCE", ()))
        self.timeout = getattr(settings, "PUBLIC_CACHE_SECONDS", 600)

    def __call__(self, request):
        request._public_cache_outer = True
        pinned = _pinned_version.set(_pin_for(request))
        try:
            return self.answer(request)
        finally:
            _pinned_version.reset(pinned)

    def answer(self, request):
        response = self.hit(request)
        if response is not None:
            return response
        # A browser revalidating (If-None-Match, If-Modified-Since) after a change would
        # get a 304 from below, and a 304 is no page to store: every such visitor would
        # build the page again. The whole page is built and stored instead, and the 304
        # decided here, from it.
        conditional = {}
        if getattr(request, "_public_cache_candidate", False):
            for name in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"):
                if name in request.META:
                    conditional[name] = request.META.pop(name)
        try:
            response = self.get_response(request)
            if getattr(request, "_public_cache_pending", False) and _cacheable(request, response):
                key, version, _changed_at = request._public_cache
                _save(key, version, response, self.timeout)
        finally:
            _release(request)  # the page is stored, or will not be: nobody waits longer
            request.META.update(conditional)
        if conditional and response.status_code == 200:
            response = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        return response

    def hit(self, request):
        if self.timeout <= 0 or request.method not in ("GET", "HEAD"):
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return None
        language = request_language(request)
        with translation.override(language):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return None
        if match.view_name not in self.views:
            return None
        request._public_cache_candidate = True
        attendance = match.view_name not in self.without_attendance
        wanted = (language, request.get_full_path(), attendance)
        looked_up = _lookup(*wanted)
        stored = looked_up[3]
        if stored is None:
            request._public_cache_lookup = (wanted, looked_up)  # for the page's build
            return None
        response = _from_cache(request, stored)
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )


class ConditionalGetMiddleware(BaseConditionalGetMiddleware):
    """ETag/Last-Modified and 304s for successful pages only: an error is not a
    version of a page that a client should keep."""

    def needs_etag(self, response):
        return response.status_code == 200 and super().needs_etag(response)
