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
import zlib
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fairportal.cache import ATTENDANCE, CATALOGUE, public_data_changed
from fairportal.management.base import file_problem

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
    try:
        output.mkdir(parents=True, exist_ok=True)
        output.chmod(0o700)
    except OSError as error:
        raise BackupError(
            _("%(failed)s: không ghi được %(folder)s: %(error)s")
            % {"failed": FAILED["backup"], "folder": output, "error": file_problem(error)}
        ) from None
    try:
        _dump_database(output)
        media_root = Path(settings.MEDIA_ROOT)
        with tarfile.open(output / MEDIA, "w:gz") as archive:
            if media_root.exists():
                archive.add(media_root, arcname="media")
        manifest = {
            "vendor": connection.vendor,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        }
        (output / MANIFEST).write_text(json.dumps(manifest, indent=2))
    except (BackupError, OSError, sqlite3.Error) as error:
        if made:
            shutil.rmtree(output, ignore_errors=True)
        if isinstance(error, OSError):  # a full disk, a media file it may not read
            error = _("%(failed)s: %(file)s: %(error)s") % {
                "failed": FAILED["backup"],
                "file": error.filename or output,
                "error": file_problem(error),
            }
        elif isinstance(error, sqlite3.Error):
            error = _("%(failed)s: không chép được cơ sở dữ liệu SQLite vào %(folder)s") % {
                "failed": FAILED["backup"],
                "folder": output,
            }
        raise BackupError(
            _("%(error)s; không giữ lại gì trong %(folder)s.") % {"error": error, "folder": output}
        ) from None
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
    postgres = manifest["vendor"] == "postgresql"
    if postgres and "postgresql" not in engine:
        raise BackupError(_("Bản sao lưu PostgreSQL chỉ khôi phục được vào PostgreSQL."))
    if not postgres and "sqlite3" not in engine:
        raise BackupError(_("Bản sao lưu SQLite chỉ khôi phục được vào SQLite."))
    destination = Path(media_root or settings.MEDIA_ROOT)
    # What could stop the restore halfway is checked before the database is touched: a
    # database restored with the media of the day before would show logos that are gone.
    for name in (DUMP_PG if postgres else DUMP_SQLITE, MEDIA):
        if not (source / name).is_file():
            raise BackupError(
                _(
                    "%(failed)s: %(folder)s thiếu tệp %(file)s (bản sao lưu không đầy đủ); chưa khôi phục gì."
                )
                % {"failed": FAILED["restore"], "folder": source, "file": name}
            )
    media = _media_members(source / MEDIA, destination)
    try:
        destination.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            _("%(failed)s: không ghi được %(folder)s: %(error)s; chưa khôi phục gì.")
            % {"failed": FAILED["restore"], "folder": destination, "error": file_problem(error)}
        ) from None
    if postgres:
        _run(
            "pg_restore",
            # One transaction: a dump that fails halfway (cut short) leaves the database
            # as it was, not dropped and half re-created.
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
             *_pg_args(db), "--dbname", str(db["NAME"]), str(source / DUMP_PG)],
            _pg_env(db), "restore",
        )  # fmt: skip
    else:
        _restore_sqlite(source / DUMP_SQLITE, db["NAME"] if database_url else None)
    with tarfile.open(source / MEDIA, "r:gz") as archive:
        for member in media:
            archive.extract(member, destination, filter="data")
    public_data_changed(CATALOGUE)
    public_data_changed(ATTENDANCE)
    return manifest


def _media_members(archive_path: Path, destination: Path) -> list:
    """The media archive's entries to extract into `destination`, named as there, read
    through once before anything is restored: a damaged archive (cut short by a full
    disk, copied half) is found then, and so is an entry the extraction's safety filter
    would refuse (a link to an absolute path, a device), which would otherwise stop the
    restore after the database was replaced."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()
    except (tarfile.TarError, EOFError, zlib.error, OSError):
        raise BackupError(
            _(
                "%(failed)s: %(file)s không phải tệp nén media hợp lệ (hỏng hoặc bị cắt ngang?); chưa khôi phục gì."
            )
            % {"failed": FAILED["restore"], "file": archive_path}
        ) from None
    kept = []
    for member in members:
        if member.name == "media":
            continue
        member.name = member.name.removeprefix("media/")
        try:
            tarfile.data_filter(member, str(destination))
        except tarfile.FilterError:
            raise BackupError(
                _(
                    "%(failed)s: %(file)s chứa %(name)s, không phải tệp hay thư mục media thường (liên kết ra ngoài hoặc tệp đặc biệt); chưa khôi phục gì."
                )
                % {"failed": FAILED["restore"], "file": archive_path, "name": member.name}
            ) from None
        kept.append(member)
    return kept


def _restore_sqlite(copy: Path, target_name) -> None:
    """Copy the backup's SQLite database into `target_name` (a file), or into the
    portal's own database when None. The copy is opened read-only, so a missing one is
    never created empty and restored over the portal."""
    try:
        # immutable: read as it lies, without the -shm and -wal files SQLite would
        # otherwise make beside a copy of a WAL database (and fail to, on a read-only
        # backup volume).
        backup_db = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        backup_db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        raise BackupError(
            _("%(failed)s: %(file)s không phải cơ sở dữ liệu SQLite; chưa khôi phục gì.")
            % {"failed": FAILED["restore"], "file": copy}
        ) from None
    try:
        if target_name:
            try:
                target = sqlite3.connect(target_name)
                target.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error:
                raise BackupError(
                    _("%(failed)s: không mở được cơ sở dữ liệu %(name)s; chưa khôi phục gì.")
                    % {"failed": FAILED["restore"], "name": target_name}
                ) from None
        else:
            connection.ensure_connection()
            target = connection.connection
        with target:
            backup_db.backup(target)
        if target_name:
            target.close()
    finally:
        backup_db.close()
