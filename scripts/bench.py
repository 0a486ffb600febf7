"""`make bench`: the portal under a bounded load, against the bare /healthz view.

For each size (500 and 5,000 exhibitors) it builds or reuses a synthetic edition in
its own PostgreSQL database, serves it with gunicorn (the `make serve` settings) on
127.0.0.1, and drives wrk from a separate process at each endpoint, once with the
page cache off and once with it on. It reports requests per second, p50 and p99
latency, errors, the ratios to /healthz of the same run, the SQL queries of each
page at each size, and the peak resident memory of each worker; each round's req/s
notes how the work was shared among the workers (their CPU), the CPU the hypervisor
stole for other guests and any worker gunicorn recycled. Results go to stdout and
to docs/performance-results.md.

Environment: BENCH_PG (default postgres://root@127.0.0.1:5432), BENCH_SIZES
(default "500,5000"), BENCH_SECONDS (default 5) per run, BENCH_ROUNDS (default 5)
runs of each endpoint (the median is reported), BENCH_CONNECTIONS (default 16),
WEB_CONCURRENCY (default 3), GUNICORN_THREADS (default 2; 1 runs gunicorn's sync
worker), BENCH_MODES (default
"off,on,fair-day"), BENCH_REGISTRATIONS_PER_SECOND (default 5) and BENCH_EDIT_SECONDS
(default 10) for the fair-day mode.

Three modes: the page cache off; on; and on while the fair day writes ("fair-day"): a
separate process registers visitors for seminars (BENCH_REGISTRATIONS_PER_SECOND, each
a real registration through the service, taking a seat) and the board saves an
exhibitor every BENCH_EDIT_SECONDS, as in the admin, which drops every cached page.
"""

import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable  # the interpreter that runs the bench (make bench: .venv)
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PG = os.environ.get("BENCH_PG", "postgres://root@127.0.0.1:5432")
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "500,5000").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
# Each endpoint is timed once per round, the rounds one after the other, and the
# median of the rounds is reported: a burst of other work on the machine then spoils
# one round of every endpoint rather than all of one endpoint's figures.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
MODES = os.environ.get("BENCH_MODES", "off,on,fair-day").split(",")
REGISTRATIONS_PER_SECOND = float(os.environ.get("BENCH_REGISTRATIONS_PER_SECOND", "5"))
EDIT_SECONDS = float(os.environ.get("BENCH_EDIT_SECONDS", "10"))
PORT = 8391
# Three gthread workers of two threads: the rounds so far were timed so (two cores).
WORKERS = os.environ.get("WEB_CONCURRENCY", "3")
THREADS = os.environ.get("GUNICORN_THREADS", "2")
FAIR_DAY = "fair-day"
# The pages timed while the fair day writes: the crowd's pages and the one with seats.
FAIR_DAY_ENDPOINTS = {"healthz", "directory", "profile", "floor plan", "programme"}


def endpoints(size: int) -> list[tuple[str, str]]:
    return [
        ("healthz", "/healthz"),
        ("directory", "/exhibitors/"),
        ("directory q=dien tu", "/exhibitors/?q=dien+tu"),
        ("directory sector", "/exhibitors/?sector=nganh-thu-1"),
        ("directory page 20", "/exhibitors/?page=20"),
        ("profile", f"/exhibitors/synthetic-{size}-dn-7/"),
        ("floor plan", "/floor-plan/"),
        ("programme", "/events/"),
        ("api exhibitors", "/api/v1/exhibitors/"),
        # Not a target: a page of the site's layout with no query at all, the floor
        # of what any rendered page costs.
        ("visit (no query)", "/visit/"),
    ]


def run(cmd, env=None, **kwargs):
    return subprocess.run(cmd, env={**os.environ, **(env or {})}, cwd=ROOT, check=True, **kwargs)


