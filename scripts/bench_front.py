"""`make bench-front`: gunicorn's workers behind nginx, the way production serves.

`make bench` times gunicorn alone. This times what a fair-day visitor reaches: Debian's
nginx on 127.0.0.1 (upstream keepalive 32, as docs/deploy/nginx.conf) in front of one
`make serve` instance on the bench's 500-exhibitor edition (built by `make bench`),
with wrk's FRONT_CONNECTIONS (64) connections to nginx. Each worker setting in
FRONT_WORKERS is started afresh FRONT_TRIALS times (its first round is the one with
new connections), and each trial times every path of FRONT_PATHS for FRONT_ROUNDS rounds
of FRONT_SECONDS. For each round it prints req/s, p99, how nginx's connections to
gunicorn were shared among the workers half-way through, and each worker's share of
the CPU the workers used; then the medians per setting and path.

FRONT_WORKERS: comma-separated gunicorn worker classes, "sync" or "gthread" (default
both); WEB_CONCURRENCY (default 2 × cores + 1) and GUNICORN_THREADS for gthread
(default 4, the earlier default). FRONT_CACHED=0 turns the page cache off.
"""

import os
import re
import statistics
import subprocess
import time
import urllib.request

import bench

ROOT = bench.ROOT
GUNICORN_PORT, NGINX_PORT = 8393, 8394
RUN_DIR = ROOT / "var" / "bench-front"
SIZE = 500
WORKERS = os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1))
GTHREAD_THREADS = os.environ.get("GUNICORN_THREADS", "4")
KINDS = os.environ.get("FRONT_WORKERS", "gthread,sync").split(",")
PATHS = os.environ.get("FRONT_PATHS", "/exhibitors/,/healthz").split(",")
CONNECTIONS = int(os.environ.get("FRONT_CONNECTIONS", "64"))
SECONDS = int(os.environ.get("FRONT_SECONDS", "5"))
TRIALS = int(os.environ.get("FRONT_TRIALS", "4"))
ROUNDS = int(os.environ.get("FRONT_ROUNDS", "2"))
CACHED = os.environ.get("FRONT_CACHED", "1") == "1"

NGINX_CONF = """
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {run}/body;
  proxy_temp_path {run}/proxy;
  fastcgi_temp_path {run}/fastcgi;
  uwsgi_temp_path {run}/uwsgi;
  scgi_temp_path {run}/scgi;
  upstream portal {{
    server 127.0.0.1:{gunicorn};
    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{nginx};
    location / {{
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}
  }}
}}
"""


def start(kind: str, url: str) -> subprocess.Popen:
    env = {
        **bench.server_env(url, CACHED),
        "GUNICORN_BIND": f"127.0.0.1:{GUNICORN_PORT}",
        "WEB_CONCURRENCY": WORKERS,
        "GUNICORN_THREADS": "1" if kind == "sync" else GTHREAD_THREADS,
    }
    process = subprocess.Popen(
        [bench.GUNICORN, "-c", "fairportal/gunicorn_conf.py"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for(f"http://127.0.0.1:{GUNICORN_PORT}/readyz")
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    conf = RUN_DIR / "nginx.conf"
    conf.write_text(NGINX_CONF.format(run=RUN_DIR, gunicorn=GUNICORN_PORT, nginx=NGINX_PORT))
    subprocess.run(["nginx", "-q", "-c", str(conf), "-p", str(RUN_DIR)], check=True)
    for path in PATHS:  # warm, and fill the cache
        wait_for(f"http://127.0.0.1:{NGINX_PORT}{path}")
        urllib.request.urlopen(f"http://127.0.0.1:{NGINX_PORT}{path}", timeout=30).read()
    return process


def wait_for(url: str) -> None:
    for _ in range(60):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer 200")


def stop(process: subprocess.Popen) -> None:
    conf = RUN_DIR / "nginx.conf"
    subprocess.run(["nginx", "-q", "-c", str(conf), "-p", str(RUN_DIR), "-s", "stop"])
    process.terminate()
    process.wait(timeout=30)
    time.sleep(1)


def connections_by_worker(workers: list[str]) -> list[int]:
    out = subprocess.run(
        ["ss", "-Htnp", "state", "established", f"( sport = :{GUNICORN_PORT} )"],
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    owners = re.findall(r"pid=(\d+)", out)
    return sorted((owners.count(pid) for pid in workers), reverse=True)


def one_round(master: subprocess.Popen, path: str) -> dict:
    workers = bench.worker_pids(master.pid)
    worked = {pid: bench.worker_cpu(pid) for pid in workers}
    wrk = subprocess.Popen(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency",
         "-H", "Accept-Encoding: gzip", "--timeout", "10s", f"http://127.0.0.1:{NGINX_PORT}{path}"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(SECONDS / 2)
    connections = connections_by_worker(workers)
    out, _ = wrk.communicate()
    used = [max(bench.worker_cpu(pid) - before, 0) for pid, before in worked.items()]
    match = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", out, re.M)
    p99 = float(match.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[match.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99": p99,
        "errors": int(non2xx.group(1)) if non2xx else 0,
        "connections": connections,
        "cpu": sorted((round(100 * u / max(sum(used), 1)) for u in used), reverse=True),
    }


def main() -> int:
    url = bench.prepare(SIZE)
    results = {(kind, path): [] for kind in KINDS for path in PATHS}
    for trial in range(TRIALS):
        for kind in KINDS:
            master = start(kind, url)
            try:
                for round_ in range(ROUNDS):
                    for path in PATHS:
                        run = one_round(master, path)
                        results[(kind, path)].append(run)
                        print(trial, round_, kind, path, run, flush=True)
            finally:
                stop(master)
    print(f"\n{WORKERS} workers, cache {'on' if CACHED else 'off'}, {CONNECTIONS} connections")
    for (kind, path), runs in results.items():
        rps = [r["rps"] for r in runs]
        print(
            f"{kind:8} {path:40} req/s median {statistics.median(rps):.0f} "
            f"({min(rps):.0f}-{max(rps):.0f}), p99 median "
            f"{statistics.median(r['p99'] for r in runs):.0f} ms "
            f"({min(r['p99'] for r in runs):.0f}-{max(r['p99'] for r in runs):.0f}), "
            f"errors {sum(r['errors'] for r in runs)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
