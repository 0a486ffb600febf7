"""docs/deploy/nginx.conf, installed as written on Debian's nginx, passes `nginx -t`."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIVE = "/etc/letsencrypt/live/hoicho-kcn.example.vn/"


@pytest.mark.skipif(
    shutil.which("nginx") is None or shutil.which("openssl") is None,
    reason="nginx and openssl are not installed (.ci/run installs them)",
)
def test_the_example_nginx_site_is_accepted_by_debians_nginx(tmp_path):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=hoicho-kcn.example.vn", "-keyout", str(tmp_path / "privkey.pem"),
         "-out", str(tmp_path / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (ROOT / "docs/deploy/nginx.conf").read_text().replace(LIVE, f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(
        f"{kind}_temp_path {tmp_path / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'};\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {temp}\n"
        f"uwsgi_temp_path {tmp_path / 'uwsgi'}; scgi_temp_path {tmp_path / 'scgi'};\n"
        f"include {tmp_path / 'site.conf'}; }}\n"
    )

    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
