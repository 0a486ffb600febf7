"""The board's management commands answer bad arguments with a message and exit 1."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_fair


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