def prepare(size: int) -> str:
    url = f"{PG}/fair_bench_{size}"
    exists = subprocess.run(
        ["psql", f"{PG}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname='fair_bench_{size}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        run(["psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE fair_bench_{size}"])
    env = {"DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env=env)
    run([PY, "manage.py", "build_synthetic_fair", "--exhibitors", str(size)], env=env)
    return url


def query_counts(url: str, size: int) -> dict[str, int]:
    code = (
        "import json\n"
        "from django.test import Client\n"
        "from django.db import connection\n"
        f"paths = {json.dumps([p for _, p in endpoints(size)])}\n"
        "client = Client()\nout = {}\n"
        "for p in paths:\n"
        "    q = []\n"
        "    with connection.execute_wrapper(lambda ex, sql, *a: q.append(sql) or ex(sql, *a)):\n"
        "        r = client.get(p)\n"
        "    out[p] = (r.status_code, len(q))\n"
        "print('COUNTS' + json.dumps(out))\n"
    )
    result = subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        env={**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1", "PUBLIC_CACHE_SECONDS": "0"},
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(line for line in result.stdout.splitlines() if line.startswith("COUNTS"))
    return {path: tuple(v) for path, v in json.loads(line[len("COUNTS") :]).items()}


def server_env(url: str, cached: bool) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "PUBLIC_CACHE_SECONDS": "600" if cached else "0",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7"),
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": WORKERS,
        "GUNICORN_THREADS": THREADS,
        # wrk comes from one address: the API's anonymous throttle (600 a minute) would
        # answer 429 to the uncached API rows. The throttle is tested, not benched.
        "API_ANON_RATE": "100000000/min",
    }


def serve(url: str, cached: bool):
    env = server_env(url, cached)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env)
    subprocess.run(["redis-cli", "-n", "7", "flushdb"], capture_output=True)
    process = subprocess.Popen(
        [GUNICORN, "-c", "fairportal/gunicorn_conf.py"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(60):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/readyz", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("gunicorn did not become ready")


def worker_pids(master_pid: int) -> list[str]:
    return subprocess.run(
        ["pgrep", "-P", str(master_pid)], capture_output=True, text=True
    ).stdout.split()


def cpu_times() -> tuple[int, int]:
    """The machine's CPU time so far and the part of it stolen by the hypervisor for
    other guests (/proc/stat, in ticks)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return sum(fields), fields[7]


def workers_peak_rss_mb(master_pid: int) -> list[float]:
    peaks = []
    for pid in worker_pids(master_pid):
        status = Path(f"/proc/{pid}/status").read_text()
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return peaks


# The fair day's writes, from a process of their own (as the admin and the
# registration form would make them): visitors registering, and now and then the board.
WRITER = """
import random, signal, sys, time, uuid
from events.models import SideEvent
from events.selectors import current_fair
from events.services import EventsError, register_attendee
from exhibitors.models import Exhibitor
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
fair = current_fair()
seminars = list(SideEvent.objects.filter(fair=fair, kind=SideEvent.Kind.SEMINAR))
board = list(Exhibitor.objects.filter(booths__fair=fair).distinct()[:50])
rate, edit_every = {rate}, {edit_every}
next_edit = time.monotonic() + edit_every
while True:
    data = {{"name": "Khách thử tải", "email": f"khach-{{uuid.uuid4().hex[:12]}}@example.vn",
            "phone": "0912345678", "consent": True}}
    try:
        register_attendee(event=random.choice(seminars), data=data, language="vi")
    except EventsError as error:
        if error.code == "started":  # no write would ever land: the measure would lie
            sys.exit("bench writer: the synthetic fair's seminars have begun")
    if time.monotonic() >= next_edit:
        random.choice(board).save()  # as the admin saves it: a signal, the whole cache
        next_edit += edit_every
    time.sleep(1 / rate)
"""


def start_writer(url: str):
    env = {
        **server_env(url, cached=True),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    code = WRITER.format(rate=REGISTRATIONS_PER_SECOND, edit_every=EDIT_SECONDS)
    return subprocess.Popen(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env={**os.environ, **env}
    )


NOT_PAGE_CACHED = {"healthz"}
REFERENCES = {"healthz", "visit (no query)"}  # measured, but no target of their own


def probe(name: str, path: str, cached: bool) -> str:
    """Warm the page (and fill the cache); fail loudly unless it answers 200 (and, with
    the cache on, the second answer is a cache hit)."""
    url = f"http://127.0.0.1:{PORT}{path}"
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    for _attempt in range(2):
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                status, x_cache = r.status, r.headers.get("X-Cache", "")
        except urllib.error.HTTPError as error:
            status, x_cache = error.code, ""
    if status != 200:
        raise SystemExit(f"FAIL: {name} {path} answered HTTP {status}, not 200")
    if cached and name not in NOT_PAGE_CACHED and x_cache != "hit":
        raise SystemExit(
            f"FAIL: {name} {path} not served from the page cache (X-Cache={x_cache!r})"
        )
    return "ok"


def wrk(path: str, master_pid: int) -> dict:
    """One timed run of wrk against path. Besides wrk's figures it records what else
    could slow a run down: the share of the CPU stolen by the hypervisor for other
    guests during the run, and whether gunicorn recycled a worker (max_requests)."""
    url = f"http://127.0.0.1:{PORT}{path}"
    workers, (total, stolen) = worker_pids(master_pid), cpu_times()
    worked = {pid: worker_cpu(pid) for pid in workers}
    process = subprocess.Popen(
        # As a phone's browser asks: cached pages come gzip-compressed.
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency",
         "-H", "Accept-Encoding: gzip, deflate, br", "--timeout", "10s", url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    out, err = process.communicate()
    if process.returncode:
        raise SystemExit(f"wrk failed on {path}: {err.strip()}")

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    total_after, stolen_after = cpu_times()
    steal = 100 * (stolen_after - stolen) / max(total_after - total, 1)
    recycled = worker_pids(master_pid) != workers
    used = [max(worker_cpu(pid) - before, 0) for pid, before in worked.items()]
    shares = sorted((round(100 * u / max(sum(used), 1)) for u in used), reverse=True)
    return {
        "rps": rps, "p50": latency(50), "p99": latency(99), "errors": errors,
        "steal": steal, "recycled": recycled, "shares": shares,
    }  # fmt: skip


def worker_cpu(pid: str) -> int:
    """The CPU time a worker has used so far (ticks), 0 once it is gone. Each round
    shows how the work was shared among the workers: a round done by one process out
    of several runs on one core (the fourteenth round's half-speed rounds)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def median_run(runs: list[dict]) -> dict:
    """Each figure's median over the runs (errors: their sum)."""
    out = {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p99")}
    out["errors"] = sum(r["errors"] for r in runs)
    out["rounds"] = runs
    return out


def timed_endpoints(size: int, mode: str) -> list[tuple[str, str]]:
    if mode == FAIR_DAY:
        return [(n, p) for n, p in endpoints(size) if n in FAIR_DAY_ENDPOINTS]
    return endpoints(size)


def main() -> int:
    results, counts, memory = {}, {}, {}
    for size in SIZES:
        url = prepare(size)
        counts[size] = query_counts(url, size)
        for mode in MODES:
            cached = mode != "off"
            process = serve(url, cached)
            writer = None
            try:
                for name, path in endpoints(size):  # every worker warm before timing
                    probe(name, path, cached)
                if mode == FAIR_DAY:
                    writer = start_writer(url)
                runs = {name: [] for name, _ in timed_endpoints(size, mode)}
                for _round in range(ROUNDS):
                    for name, path in timed_endpoints(size, mode):
                        runs[name].append(wrk(path, process.pid))
                        print(size, mode, name, runs[name][-1], flush=True)
                # /healthz once more after the last page, so that it is timed on both
                # sides of every page: the machine's drift weighs on both alike.
                runs["healthz"].append(wrk("/healthz", process.pid))
                if writer is not None and writer.poll() is not None:
                    raise SystemExit("the fair-day writer stopped: its rows would be untrue")
                for name, timed in runs.items():
                    results[(size, mode, name)] = median_run(timed)
                memory[(size, mode)] = workers_peak_rss_mb(process.pid)
            finally:
                if writer is not None:
                    writer.send_signal(signal.SIGTERM)
                    writer.wait(timeout=30)
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    for size in SIZES:
        for name, path in endpoints(size):
            status, _ = counts[size][path]
            if status != 200:
                raise SystemExit(f"FAIL: {name} {path} answered HTTP {status} in the query count")
    report = render(results, counts, memory)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "performance-results.md").write_text(report)
    print(report)
    return 0


def targets(results, counts, memory) -> list[tuple[str, bool]]:
    out = []
    for size in SIZES:
        for mode, names, floor in (
            ("off", ("directory", "profile"), 0.25),
            ("on", [n for n, _ in endpoints(size) if n not in REFERENCES], 0.7),
        ):
            base = results.get((size, mode, "healthz"))
            for name in names:
                r = results.get((size, mode, name))
                if r is None or base is None:
                    continue
                ratio = r["rps"] / base["rps"]
                cache = "cached" if mode == "on" else "uncached"
                out.append(
                    (
                        f"{size}: {cache} {name} {ratio:.2f} of healthz req/s ≥ {floor}",
                        ratio >= floor,
                    )
                )
        base = results.get((size, FAIR_DAY, "healthz"))
        for name, _path in endpoints(size):
            r = results.get((size, FAIR_DAY, name))
            if r is None or base is None or name in REFERENCES:
                continue
            ratio = r["rps"] / base["rps"]
            out.append(
                (
                    f"{size}: fair day ({REGISTRATIONS_PER_SECOND:g} registrations/s, the board "
                    f"every {EDIT_SECONDS:g} s): cached {name} {ratio:.2f} of healthz req/s ≥ 0.7",
                    ratio >= 0.7,
                )
            )
    big, small = max(SIZES), min(SIZES)
    search, plain = (
        results.get((big, "off", "directory q=dien tu")),
        results.get((big, "off", "directory")),
    )
    if search and plain:
        ratio = search["p99"] / plain["p99"]
        out.append((f"{big}: search p99 {ratio:.2f}× the plain directory's ≤ 3", ratio <= 3))
    if big != small:
        changed = [
            p
            for p, (status, n) in counts[big].items()
            if status == 200 and counts[small].get(p.replace(str(big), str(small)), (0, n))[1] != n
        ]
        out.append(
            (
                f"{small}→{big}: no page's query count changes ({', '.join(changed) or 'none changed'})",
                not changed,
            )
        )
        a, b = results.get((small, "off", "directory")), results.get((big, "off", "directory"))
        if a and b:
            ratio = b["p50"] / a["p50"]
            out.append((f"{small}→{big}: directory p50 latency ×{ratio:.2f} < 1.5", ratio < 1.5))
    peak = max((p for peaks in memory.values() for p in peaks), default=0)
    out.append((f"every worker under 150 MB resident (peak {peak:.0f} MB)", peak < 150))
    return out


def round_figures(run: dict) -> str:
    """A round's req/s, with what may have slowed it: CPU steal from 5% and a worker
    recycled during the round (R)."""
    marks = ["/".join(str(n) for n in run.get("shares", [])) + "%"]
    marks += [f"steal {run['steal']:.0f}%"] if run["steal"] >= 5 else []
    marks += ["R"] if run["recycled"] else []
    return f"{run['rps']:.0f} ({', '.join(m for m in marks if m)})"


def render(results, counts, memory) -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), "?",
    )  # fmt: skip
    lines = [
        "# Benchmark results (generated by `make bench`)",
        "",
        f"Machine: {os.cpu_count()} cores ({model}); {ROUNDS} rounds of {SECONDS}s per endpoint (medians), "
        f"{CONNECTIONS} connections, "
        f"WEB_CONCURRENCY={WORKERS}, GUNICORN_THREADS={THREADS}.",
        "",
        "| size | cache | endpoint | req/s | p50 ms | p99 ms | errors | rps ÷ healthz | p99 ÷ healthz | queries | req/s by round |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]

    def row_order(item):
        (size, mode, name), _r = item
        return size, MODES.index(mode), [n for n, _ in endpoints(size)].index(name)

    rows = sorted(results.items(), key=row_order)
    for (size, mode, name), r in rows:
        base = results[(size, mode, "healthz")]
        path = dict(endpoints(size))[name]
        status, queries = counts[size].get(path, ("-", "-"))
        lines.append(
            f"| {size} | {mode} | {name} | {r['rps']:.0f} | {r['p50']:.1f} | "
            f"{r['p99']:.1f} | {r['errors']} | {r['rps'] / base['rps']:.2f} | "
            f"{r['p99'] / base['p99']:.2f} | {queries} (HTTP {status}) | "
            + " / ".join(round_figures(run) for run in r.get("rounds", []))
            + " |"
        )
    lines += [
        "",
        "By round: req/s, then each worker's share of the CPU the workers used in the round "
        '(most first, e.g. 35/33/32%); "steal N%" is the share of the '
        "machine's CPU the hypervisor gave to other guests during that round (shown from "
        '5%); "R" means gunicorn recycled a worker (max_requests) during it.',
    ]
    lines += ["", "Targets (ratios to /healthz of the same run):", ""]
    lines += [
        f"- {'HOLDS' if ok else 'MISSED'}: {text}" for text, ok in targets(results, counts, memory)
    ]
    lines += ["", "Peak resident memory per worker (MB):", ""]
    for (size, mode), peaks in memory.items():
        lines.append(f"- {size}, cache {mode}: " + ", ".join(f"{p:.0f}" for p in peaks))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
