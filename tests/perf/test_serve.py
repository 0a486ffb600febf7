"""`make serve` smoke test: gunicorn on the production settings answers and serves static
files with hashed names and far-future cache headers."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.mark.parametrize(
    ("threads", "worker"),
    # The default, four threads: gunicorn's gthread worker, which keeps connections
    # alive. One thread: the sync worker, which takes a connection only when free.
    [(None, "gthread"), ("1", "sync")],
    ids=["default-gthread", "one-thread-sync"],
)
def test_serve_answers_readyz_and_hashed_static_files(tmp_path, threads, worker):
    port = _free_port()
    env = {
        **os.environ,
        # The same variables `make serve` sets (Makefile SERVE_ENV), on a scratch database.
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    env.pop("GUNICORN_THREADS", None)
    if threads:
        env["GUNICORN_THREADS"] = threads
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True, timeout=180,
    )  # fmt: skip
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed_css = manifest["paths"]["css/site.css"]
    assert hashed_css != "css/site.css"

    process = subprocess.Popen(
        [str(GUNICORN), "-c", "fairportal/gunicorn_conf.py"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        status = None
        for _ in range(120):
            try:
                status, _headers = _get(f"http://127.0.0.1:{port}/readyz")
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()[-2000:]
                time.sleep(0.25)
        assert status == 200

        status, headers = _get(f"http://127.0.0.1:{port}/static/{hashed_css}")
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert "max-age=315360000" in headers["Cache-Control"]
        assert "immutable" in headers["Cache-Control"]
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    assert f"Using worker: {worker}" in process.stderr.read().decode()
