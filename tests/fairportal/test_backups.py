"""A backup restores into an empty database with the same data, and the media files."""

import io
import json
import os
import sqlite3
import stat
import tarfile
import uuid

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from events.models import Fair
from exhibitors.models import Exhibitor, Product
from fairportal import backups
from tests.factories import make_exhibitor, make_fair, make_product


def _sample_data():
    canon = make_exhibitor(name_vi="Canon Việt Nam", slug="canon-viet-nam")
    make_product(exhibitor=canon, name_vi="Máy in laser")
    make_product(exhibitor=make_exhibitor(name_vi="Đông Á"), name_vi="Bồn cầu")
    canon.logo.save("logo.png", ContentFile(b"\x89PNG fake bytes for the copy"), save=True)
    return canon


def _rows(cursor):
    cursor.execute("SELECT name_vi FROM exhibitors_exhibitor ORDER BY name_vi")
    names = [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT COUNT(*) FROM exhibitors_product")
    return names, cursor.fetchone()[0]


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_empty_sqlite_file(tmp_path):
    canon = _sample_data()
    call_command("backup_portal", output=str(tmp_path / "bk"), stdout=open("/dev/null", "w"))

    target = tmp_path / "restored.sqlite3"
    call_command(
        "restore_portal", str(tmp_path / "bk"), database_url=f"sqlite:///{target}",
        media_root=str(tmp_path / "media-restored"), stdout=open("/dev/null", "w"),
    )  # fmt: skip

    with sqlite3.connect(target) as restored:
        assert _rows(restored.cursor()) == (["Canon Việt Nam", "Đông Á"], 2)
    assert (tmp_path / "media-restored" / canon.logo.name).read_bytes() == canon.logo.read()
    assert (Exhibitor.objects.count(), Product.objects.count()) == (2, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_empty_postgres_database(tmp_path):
    canon = _sample_data()
    call_command("backup_portal", output=str(tmp_path / "bk"), stdout=open("/dev/null", "w"))
    name = f"restore_{uuid.uuid4().hex[:8]}"
    settings_dict = connection.settings_dict
    admin = psycopg2.connect(
        dbname="postgres", user=settings_dict["USER"] or None,
        host=settings_dict["HOST"] or None, port=settings_dict["PORT"] or None,
    )  # fmt: skip
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{name}"
        call_command(
            "restore_portal", str(tmp_path / "bk"), database_url=url,
            media_root=str(tmp_path / "media-restored"), stdout=open("/dev/null", "w"),
        )  # fmt: skip
        restored = psycopg2.connect(
            dbname=name, user=settings_dict["USER"] or None,
            host=settings_dict["HOST"] or None, port=settings_dict["PORT"] or None,
        )  # fmt: skip
        with restored, restored.cursor() as cursor:
            assert _rows(cursor) == (["Canon Việt Nam", "Đông Á"], 2)
        restored.close()
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    assert (tmp_path / "media-restored" / canon.logo.name).read_bytes() == canon.logo.read()


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_pages_cached_before_a_restore_are_not_served_after_it(tmp_path, client):
    """A restore writes the database underneath the portal, sending no signal: the
    cached pages (and the cached current fair) must be dropped, or the running portal
    shows the data from before the restore for up to an hour."""
    fair = make_fair(name_vi="Hội chợ trước khi khôi phục")
    assert "Hội chợ trước khi khôi phục" in client.get("/").content.decode()
    call_command("backup_portal", output=str(tmp_path / "bk"), stdout=io.StringIO())
    Fair.objects.filter(pk=fair.pk).update(name_vi="Hội chợ như trong bản sao lưu")

    call_command(
        "restore_portal", str(tmp_path / "bk"), database_url=f"sqlite:///{tmp_path / 'r.db'}",
        media_root=str(tmp_path / "media"), stdout=io.StringIO(),
    )  # fmt: skip

    assert "Hội chợ như trong bản sao lưu" in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_backup_folder_is_readable_by_its_owner_only(tmp_path):
    call_command("backup_portal", output=str(tmp_path / "bk"), stdout=io.StringIO())

    assert stat.S_IMODE((tmp_path / "bk").stat().st_mode) == 0o700


@pytest.mark.django_db(transaction=True)
def test_a_backup_whose_dump_fails_says_so_and_leaves_no_half_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(backups, "_dump_database", _failing_dump)

    with pytest.raises(CommandError) as error:
        call_command("backup_portal", output=str(tmp_path / "bk"), stdout=io.StringIO())

    assert str(error.value) == (
        "Sao lưu không thành công: pg_dump dừng với mã thoát 1 (thông báo của nó ở trên); "
        f"không giữ lại gì trong {tmp_path / 'bk'}."
    )
    assert (tmp_path / "bk").exists() is False


def _failing_dump(output):
    # pg_dump refusing its arguments, as it refuses a database it cannot reach.
    backups._run("pg_dump", ["--no-such-option"], dict(os.environ), "backup")


@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_tool_fails_says_so(tmp_path, monkeypatch):
    call_command("backup_portal", output=str(tmp_path / "bk"), stdout=io.StringIO())
    manifest = tmp_path / "bk" / "manifest.json"
    manifest.write_text(json.dumps({"vendor": "postgresql", "created_at": "2027-09-19"}))
    (tmp_path / "bk" / "database.pgdump").touch()  # a PostgreSQL backup's file, on SQLite too

    with pytest.raises(CommandError) as error:
        call_command(
            "restore_portal", str(tmp_path / "bk"),
            database_url="postgres://fair@127.0.0.1:1/fair", stdout=io.StringIO(),
        )  # fmt: skip

    assert str(error.value).startswith("Khôi phục không thành công: pg_restore dừng với mã thoát")


@pytest.mark.django_db(transaction=True)
def test_a_folder_with_a_broken_manifest_is_named_as_no_backup(tmp_path):
    (tmp_path / "manifest.json").write_text('{"vendor": "sqlite"')

    with pytest.raises(CommandError) as error:
        call_command("restore_portal", str(tmp_path), stdout=io.StringIO())

    assert str(error.value) == (
        f"{tmp_path} không phải thư mục sao lưu (không đọc được manifest.json)."
    )


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_say_what_they_did_in_vietnamese(tmp_path):
    said_backup, said_restore = io.StringIO(), io.StringIO()
    call_command("backup_portal", output=str(tmp_path / "bk"), stdout=said_backup)
    manifest = tmp_path / "bk" / "manifest.json"
    manifest.write_text(json.dumps({"vendor": "sqlite", "created_at": "2027-09-19T16:00:00+00:00"}))

    call_command(
        "restore_portal", str(tmp_path / "bk"), database_url=f"sqlite:///{tmp_path / 'r.db'}",
        media_root=str(tmp_path / "media"), stdout=said_restore,
    )  # fmt: skip

    assert said_backup.getvalue() == (
        f"Đã sao lưu cơ sở dữ liệu sqlite và các tệp media vào {tmp_path / 'bk'}\n"
    )
    assert said_restore.getvalue() == "Đã khôi phục bản sao lưu sqlite tạo lúc 19/09/2027 23:00.\n"


@pytest.mark.django_db(transaction=True)
def test_restore_of_a_folder_without_manifest_says_so_in_the_operators_language(tmp_path):
    with translation.override("en"), pytest.raises(CommandError) as english:
        call_command("restore_portal", str(tmp_path), stdout=io.StringIO())
    with pytest.raises(CommandError) as vietnamese:
        call_command("restore_portal", str(tmp_path), stdout=io.StringIO())

    assert str(english.value) == f"{tmp_path} is not a backup folder (no manifest.json)."
    assert str(vietnamese.value) == (
        f"{tmp_path} không phải thư mục sao lưu (không có manifest.json)."
    )


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("backup_portal", ["Sao lưu cơ sở dữ liệu", "Thư mục để ghi"]),
        ("restore_portal", ["Khôi phục một thư mục sao lưu", "Khôi phục media vào thư mục này"]),
    ],
)
def test_backup_and_restore_help_speaks_vietnamese_as_the_other_commands(capsys, command, says):
    with pytest.raises(SystemExit):
        call_command(command, "--help")

    text = capsys.readouterr().out
    assert [phrase in text for phrase in says] == [True, True]
    assert "Back up the database" not in text and "Restore a backup" not in text


