"""Fixtures of the API tests: a current fair with exhibitors holding booths in it."""

import pytest

from tests.factories import make_booth, make_exhibitor, make_fair


@pytest.fixture
def fair(db):
    return make_fair(slug="hoi-cho-2024", is_current=True)


@pytest.fixture
def exhibit(fair):
    """Make a published exhibitor with a booth in `fair` (or the fair given)."""

    def make(*, code=None, in_fair=None, booth_kind="standard", **kwargs):
        exhibitor = make_exhibitor(**kwargs)
        booth_kwargs = {"fair": in_fair or fair, "exhibitor": exhibitor, "kind": booth_kind}
        if code:
            booth_kwargs["code"] = code
        make_booth(**booth_kwargs)
        return exhibitor

    return make
