"""The directory's facet index (exhibitors/facet_index.py) gives the counts the
directory's own SQL filter gives, on random data with sub-sectors, firms in no zone,
several booths, booths of another fair and unpublished firms; every write path that
changes what it holds moves the catalogue version, so the index is built again; and
the pages count on it with no fair at all."""

import itertools
import random

import pytest

from exhibitors import facet_index as fi
from exhibitors import selectors
from tests.factories import make_booth, make_exhibitor, make_fair, make_sector, make_zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    rng = random.Random(7)
    fair = make_fair(is_current=True)
    other = make_fair(is_current=False)
    a = make_sector(slug="a")
    a1 = make_sector(slug="a1", parent=a)
    a2 = make_sector(slug="a2", parent=a)
    b = make_sector(slug="b")
    make_sector(slug="empty")
    sectors = [a, a1, a2, b]
    zones = [make_zone(slug="z0"), make_zone(slug="z1"), None]
    names = ["Điện tử", "Cơ khí chính xác", "Linh kiện điện tử", "Dệt may"]
    for n in range(36):
        firm = make_exhibitor(
            name_vi=f"{rng.choice(names)} {n}",
            slug=f"f{n}",
            zone=rng.choice(zones),
            origin_country=rng.choice(["VN", "JP", "KR", "DE"]),
            sectors=rng.sample(sectors, rng.randint(0, 3)),
            is_published=n % 11 != 0,
        )
        if n % 7 != 0:
            make_booth(fair=fair, exhibitor=firm, code=f"A{n:02d}")
            if n % 4 == 0:
                make_booth(fair=fair, exhibitor=firm, code=f"B{n:02d}")
        if n % 5 == 0:
            make_booth(fair=other, exhibitor=firm, code=f"O{n:02d}")
    return fair


def _count(fair, **filters):
    return selectors.directory(fair=fair, **filters).count()


QUERIES = [
    ("", False),
    ("dien tu", False),
    ("dien tu", True),
    ("linh kien nhat ban", False),
    ("japan", False),
    ("co khi", True),
]
SECTORS = [(), ("a",), ("a1",), ("a", "a1"), ("a2", "b"), ("empty",)]
ZONES = ["", "z0", "z1"]
COUNTRIES = [(), ("VN",), ("JP", "KR"), ("FR",)]


@pytest.mark.parametrize(("q", "phrase"), QUERIES)
def test_facets_equal_the_directory_sql(fair, q, phrase):
    for sectors, zone, countries in itertools.product(SECTORS, ZONES, COUNTRIES):
        f = {"q": q, "phrase": phrase, "sectors": sectors, "zone": zone, "countries": countries}
        facets = selectors.directory_facets(fair=fair, **f)
        assert facets["count"] == _count(fair, **f), f
        for o in facets["zones"]:
            assert o["count"] == _count(fair, **{**f, "zone": o["value"]}), (f, o)
        for o in facets["countries"]:
            assert o["count"] == _count(fair, **{**f, "countries": (o["value"],)}), (f, o)
        for o in facets["sectors"]:
            assert o["count"] == _count(fair, **{**f, "sectors": (o["value"],)}), (f, o)


def test_entry_points_equal_the_directory_sql(fair):
    for s in selectors.sector_entry_points(fair=fair):
        assert s.count == _count(fair, sectors=(s.slug,)), s.slug


def _fresh(fair):
    kept, built = fi.facet_index(fair), fi._build(fair)
    return (kept.everyone, kept.by_zone, kept.by_country, kept.by_sector) == (
        built.everyone,
        built.by_zone,
        built.by_country,
        built.by_sector,
    )