# --- a folder or a file the commands cannot use: the path named, in words -----------


@pytest.mark.django_db(transaction=True)
def test_a_backup_into_a_folder_that_is_a_file_names_the_file(tmp_path):
    (tmp_path / "sao-luu").write_text("một tệp, không phải thư mục")
    output = tmp_path / "sao-luu" / "20270919"

    with pytest.raises(CommandError) as error:
        call_command("backup_portal", output=str(output), stdout=io.StringIO())

    assert str(error.value) == (
        f"Sao lưu không thành công: không ghi được {output}: {tmp_path / 'sao-luu'} là một "
        "tệp, không phải thư mục"
    )


@pytest.mark.django_db(transaction=True)
def test_a_backup_into_a_folder_that_is_a_file_says_so_in_english(tmp_path):
    (tmp_path / "backups").write_text("a file, not a folder")
    output = tmp_path / "backups" / "20270919"

    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("backup_portal", output=str(output), stdout=io.StringIO())

    assert str(error.value) == (
        f"The backup failed: cannot write {output}: {tmp_path / 'backups'} is a file, not a folder"
    )


def _sqlite_backup(tmp_path):
    folder = tmp_path / "bk"
    call_command("backup_portal", output=str(folder), stdout=io.StringIO())
    manifest = {"vendor": "sqlite", "created_at": "2027-09-19T16:00:00+00:00"}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def _restore(folder, target, media):
    call_command(
        "restore_portal", str(folder), database_url=f"sqlite:///{target}",
        media_root=str(media), stdout=io.StringIO(),
    )  # fmt: skip


