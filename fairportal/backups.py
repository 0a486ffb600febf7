"""Backups of the database and the uploaded media, and their restore.

PostgreSQL through pg_dump/pg_restore (custom format); SQLite through its online
backup API (safe while the portal runs); media as a tar.gz beside the database.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fairportal.cache import ATTENDANCE, CATALOGUE, public_data_changed

DUMP_PG = "database.pgdump"
DUMP_SQLITE = "database.sqlite3"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, for the board."""


# What failed, as the operator's message opens (the command's language).
FAILED = {
    "backup": gettext_lazy("Sao lưu không thành công"),
    "restore": gettext_lazy("Khôi phục không thành công"),
}


def _run(tool: str, args: list[str], env: dict, doing: str) -> None:
    try:
        subprocess.run([tool, *args], check=True, env=env)
    except FileNotFoundError:
        raise BackupError(
            _("%(failed)s: chưa cài %(tool)s (trên Debian: apt-get install postgresql-client)")
            % {"failed": FAILED[doing], "tool": tool}
        ) from None
    except subprocess.CalledProcessError as error:
        raise BackupError(
            _("%(failed)s: %(tool)s dừng với mã thoát %(status)s (thông báo của nó ở trên)")
            % {"failed": FAILED[doing], "tool": tool, "status": error.returncode}
        ) from None


def _dump_database(output: Path) -> None:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        _run(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-privileges", *_pg_args(db),
             "--file", str(output / DUMP_PG), str(db["NAME"])],
            _pg_env(db), "backup",
        )  # fmt: skip
    else:
        connection.ensure_connection()
        target = sqlite3.connect(output / DUMP_SQLITE)
        with target:
            connection.connection.backup(target)
        target.close()


def backup(output: Path) -> dict:
    """Write database + media + manifest into the folder `output` (created, readable by
    its owner only: it holds visitors' personal data). A backup that fails halfway
    leaves no folder behind (when it made the folder)."""
    made = not output.exists()
    output.mkdir(parents=True, exist_ok=True)
    output.chmod(0o700)
    try:
        _dump_database(output)
    except BackupError as error:
        if made:
            shutil.rmtree(output, ignore_errors=True)
        raise BackupError(
            _("%(error)s; không giữ lại gì trong %(folder)s.") % {"error": error, "folder": output}
        ) from None
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(output / MEDIA, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    manifest = {
        "vendor": connection.vendor,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
    }
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def restore(source: Path, *, database_url: str = "", media_root: Path | None = None) -> dict:
    """Restore a backup folder into `database_url` (default: the configured database).

    Side effects: every cached public page (and the cached current fair) is dropped,
    since the database changed underneath the running portal without a signal."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
        manifest["vendor"], manifest["created_at"]
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError(
            _("%(folder)s không phải thư mục sao lưu (không đọc được manifest.json).")
            % {"folder": source}
        ) from None
    db = dj_database_url.parse(database_url) if database_url else connection.settings_dict
    engine = db["ENGINE"]
    if manifest["vendor"] == "postgresql":
        if "postgresql" not in engine:
            raise BackupError(_("Bản sao lưu PostgreSQL chỉ khôi phục được vào PostgreSQL."))
        _run(
            "pg_restore",
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error",
             *_pg_args(db), "--dbname", str(db["NAME"]), str(source / DUMP_PG)],
            _pg_env(db), "restore",
        )  # fmt: skip
    else:
        if "sqlite3" not in engine:
            raise BackupError(_("Bản sao lưu SQLite chỉ khôi phục được vào SQLite."))
        backup_db = sqlite3.connect(source / DUMP_SQLITE)
        if database_url:
            target = sqlite3.connect(db["NAME"])
        else:
            connection.ensure_connection()
            target = connection.connection
        with target:
            backup_db.backup(target)
        backup_db.close()
        if database_url:
            target.close()
    destination = Path(media_root or settings.MEDIA_ROOT)
    destination.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA, "r:gz") as archive:
        for member in archive.getmembers():
            if member.name == "media":
                continue
            member.name = member.name.removeprefix("media/")
            archive.extract(member, destination, filter="data")
    public_data_changed(CATALOGUE)
    public_data_changed(ATTENDANCE)
    return manifest
