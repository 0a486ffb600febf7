"""gunicorn settings for `make serve`, read from the environment.

WEB_CONCURRENCY workers (default: 2 per core + 1), GUNICORN_THREADS threads each
(default 4), bound to GUNICORN_BIND (default 127.0.0.1:8000).

Threads run gunicorn's gthread worker, which keeps connections alive. GUNICORN_THREADS=1
runs the sync worker instead, which takes a connection only when it is free. Measured
on two cores (docs/performance.md, fifteenth round): behind nginx with no writes, sync
kept the cached pages' p99 at 38-85 ms where a gthread worker holding most of nginx's
connections let it reach 1.1 s; under the fair day's writes, sync served the programme
(rebuilt after every registration) 18% slower. The default stays gthread.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5  # gthread only: the sync worker closes each connection after its answer
# Recycle workers now and then so no slow leak grows past the memory budget. Not
# too often: a cached page costs under a millisecond, so 5,000 requests were a few
# seconds of a fair-day crowd, and every recycle cut connections and cost a warm-up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", None)
errorlog = "-"
preload_app = True
wsgi_app = "fairportal.wsgi:application"
