"""The work one uncached request does, counted rather than timed.

    DJANGO_SETTINGS_MODULE=fairportal.settings DJANGO_DEBUG=0 DJANGO_SECRET_KEY=x \\
      DJANGO_ALLOWED_HOSTS=testserver DJANGO_SECURE_SSL_REDIRECT=0 PUBLIC_CACHE_SECONDS=0 \\
      API_ANON_RATE=100000000/min DATABASE_URL=postgres://root@127.0.0.1:5432/fair_bench_5000 \\
      PYTHONPATH=. .venv/bin/python scripts/page_work.py /visit/ /exhibitors/ …

For each path: a few warm-up requests through Django's test client, then one request
counted: Python function calls (cProfile), SQL queries and bytes. A busy machine
changes timings, not these counts, so two checkouts can be compared on a shared machine
(docs/performance.md, eighteenth round). Run `collectstatic` first (DEBUG off).
"""

import cProfile
import json
import pstats
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def page_work(path: str, client: Client) -> tuple[int, int, int, int]:
    for _ in range(3):
        client.get(path)
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
    print(json.dumps({path: page_work(path, client) for path in sys.argv[1:]}, indent=1))
