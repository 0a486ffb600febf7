"""The work one uncached request does, counted rather than timed.

    DJANGO_SETTINGS_MODULE=fairportal.settings DJANGO_DEBUG=0 DJANGO_SECRET_KEY=x \\
      DJANGO_ALLOWED_HOSTS=testserver DJANGO_SECURE_SSL_REDIRECT=0 PUBLIC_CACHE_SECONDS=0 \\
      API_ANON_RATE=100000000/min DATABASE_URL=postgres://root@127.0.0.1:5432/fair_bench_5000 \\
      PYTHONPATH=. .venv/bin/python scripts/page_work.py /visit/ /exhibitors/ …

For each path: a few warm-up requests through Django's test client, then one request
counted: Python function calls (cProfile), SQL queries and bytes. A busy machine
changes timings, not these counts, so two checkouts can be compared on a shared machine
(docs/performance.md, eighteenth round). Run `collectstatic` first (DEBUG off).

With `--after-registration` (and the page cache on: PUBLIC_CACHE_SECONDS > 0), the
counted request is the first one after a seat is taken: the page was cached, then the
seats changed (the attendance version moved, as a registration moves it), so this
request rebuilds the page from what the cache keeps beside it. That is what the fair
day's crowd waits for, five times a second (docs/performance.md, nineteenth round).
"""

import cProfile
import json
import pstats
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from fairportal.cache import ATTENDANCE, public_data_changed  # noqa: E402


def page_work(path: str, client: Client, after_registration=False) -> tuple[int, int, int, int]:
    for _ in range(3):
        client.get(path)
    if after_registration:
        public_data_changed(ATTENDANCE)
    queries = []
    with connection.execute_wrapper(lambda run, sql, *args: queries.append(sql) or run(sql, *args)):
        profile = cProfile.Profile()
        profile.enable()
        response = client.get(path)
        profile.disable()
    calls = sum(row[1] for row in pstats.Stats(profile).stats.values())
    return response.status_code, calls, len(queries), len(response.content)


if __name__ == "__main__":
    client = Client()
    rebuild = "--after-registration" in sys.argv
    paths = [arg for arg in sys.argv[1:] if arg != "--after-registration"]
    print(json.dumps({path: page_work(path, client, rebuild) for path in paths}, indent=1))