def test_write_paths_move_the_version(fair, settings):
    from booths import services
    from booths.models import Booth
    from exhibitors.models import Exhibitor, Sector
    from exhibitors.services import update_exhibitor_profile
    from tests.factories import make_user

    settings.PUBLIC_CACHE_SECONDS = 0
    actor = make_user(is_staff=True, is_superuser=True)
    steps = []

    def check(label):
        steps.append((label, _fresh(fair)))

    check("start")
    free = make_booth(fair=fair, code="N01")
    check("booth created")
    newcomer = make_exhibitor(slug="new", zone=None, origin_country="FR")
    check("firm created")
    services.assign_booth(booth=free, exhibitor=newcomer, actor=actor)
    check("assign_booth")
    a, b = Booth.objects.filter(fair=fair, exhibitor__isnull=False).exclude(exhibitor=newcomer)[:2]
    services.swap_booths(booth_a=a, booth_b=Booth.objects.get(pk=free.pk), actor=actor)
    check("swap_booths")
    held = list(Booth.objects.filter(fair=fair, exhibitor=newcomer))
    services.release_booths(booths=held, actor=actor)
    check("release_booths")
    spare = make_booth(fair=fair, code="N02")
    mover = Booth.objects.get(pk=b.pk).exhibitor
    services.move_exhibitor(
        exhibitor=mover,
        from_booths=list(Booth.objects.filter(fair=fair, exhibitor=mover)),
        to_booths=[spare],
        actor=actor,
    )
    check("move_exhibitor")
    firm = Exhibitor.objects.get(slug="f1")
    update_exhibitor_profile(
        exhibitor=firm, data={"sectors": [Sector.objects.get(slug="b")]}, actor=actor
    )
    check("profile sectors")
    child = Sector.objects.get(slug="a1")
    child.parent = Sector.objects.get(slug="b")
    child.save()
    check("re-parent")
    Exhibitor.objects.filter(slug="f2").first().sectors.clear()
    check("sectors.clear")
    Exhibitor.objects.filter(pk=firm.pk).first().delete() if not Booth.objects.filter(
        exhibitor=firm
    ).exists() else None
    Sector.objects.get(slug="a2").delete()
    check("sector deleted")
    moved = Booth.objects.filter(fair=fair, exhibitor__isnull=False).first()
    moved.fair = make_fair(is_current=False)
    moved.save()
    check("booth moved to another fair")
    Booth.objects.filter(fair=fair, exhibitor__isnull=False).first().delete()
    check("booth deleted")
    Booth.objects.filter(fair=fair, exhibitor__isnull=False).delete()
    check("booths deleted as a queryset")
    check("end")
    assert [label for label, ok in steps if not ok] == []


