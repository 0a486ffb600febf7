"""`make soak`: two gunicorn instances behind nginx, a mixed load, one instance killed.

On 127.0.0.1 only: nginx (Debian's package) on SOAK_PORT balances two gunicorn
instances that share one PostgreSQL database and one Redis. For SOAK_SECONDS (60) a
bounded pool of client threads reads public pages and registers for a seminar; in
the middle, instance 1 is killed (SIGKILL) and started again. Afterwards it checks:
every registration that got a success answer is in the database exactly once, no
seat is oversold (seats_taken equals the confirmed rows and stays within capacity),
and at least 95% of all requests succeeded (429s and 5xx count against). It prints
the figures and exits non-zero when a check fails.
"""

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The interpreter that runs this script (`make soak` uses .venv/bin/python), and its gunicorn.
PY = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PG = os.environ.get("SOAK_PG", "postgres://root@127.0.0.1:5432")
DB_URL = f"{PG}/fair_soak"
REDIS_URL = os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/6")
SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "12"))
PORT = int(os.environ.get("SOAK_PORT", "8480"))
BACKENDS = [8481, 8482]
RUN_DIR = ROOT / "var" / "soak"
EVENT_SLUG = "soak-hoi-thao"
CAPACITY = 150

NGINX_CONF = """
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log off;
  client_body_temp_path {run}/body;
  proxy_temp_path {run}/proxy;
  fastcgi_temp_path {run}/fastcgi;
  uwsgi_temp_path {run}/uwsgi;
  scgi_temp_path {run}/scgi;
  upstream portal {{
    server 127.0.0.1:{b1} max_fails=1 fail_timeout=3s;
    server 127.0.0.1:{b2} max_fails=1 fail_timeout=3s;
    keepalive 16;
  }}
  # The load clients all run on 127.0.0.1 and say who they are in X-Forwarded-For,
  # as a front load balancer would: nginx trusts that one hop (realip) and appends
  # the client address, so the portal (DJANGO_BEHIND_PROXY=1) sees one IP per client.
  set_real_ip_from 127.0.0.1;
  real_ip_header X-Forwarded-For;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A killed instance: retry reads on the other one. POSTs are retried only when
      # the connection could not be made (nothing reached the killed process).
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 1s;
    }}
  }}
}}
"""


def env_for(port: int) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "REDIS_URL": REDIS_URL,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_BEHIND_PROXY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


SECRET = secrets.token_urlsafe(50)


def sh(cmd, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, check=True, **kwargs)


