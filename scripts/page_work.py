"""The work one uncached request does, counted rather than timed.

    DJANGO_SETTINGS_MODULE=fairportal.settings DJANGO_DEBUG=0 DJANGO_SECRET_KEY=x \\
      DJANGO_ALLOWED_HOSTS=testserver DJANGO_SECURE_SSL_REDIRECT=0 PUBLIC_CACHE_SECONDS=0 \\
      API_ANON_RATE=100000000/min DATABASE_URL=postgres://root@127.0.0.1:5432/fair_bench_5000 \\
      PYTHONPATH=. .venv/bin/python scripts/page_work.py /visit/ /exhibitors/ …

For each path: a few warm-up requests through Django's test client, then one request
counted: Python function calls (cProfile), SQL queries, calls to the shared cache
(each a round trip to Redis in production) and bytes. A busy machine
changes timings, not these counts, so two checkouts can be compared on a shared machine
(docs/performance.md, eighteenth round). Run `collectstatic` first (DEBUG off).

With `--after-registration` (and the page cache on: PUBLIC_CACHE_SECONDS > 0), the
counted request is the first one after a seat is taken: the page was cached, then the
seats changed (the attendance version moved, as a registration moves it), so this
request rebuilds the page from what the cache keeps beside it. That is what the fair
day's crowd waits for, five times a second (docs/performance.md, nineteenth round).
With `--after-edit`, the catalogue's version moved instead, as a board or company edit
moves it: the first request after an edit rebuilds the page from scratch.
"""

import cProfile
import json
import pstats
import sys

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from fairportal.cache import ATTENDANCE, CATALOGUE, public_data_changed  # noqa: E402

CACHE_CALLS = (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "delete",
    "delete_many",
    "incr",
    "delete_if",
)


class CountedCache:
    """Counts the calls made to the default cache while it is in use."""

    def __init__(self):
        self.calls = []
        self.depth = 0  # the local-memory cache's get_many calls its own get: counted once

    def __enter__(self):
        backend = cache._connections[cache._alias]  # the proxy's backend for this thread
        self.backend, self.saved = backend, {}
        for name in CACHE_CALLS:
            method = getattr(backend, name)
            self.saved[name] = method
            setattr(backend, name, self._counting(name, method))
        return self

    def _counting(self, name, method):
        def counted(*args, **kwargs):
            if not self.depth:
                self.calls.append(name)
            self.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1

        return counted

    def __exit__(self, *exc):
        for name in CACHE_CALLS:
            delattr(self.backend, name)


def page_work(path: str, client: Client, after=None) -> dict:
    for _ in range(3):
        client.get(path)
    if after:
        public_data_changed(after)
    queries = []
    with (
        connection.execute_wrapper(lambda run, sql, *args: queries.append(sql) or run(sql, *args)),
        CountedCache() as counted,
    ):
        profile = cProfile.Profile()
        profile.enable()
        response = client.get(path)
        profile.disable()
    calls = sum(row[1] for row in pstats.Stats(profile).stats.values())
    return {
        "status": response.status_code,
        "calls": calls,
        "queries": len(queries),
        "cache calls": len(counted.calls),
        "cache": counted.calls,
        "bytes": len(response.content),
    }


if __name__ == "__main__":
    client = Client()
    options = {"--after-registration": ATTENDANCE, "--after-edit": CATALOGUE}
    after = next((options[arg] for arg in sys.argv[1:] if arg in options), None)
    paths = [arg for arg in sys.argv[1:] if arg not in options]
    print(json.dumps({path: page_work(path, client, after) for path in paths}, indent=1))
