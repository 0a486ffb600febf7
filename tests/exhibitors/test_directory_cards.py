"""The directory's cards are kept as HTML by the fair's index, per language
(fairportal.templatetags.visitor.directory_cards), and its name and booth orders too:
a change to anything a card shows, or to the order, is on the next page at once. The
page cache is off here, so what the directory shows comes from the index and the
database alone."""

import io
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import set_script_prefix

from exhibitors import facet_index as fi
from exhibitors import selectors
from exhibitors.models import Exhibitor
from fairportal.cache import public_data_changed
from fairportal.templatetags.visitor import directory_cards
from tests.factories import make_booth, make_exhibitor, make_fair, make_sector, make_zone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def fair():
    return make_fair(is_current=True)


@pytest.fixture
def firm(fair):
    firm = make_exhibitor(
        name_vi="Cơ khí Đông Anh",
        name_en="Dong Anh Engineering",
        slug="co-khi-dong-anh",
        zone=make_zone(name_vi="KCN Thăng Long", name_en="Thang Long Park"),
        sectors=[make_sector(name_vi="Cơ khí", name_en="Machinery")],
    )
    make_booth(fair=fair, exhibitor=firm, code="A01")
    return firm


def page(client, path="/exhibitors/", **params) -> str:
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_renamed_firm_shows_its_new_name_at_once(client, firm):
    assert "Cơ khí Đông Anh" in page(client)

    firm.name_vi = "Cơ khí chính xác Đông Anh"
    firm.save()

    assert "Cơ khí chính xác Đông Anh" in page(client)


def test_a_name_written_by_update_shows_once_the_service_says_so(client, firm):
    assert "Cơ khí Đông Anh" in page(client)

    Exhibitor.objects.filter(pk=firm.pk).update(name_vi="Cơ khí Mê Linh")
    public_data_changed()  # as the services do after update()

    assert "Cơ khí Mê Linh" in page(client)


def test_a_renamed_zone_and_sector_show_on_the_card(client, firm):
    shown = page(client)
    assert "KCN Thăng Long" in shown and "Cơ khí</li>" in shown

    firm.zone.name_vi = "KCN Nội Bài"
    firm.zone.save()
    sector = firm.sectors.get()
    sector.name_vi = "Cơ khí chế tạo"
    sector.save()

    shown = page(client)
    assert "KCN Nội Bài" in shown and "KCN Thăng Long" not in shown
    assert "Cơ khí chế tạo</li>" in shown


def test_a_booth_moved_shows_its_new_code(client, fair, firm):
    assert ">A01</a>" in page(client)

    booth = firm.booths.get()
    booth.code = "C07"
    booth.save()

    shown = page(client)
    assert ">C07</a>" in shown and ">A01</a>" not in shown


def test_each_language_has_its_own_cards(client, firm):
    assert "Cơ khí Đông Anh" in page(client)
    english = page(client, "/en/exhibitors/")
    assert "Dong Anh Engineering" in english and "Machinery</li>" in english
    assert "Thang Long Park" in english
    again = page(client)
    assert "Cơ khí Đông Anh" in again and "Dong Anh Engineering" not in again


def test_a_new_firm_takes_its_place_in_name_order(client, fair, firm):
    page(client)  # the index keeps the name order

    newcomer = make_exhibitor(name_vi="An Phát", slug="an-phat")
    make_booth(fair=fair, exhibitor=newcomer, code="B02")

    shown = page(client)
    assert shown.index("An Phát") < shown.index("Cơ khí Đông Anh")
    by_booth = page(client, sort="booth")
    assert by_booth.index("Cơ khí Đông Anh") < by_booth.index("An Phát")


def test_an_unpublished_firm_leaves_the_page(client, firm):
    assert "Cơ khí Đông Anh" in page(client)

    firm.is_published = False
    firm.save()

    assert "Cơ khí Đông Anh" not in page(client)


def test_a_firm_gone_since_the_page_read_its_ids_is_left_out(fair, firm):
    """A page's ids read just before the firm was taken off the directory: its card is
    not made, and the others are."""
    other = make_exhibitor(name_vi="Dệt may Sóc Sơn", slug="det-may")
    make_booth(fair=fair, exhibitor=other, code="A02")
    ids = [firm.pk, other.pk]
    Exhibitor.objects.filter(pk=firm.pk).update(is_published=False)

    cards = directory_cards(selectors.ExhibitorPage(ids, fair=fair))

    assert "Dệt may Sóc Sơn" in cards and "Cơ khí Đông Anh" not in cards
    assert cards.count("<li><article") == 1


def test_rebuilt_name_keys_reorder_the_directory_at_once(client, fair):
    """`rebuild_search` writes the name keys with bulk_update, which sends no signal:
    it says the catalogue changed, so the index's name order is read again."""
    first = make_exhibitor(name_vi="An Phát", slug="an-phat")
    second = make_exhibitor(name_vi="Bình Minh", slug="binh-minh")
    make_booth(fair=fair, exhibitor=first, code="A01")
    make_booth(fair=fair, exhibitor=second, code="A02")
    Exhibitor.objects.filter(pk=first.pk).update(name_sort=b"\xff")  # an outdated key
    public_data_changed()
    before = page(client)
    assert before.index("Bình Minh") < before.index("An Phát")

    call_command("rebuild_search", stdout=io.StringIO())

    after = page(client)
    assert after.index("An Phát") < after.index("Bình Minh")


def test_cards_follow_the_script_prefix(client, firm):
    """A portal served under a prefix (SCRIPT_NAME) links its cards under it; the same
    card at the root links at the root."""
    set_script_prefix("/portal/")  # as Django's WSGI handler does from SCRIPT_NAME
    try:
        under = page(client)
    finally:
        set_script_prefix("/")
    assert 'href="/portal/exhibitors/co-khi-dong-anh/"' in under
    assert 'href="/portal/floor-plan/?booth=A01' in under

    plain = page(client)
    assert 'href="/exhibitors/co-khi-dong-anh/"' in plain
    assert 'href="/floor-plan/?booth=A01' in plain


def test_a_request_behind_a_newer_index_builds_its_own_once(client, fair, firm):
    """A request that read its version before a change, while the process already
    keeps the newer index, builds the index of its version once for the whole page:
    its counts, order and cards come from that one."""
    page(client)
    (version, fair_pk), index, _at = fi._kept
    fi._kept = ((version + 1, fair_pk), index, time.monotonic())  # a newer one is kept
    try:
        with CaptureQueriesContext(connection) as seen:
            shown = page(client)
    finally:
        fi._kept = None
    builds = [q for q in seen.captured_queries if 'FROM "exhibitors_industrialzone"' in q["sql"]]
    assert len(builds) == 1
    assert "Cơ khí Đông Anh" in shown