def prepare() -> None:
    exists = subprocess.run(
        ["psql", f"{PG}/postgres", "-tAc", "SELECT 1 FROM pg_database WHERE datname='fair_soak'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if exists:
        sh(["psql", f"{PG}/postgres", "-qc", "DROP DATABASE fair_soak WITH (FORCE)"])
    sh(["psql", f"{PG}/postgres", "-qc", "CREATE DATABASE fair_soak"])
    env = env_for(BACKENDS[0])
    sh([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env=env)
    sh(
        [PY, "manage.py", "load_demo_fair"],
        env={**env, "DJANGO_DEBUG": "1"},
        stdout=subprocess.DEVNULL,
    )
    sh([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env)
    code = (
        "import datetime\n"
        "from django.utils import timezone\n"
        "from events.models import SideEvent\n"
        "from events.selectors import current_fair\n"
        "fair = current_fair()\n"
        "start = timezone.now() + datetime.timedelta(days=30)\n"
        f"SideEvent.objects.update_or_create(slug='{EVENT_SLUG}', defaults=dict(fair=fair, "
        "kind='seminar', title_vi='Hội thảo thử tải', title_en='Soak seminar', starts_at=start, "
        f"ends_at=start + datetime.timedelta(hours=2), capacity={CAPACITY}, "
        "registration_open=True, room_vi='Phòng 1'))\n"
    )
    sh([PY, "manage.py", "shell", "-c", code], env={**env, "DJANGO_DEBUG": "1"})
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], capture_output=True)


def start_backend(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [GUNICORN, "-c", "fairportal/gunicorn_conf.py"],
        cwd=ROOT, env=env_for(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    wait_ready(port)
    return process


def wait_ready(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"backend on {port} did not become ready")


def start_nginx() -> subprocess.Popen:
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    conf = RUN_DIR / "nginx.conf"
    conf.write_text(NGINX_CONF.format(run=RUN_DIR, b1=BACKENDS[0], b2=BACKENDS[1], port=PORT))
    process = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"], cwd=ROOT)
    wait_ready(PORT)
    return process


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.confirmed_emails = []
        self.failures = Counter()

    def add(self, status, email=None):
        with self.lock:
            self.statuses[status] += 1
            if email:
                self.confirmed_emails.append(email)


READ_PATHS = ["/", "/exhibitors/", "/exhibitors/?q=dien+tu", "/products/", "/floor-plan/",
              "/events/", "/en/exhibitors/", "/api/v1/exhibitors/"]  # fmt: skip


def request(method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=15)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def register(n: int, stats: Stats) -> None:
    """GET the event page for a CSRF token, then POST one registration."""
    email = f"soak{n}-{secrets.token_hex(3)}@example.vn"
    path = f"/events/{EVENT_SLUG}/"
    status, headers, body = request("GET", path)
    if status != 200:
        stats.add(status)
        return
    cookies = "; ".join(
        value.split(";", 1)[0] for name, value in headers if name.lower() == "set-cookie"
    )
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not token:
        stats.add("no-form")
        return
    form = registration_form(email, token.group(1).decode())
    status, _, body = request(
        "POST", path, body=urllib.parse.urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies,
                 "X-Forwarded-For": f"10.9.{n % 250}.{n % 200}"},
    )  # fmt: skip
    # Success is the redirect to the registration's own page; a 200/400 is the form again.
    succeeded = status in (302, 303)
    stats.add(status if succeeded else f"{status}-post", email if succeeded else None)


def registration_form(email: str, csrf: str) -> dict:
    return {
        "csrfmiddlewaretoken": csrf,
        "name": "Khách thử tải",
        "email": email,
        "phone": "0912345678",
        "organisation": "Công ty thử",
        "job_title": "Kỹ sư",
        "consent": "on",
    }


def client(worker: int, stats: Stats, stop: threading.Event) -> None:
    n = worker * 100_000
    while not stop.is_set():
        n += 1
        try:
            if n % 5 == 0:
                register(n, stats)
            else:
                status, _, _ = request("GET", READ_PATHS[n % len(READ_PATHS)])
                stats.add(status)
        except OSError as error:
            stats.add(type(error).__name__)


def check(stats: Stats) -> int:
    code = (
        "import json\n"
        "from events.models import EventRegistration, SideEvent\n"
        f"e = SideEvent.objects.get(slug='{EVENT_SLUG}')\n"
        "rows = list(EventRegistration.objects.filter(event=e).values_list('email', 'status'))\n"
        "print('DB' + json.dumps({'seats_taken': e.seats_taken, 'capacity': e.capacity, 'rows': rows}))\n"
    )
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], env={**env_for(BACKENDS[0]), "DJANGO_DEBUG": "1"},
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    data = json.loads(next(line for line in out.splitlines() if line.startswith("DB"))[2:])
    rows = Counter(email for email, _ in data["rows"])
    confirmed = sum(1 for _, status in data["rows"] if status == "confirmed")
    answered_ok = stats.confirmed_emails
    missing = [email for email in answered_ok if rows[email] != 1]
    total = sum(stats.statuses.values())
    ok = sum(count for status, count in stats.statuses.items() if status in (200, 302, 303))
    rate = ok / total if total else 0
    print(json.dumps({
        "requests": total, "succeeded": ok, "success_rate": round(rate, 4),
        "statuses": {str(k): v for k, v in stats.statuses.most_common()},
        "registrations_answered_ok": len(answered_ok), "registration_rows": len(data["rows"]),
        "registrations_missing_or_duplicated": len(missing),
        "seats_taken": data["seats_taken"], "confirmed_rows": confirmed, "capacity": data["capacity"],
    }, indent=2))  # fmt: skip
    failures = []
    if missing:
        failures.append(f"{len(missing)} successful registrations not stored exactly once")
    if data["seats_taken"] != confirmed or confirmed > data["capacity"]:
        failures.append("seat counter disagrees with the confirmed rows or exceeds capacity")
    if rate < 0.95:
        failures.append(f"success rate {rate:.1%} < 95%")
    for failure in failures:
        print("FAIL:", failure)
    print("SOAK PASSED" if not failures else "SOAK FAILED")
    return 1 if failures else 0


def main() -> int:
    prepare()
    backends = {port: start_backend(port) for port in BACKENDS}
    nginx = start_nginx()
    stats, stop = Stats(), threading.Event()
    threads = [threading.Thread(target=client, args=(i, stats, stop)) for i in range(CLIENTS)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(SECONDS / 2)
        print("killing instance 1 (SIGKILL)", flush=True)
        os.killpg(backends[BACKENDS[0]].pid, signal.SIGKILL)
        backends[BACKENDS[0]].wait()
        time.sleep(3)
        print("restarting instance 1", flush=True)
        backends[BACKENDS[0]] = start_backend(BACKENDS[0])
        time.sleep(max(SECONDS / 2 - 3, 1))
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(timeout=10)
        for process in backends.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
    return check(stats)


if __name__ == "__main__":
    sys.exit(main())
