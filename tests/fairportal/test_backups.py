"""A backup restores into an empty database with the same data, and the media files."""

import io
import json
import os
import sqlite3
import stat
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
