"""`make run` on another port, for a machine where 8000 is taken."""

import io
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_serves_and_links_on_the_port_given():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8773"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    lines = result.stdout.splitlines()
    assert [line for line in lines if "runserver" in line] == [
        "DJANGO_DEBUG=1 PORTAL_BASE_URL=http://127.0.0.1:8773 .venv/bin/python manage.py "
        "runserver 127.0.0.1:8773"
    ]


@pytest.mark.django_db
def test_the_local_superuser_is_told_the_admin_of_the_portal_it_runs(settings):
    settings.DEBUG = True
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8773"
    out = io.StringIO()

    call_command("create_local_superuser", stdout=out)

    assert "trang quản trị: http://127.0.0.1:8773/admin/)" in out.getvalue()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_serve_without_a_secret_key_refuses_instead_of_inventing_one(tmp_path):
    # An invented key differs between instances and restarts: sign-ins, messages and
    # representatives' invitation links would break behind the load balancer.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        GUNICORN_BIND="127.0.0.1:1",
        WEB_CONCURRENCY="1",
    )
    make = subprocess.Popen(
        ["make", "-s", "serve"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        stdout, _stderr = make.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(make.pid, signal.SIGTERM)  # gunicorn too, which make started
        make.communicate()
        pytest.fail("make serve started without DJANGO_SECRET_KEY")

    assert make.returncode == 2
    assert stdout.splitlines()[0] == (
        "make serve: set DJANGO_SECRET_KEY (the same on every instance), e.g. "
        "DJANGO_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["backup", "restore BACKUP=var/backups/x"])
def test_backup_and_restore_run_without_installing_after_pyproject_changed(target):
    # From cron during the fair: a pip install (the network, a failure) before the
    # backup would be no backup at all. -W: as if pyproject.toml had just changed.
    result = subprocess.run(
        ["make", "-n", "-W", "pyproject.toml", *target.split()],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "pip install" not in result.stdout
    assert "manage.py " + target.split()[0] + "_portal" in result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_backup_without_the_virtualenv_says_to_install_first(tmp_path):
    (tmp_path / "Makefile").write_text((ROOT / "Makefile").read_text())
    (tmp_path / "pyproject.toml").write_text("")

    result = subprocess.run(
        ["make", "-s", "backup"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 2
    assert result.stdout.strip() == "make backup: no .venv/bin here; run make install first"
    assert not (tmp_path / ".venv").exists()
