"""A backup restores into an empty database with the same data, and the media files."""

import sqlite3
import uuid

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from exhibitors.models import Exhibitor, Product
from tests.factories import make_exhibitor, make_product


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
