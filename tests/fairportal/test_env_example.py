""".env.example, copied to .env, loads as written: by a shell (`set -a; . ./.env`, as
the cron lines do) and by systemd's EnvironmentFile= (no comments after values)."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_env_example_loads_in_a_shell_with_every_value_whole():
    result = subprocess.run(
        ["sh", "-c", "set -a; . ./.env.example; set +a; env -0"],
        cwd=ROOT, capture_output=True, text=True, timeout=30, env={"PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    env = dict(item.split("=", 1) for item in result.stdout.split("\0") if "=" in item)

    assert (result.returncode, result.stderr) == (0, "")
    assert env["DJANGO_DEFAULT_FROM_EMAIL"] == "Hội chợ KCN Hà Nội <no-reply@hoicho.example.vn>"
    assert env["DATABASE_URL"] == "postgres://fair:secret@127.0.0.1:5432/fair"
    assert env["DJANGO_DEBUG"] == "0"


def test_env_example_has_no_comment_after_a_value():
    lines = (ROOT / ".env.example").read_text().splitlines()

    assert [line for line in lines if not line.startswith("#") and "#" in line] == []
