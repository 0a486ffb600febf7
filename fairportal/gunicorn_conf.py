"""gunicorn settings for `make serve`, read from the environment.

WEB_CONCURRENCY workers (default: 2 per core + 1), GUNICORN_THREADS threads each
(default 1), bound to GUNICORN_BIND (default 127.0.0.1:8000).

One thread per worker runs gunicorn's sync worker: a worker takes a connection only
when it is free, so the requests spread over all the workers. With GUNICORN_THREADS
above 1, gunicorn runs the gthread worker, which keeps connections alive but accepts
every connection that reaches it, busy or not: a worker can end up holding most of
nginx's connections and queueing them behind its own threads while the others idle
(docs/performance.md, fifteenth round). The sync worker needs a buffering proxy in
front (nginx, docs/deploy/nginx.conf) so a slow phone cannot hold a worker.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
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