@pytest.mark.parametrize("page_cache", [0, 600])
def test_pages_without_any_fair(client, settings, page_cache):
    settings.PUBLIC_CACHE_SECONDS = page_cache
    make_sector(slug="s"), make_zone(slug="z")
    for url in (
        "/",
        "/exhibitors/",
        "/exhibitors/?zone=z&sector=s&q=dien+tu&country=JP",
        "/products/?zone=z",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(("q", "phrase"), QUERIES)
@pytest.mark.parametrize("sort", ["name", "booth", "relevance"])
@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("read_once", [False, True], ids=["", "read-once"])
def test_listed_ids_equal_the_directory_sql(fair, q, phrase, sort, language, read_once):
    """The ids a directory page lists, in order (the index's name and booth orders
    filtered by the facets' set, or by best match the firms found, read once for the
    reach, the facets and the page as the view does, or by each), are the SQL's; and
    so are the reach and the facets' counts on the firms read once."""
    searched = matches = None
    if read_once and q:
        matches = selectors.search_matches(fair=fair, q=q, language=language)
        searched = [
            pk for pk, in_words, in_phrase in matches if (in_phrase if phrase else in_words)
        ]
    for sectors, zone, countries in itertools.product(SECTORS, ZONES, COUNTRIES):
        f = {"q": q, "phrase": phrase, "sectors": sectors, "zone": zone, "countries": countries}
        if matches is not None:  # the reach counted on the matches read once, and by SQL
            filters = {"sectors": sectors, "zone": zone, "countries": countries}
            on_index = selectors.search_reach(fair, q, matches=matches, **filters)
            assert on_index == selectors.search_reach(fair, q, **filters), f
        facets = selectors.directory_facets(fair=fair, searched=searched, **f)
        assert facets == selectors.directory_facets(fair=fair, **f)
        listed = selectors.directory_page_ids(
            facets=facets, fair=fair, sort=sort, language=language, searched=searched, **f
        )
        expected = selectors.directory(fair=fair, sort=sort, language=language, **f)
        assert list(listed) == [e.pk for e in expected], (sort, language, f)


def test_a_plural_phrase_lists_what_the_sql_phrase_lists(client):
    """On the English side a phrase's last word may be the singular of the one typed,
    starting a longer word: "high techs" holds "high technology", which the words alone
    ("techs", or "tech" whole) do not find. The page lists the phrase's firms as the
    SQL finds them, and says how many."""
    fair = make_fair(is_current=True)
    texts = ["Maker of high tech sensors.", "High technology camera modules."]
    for n, text in enumerate(texts):
        firm = make_exhibitor(slug=f"f{n}", description_en=text)
        make_booth(fair=fair, exhibitor=firm, code=f"A{n:02d}")
    expected = selectors.directory(fair=fair, q="high techs", phrase=True, sort="relevance")

    response = client.get("/exhibitors/", {"q": "high techs"})

    assert len(expected) == 2
    assert [e.pk for e in response.context["exhibitors"]] == [e.pk for e in expected]
    assert "Tìm thấy 2 doanh nghiệp" in response.content.decode()


VI_PARTS = ["điện tử", "linh kiện điện tử", "phụ tùng", "camera", "máy in", "tủ điện", "dệt may"]
EN_PARTS = ["electronic parts", "spare part", "high technology", "cameras", "printers", ""]
SEARCHES = [
    "dien tu",
    "linh kien dien tu",
    "tu dien",
    "spare parts",
    "high techs",
    "camera",
    "cameras",
    "part",
    "nhat ban",
    "dien tu nhat ban",
    "camera han quoc",
    "korean japanese cameras",
    "electronics japan",
    "phu tung duc",
    "x%_y",
    "khong co dau",
    "d",
]


@pytest.fixture
def texts_fair():
    """Firms whose texts hold the searches' words in both languages, in several orders,
    from several countries, some in the fair and some not."""
    rng = random.Random(11)
    fair = make_fair(is_current=True)
    for n in range(40):
        firm = make_exhibitor(
            name_vi=f"{rng.choice(VI_PARTS).capitalize()} {n}",
            name_en=rng.choice(["", f"{rng.choice(EN_PARTS).title()} {n}"]),
            slug=f"t{n}",
            description_vi=" ".join(rng.sample(VI_PARTS, 3)),
            description_en=" ".join(rng.sample(EN_PARTS, 2)),
            origin_country=rng.choice(["VN", "JP", "KR", "DE", "US"]),
            is_published=n % 13 != 0,
        )
        if n % 9 != 0:
            make_booth(fair=fair, exhibitor=firm, code=f"A{n:02d}")
    return fair


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_search_on_the_index_finds_what_the_sql_finds(texts_fair, language):
    """A search answered by the fair's index (its search texts and name order, no
    query) finds the firms the SQL of `directory` finds, with the words anywhere and
    with the phrase, each in the SQL's best-match order, for plurals, singulars, words in
    another order, countries named (one, two, with other words), `%` and `_`, and words
    nobody holds."""
    index = fi.facet_index(texts_fair)
    found_any = 0
    for q in SEARCHES:
        matches = selectors.search_matches(fair=texts_fair, q=q, language=language, index=index)
        several = len(selectors.search_words(q)) > 1  # one word: no phrase to ask about
        for phrase, flag in ((False, 1), (True, 2)) if several else ((False, 1),):
            expected = selectors.directory_ids(
                fair=texts_fair, q=q, phrase=phrase, sort="relevance", language=language
            )
            assert [m[0] for m in matches if m[flag]] == list(expected), (q, phrase)
        assert several or not any(in_phrase for _pk, _words, in_phrase in matches), q
        found_any += bool(matches)
    assert found_any > len(SEARCHES) // 2  # the data holds most searches' words


def test_a_search_reads_the_texts_once_per_catalogue_version(texts_fair, django_assert_num_queries):
    """The index reads the search texts with the first search, then answers every
    search with no query until the catalogue moves; a firm's new text is found then."""
    selectors.search_matches(fair=texts_fair, q="camera", language="vi")
    with django_assert_num_queries(0):
        for q in SEARCHES:
            selectors.search_matches(fair=texts_fair, q=q, language="vi", index=None)
    firm = selectors.fair_exhibitors(texts_fair).first()
    firm.description_vi = "Máy bơm thủy lực"
    firm.save()
    assert [
        m[0] for m in selectors.search_matches(fair=texts_fair, q="bom thuy luc", language="vi")
    ] == [firm.pk]