def _a_database_holding(path, name):
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE kept (name TEXT)")
        database.execute("INSERT INTO kept VALUES (?)", (name,))
    database.close()


def _kept(path):
    with sqlite3.connect(path) as database:
        rows = database.execute("SELECT name FROM kept").fetchall()
    database.close()
    return rows


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_restore_from_a_folder_without_its_database_says_so_and_changes_nothing(tmp_path):
    folder = _sqlite_backup(tmp_path)
    (folder / "database.sqlite3").unlink()
    target = tmp_path / "portal.sqlite3"
    _a_database_holding(target, "Canon Việt Nam")

    with pytest.raises(CommandError) as error:
        _restore(folder, target, tmp_path / "media")

    assert str(error.value) == (
        f"Khôi phục không thành công: {folder} thiếu tệp database.sqlite3 (bản sao lưu "
        "không đầy đủ); chưa khôi phục gì."
    )
    assert _kept(target) == [("Canon Việt Nam",)]
    assert (folder / "database.sqlite3").exists() is False


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_media_archive_is_broken_says_so_and_changes_nothing(tmp_path):
    folder = _sqlite_backup(tmp_path)
    (folder / "media.tar.gz").write_bytes(b"not a gzip file")
    target = tmp_path / "portal.sqlite3"
    _a_database_holding(target, "Canon Việt Nam")

    with pytest.raises(CommandError) as error:
        _restore(folder, target, tmp_path / "media")

    assert str(error.value) == (
        f"Khôi phục không thành công: {folder / 'media.tar.gz'} không phải tệp nén media "
        "hợp lệ (hỏng hoặc bị cắt ngang?); chưa khôi phục gì."
    )
    assert _kept(target) == [("Canon Việt Nam",)]


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_database_copy_is_not_a_database_says_so(tmp_path):
    folder = _sqlite_backup(tmp_path)
    (folder / "database.sqlite3").write_bytes(b"not a database" * 100)
    target = tmp_path / "portal.sqlite3"
    _a_database_holding(target, "Canon Việt Nam")

    with pytest.raises(CommandError) as error:
        _restore(folder, target, tmp_path / "media")

    assert str(error.value) == (
        f"Khôi phục không thành công: {folder / 'database.sqlite3'} không phải cơ sở dữ "
        "liệu SQLite; chưa khôi phục gì."
    )
    assert _kept(target) == [("Canon Việt Nam",)]


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_restore_into_a_database_in_a_missing_folder_names_it(tmp_path):
    folder = _sqlite_backup(tmp_path)
    target = tmp_path / "khong-co" / "portal.sqlite3"

    with pytest.raises(CommandError) as error:
        _restore(folder, target, tmp_path / "media")

    assert str(error.value) == (
        f"Khôi phục không thành công: không mở được cơ sở dữ liệu {target}; chưa khôi phục gì."
    )


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_restore_into_a_media_folder_that_is_a_file_says_so_and_changes_nothing(tmp_path):
    folder = _sqlite_backup(tmp_path)
    target = tmp_path / "portal.sqlite3"
    _a_database_holding(target, "Canon Việt Nam")
    (tmp_path / "media").write_text("một tệp, không phải thư mục")

    with pytest.raises(CommandError) as error:
        _restore(folder, target, tmp_path / "media" / "uploads")

    assert str(error.value) == (
        f"Khôi phục không thành công: không ghi được {tmp_path / 'media' / 'uploads'}: "
        f"{tmp_path / 'media'} là một tệp, không phải thư mục; chưa khôi phục gì."
    )
    assert _kept(target) == [("Canon Việt Nam",)]


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_media_hold_a_link_outside_is_refused_before_the_database(tmp_path):
    # A link to an absolute path in MEDIA_ROOT goes into the archive as a link; the
    # extraction's safety filter refuses it. Found only after the database was
    # replaced, it left the portal with today's database and no logos.
    folder = _sqlite_backup(tmp_path)
    link = tarfile.TarInfo("media/logos/link.png")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/hostname"
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        archive.addfile(link)
    target = tmp_path / "portal.sqlite3"
    _a_database_holding(target, "Canon Việt Nam")

    with pytest.raises(CommandError) as error:
        _restore(folder, target, tmp_path / "media")

    assert str(error.value) == (
        f"Khôi phục không thành công: {folder / 'media.tar.gz'} chứa logos/link.png, không "
        "phải tệp hay thư mục media thường (liên kết ra ngoài hoặc tệp đặc biệt); chưa khôi "
        "phục gì."
    )
    assert _kept(target) == [("Canon Việt Nam",)]


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_a_restore_reads_a_wal_database_copy_without_writing_beside_it(tmp_path):
    # The portal's SQLite runs in WAL mode, so its copy is marked WAL: opened plainly,
    # even read-only, SQLite makes -shm and -wal files beside it, which a read-only
    # backup volume refuses (and a writable one keeps, in the backup folder).
    folder = _sqlite_backup(tmp_path)
    copy = sqlite3.connect(folder / "database.sqlite3")
    copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    target = tmp_path / "portal.sqlite3"
    _a_database_holding(target, "Canon Việt Nam")

    _restore(folder, target, tmp_path / "media")

    assert sorted(p.name for p in folder.iterdir()) == [
        "database.sqlite3", "manifest.json", "media.tar.gz"
    ]  # fmt: skip
    with sqlite3.connect(target) as restored:
        assert restored.execute("SELECT count(*) FROM exhibitors_exhibitor").fetchone()[0] >= 0
    restored.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_postgres_restore_that_fails_halfway_leaves_the_database_as_it_was(tmp_path):
    # pg_restore --clean drops the tables, then makes them again and loads their rows;
    # statement by statement, a failure halfway (here a view of the operator's that
    # holds on to a table the dump drops late) left the tables dropped before it gone.
    _sample_data()
    call_command("backup_portal", output=str(tmp_path / "bk"), stdout=open("/dev/null", "w"))
    name = f"restore_{uuid.uuid4().hex[:8]}"
    settings_dict = connection.settings_dict
    credentials = {
        "user": settings_dict["USER"] or None,
        "host": settings_dict["HOST"] or None,
        "port": settings_dict["PORT"] or None,
    }
    admin = psycopg2.connect(dbname="postgres", **credentials)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{name}"
    )
    restore = {"database_url": url, "media_root": str(tmp_path / "m"), "stdout": io.StringIO()}
    tables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
    try:
        call_command("restore_portal", str(tmp_path / "bk"), **restore)
        target = psycopg2.connect(dbname=name, **credentials)
        with target, target.cursor() as cursor:
            cursor.execute("CREATE VIEW operators_view AS SELECT * FROM auth_group")
            cursor.execute(tables)
            before = cursor.fetchone()[0]

        with pytest.raises(CommandError):
            call_command("restore_portal", str(tmp_path / "bk"), **restore)

        with target, target.cursor() as cursor:
            cursor.execute(tables)
            assert cursor.fetchone()[0] == before
            assert _rows(cursor) == (["Canon Việt Nam", "Đông Á"], 2)
        target.close()
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
