"""The board's management commands answer bad arguments with a message and exit 1."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Fair
from exhibitors.models import Exhibitor
from fairportal.editions import export_edition
from tests.factories import make_booth, make_event, make_exhibitor, make_fair


@pytest.mark.django_db
def test_export_fair_into_a_missing_folder_says_it_cannot_write(tmp_path):
    make_fair(slug="hoi-cho-2027")
    target = tmp_path / "missing" / "hoi-cho-2027.json"

    with pytest.raises(CommandError) as error:
        call_command("export_fair", "hoi-cho-2027", output=str(target))

    assert str(error.value) == (
        f"Cannot write {target}: [Errno 2] No such file or directory: '{target}'"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["", "  "])
def test_create_local_superuser_refuses_an_empty_username(username, settings):
    settings.DEBUG = True

    with pytest.raises(CommandError) as error:
        call_command("create_local_superuser", username=username, stdout=io.StringIO())

    assert str(error.value) == "--username must not be empty."


def _broken(data):
    data["fair"]["starts_on"] = "2027-13-01"


def _no_booth_list(data):
    data["booths"] = None


def _unknown_exhibitor(data):
    data["booths"][0]["exhibitor"] = "khong-co-cong-ty-nay"


def _too_long_name(data):
    data["exhibitors"][0]["name_vi"] = "x" * 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_broken, "Nothing imported: fair starts_on: “2027-13-01”"),
        (_no_booth_list, "Nothing imported: the file is not an edition written by export_fair"),
        (_unknown_exhibitor, "Nothing imported: the file names 'khong-co-cong-ty-nay'"),
        pytest.param(
            _too_long_name,
            "Nothing imported: value too long for type character varying(200)",
            marks=pytest.mark.postgres,  # SQLite does not check the length of a column
        ),
    ],
)
def test_import_fair_of_a_spoilt_file_says_what_is_wrong_and_writes_nothing(
    tmp_path, spoil, message
):
    fair = make_fair(slug="hoi-cho-2027")
    exhibitor = make_exhibitor(slug="canon-viet-nam")
    make_booth(fair=fair, code="A01", exhibitor=exhibitor)
    make_event(fair=fair)
    data = export_edition("hoi-cho-2027")
    fair.delete()  # the database the edition is carried to
    spoil(data)
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), stdout=io.StringIO())

    assert str(error.value).startswith(message)
    assert Fair.objects.count() == 0


@pytest.mark.django_db
def test_import_fair_of_a_json_list_says_it_is_no_edition(tmp_path):
    path = tmp_path / "edition.json"
    path.write_text("[1, 2]", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_fair", str(path), stdout=io.StringIO())

    assert str(error.value) == (
        "Nothing imported: Not an edition file (expected format fairportal.edition/1)."
    )


@pytest.mark.django_db
def test_load_demo_fair_on_the_production_settings_leaves_the_real_fair_alone(settings):
    settings.DEBUG = False
    real = make_fair(slug="hoi-cho-kcn-ha-noi-2027-that", is_current=True)

    with pytest.raises(CommandError) as error:
        call_command("load_demo_fair", "--year", "2027", stdout=io.StringIO())

    assert str(error.value) == (
        "load_demo_fair is for development and demonstrations (DJANGO_DEBUG=1): on this "
        "database it would add its sample companies to the directory and make the demo "
        "the current fair. Add --force to load it anyway."
    )
    assert (list(Fair.objects.values_list("slug", "is_current")), Exhibitor.objects.count()) == (
        [(real.slug, True)],
        0,
    )
