"""Reads of exhibitors and products that the pages (and later the API) share.

Plain functions: they take the fair and the filters and return querysets or
plain dicts, with the joins and prefetches decided once, so that a page runs the
same number of queries whatever the number of rows.

This app imports nothing from `events` or `booths`: the fair is passed in, and
the booth model is reached through the reverse relation `Exhibitor.booths`.
"""

import functools
from collections.abc import Iterable, Sequence

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, NullIf, StrIndex
from django.utils.functional import cached_property

from exhibitors.facet_index import SEARCH_COLUMNS, FacetIndex, facet_index, ids_where
from exhibitors.models import Exhibitor, IndustrialZone, Product, Sector
from fairportal.countries import countries_named, country_name
from fairportal.text import (
    english_singular,
    search_words,
    sort_key,
    typed_words,
    words_condition,
)

PAGE_SIZE = 24
# "relevance" only means something with a query: the view falls back to "name".
SORTS = ("relevance", "name", "booth")


def _booth_model():
    return Exhibitor._meta.get_field("booths").related_model


def fair_booths(fair) -> QuerySet:
    """The booths of `fair`, in code order."""
    return _booth_model().objects.filter(fair=fair).order_by("code")


# What an exhibitor card shows (fairportal.templatetags.visitor.exhibitor_cards): the
# directory and the home page load only these columns, not the descriptions and
# search text, which made most of the cost of building the page's objects.
CARD_FIELDS = (
    "id", "name_vi", "name_en", "slug", "logo_thumb", "origin_country", "name_sort",
    "zone__id", "zone__name_vi", "zone__name_en",
)  # fmt: skip


def _card_booths(fair):
    return Prefetch(
        "booths",
        queryset=fair_booths(fair).only("id", "code", "exhibitor_id"),
        to_attr="fair_booths",
    )


def _card_sectors():
    return Prefetch("sectors", queryset=Sector.objects.only("id", "name_vi", "name_en"))


def fair_exhibitors(fair) -> QuerySet:
    """Published exhibitors holding at least one booth in `fair`."""
    if fair is None:
        return Exhibitor.objects.none()
    holds_booth = fair_booths(fair).filter(exhibitor=OuterRef("pk"))
    return Exhibitor.objects.filter(Exists(holds_booth), is_published=True)


def in_sectors(slugs) -> Q:
    """Rows (products, exhibitor–sector pairs) of any of the sectors `slugs` or of one
    of their sub-sectors.

    A sector takes in its sub-sectors everywhere a visitor filters by it (directory,
    catalogue, API): "Công nghiệp hỗ trợ" finds the makers of electronic components.
    """
    slugs = list(slugs)
    # The sectors' ids from the (small) sector table, rather than an OR across two
    # joins on every exhibitor–sector row filtered.
    chosen = Sector.objects.filter(Q(slug__in=slugs) | Q(parent__slug__in=slugs)).values("pk")
    return Q(sector__in=chosen)


# Words that join two countries in a query ("Japan and Korea", "Nhật Bản và Hàn Quốc").
_BETWEEN_COUNTRIES = frozenset({"and", "or", "va", "hoac"})


def _country_readings(q: str) -> list[tuple[str, list[str]]]:
    """(country code, the other words) for each country `q` names as a whole
    (`countries_named`): "điện tử nhật bản" is ("JP", ["dien", "tu"]).

    A query naming several countries ("korean japanese electronics") also reads as each
    of them with the words left once every name is out: ("KR", ["electronics"]) and
    ("JP", ["electronics"]), the firms of either; a buyer sourcing from two countries
    types both, and each name was otherwise a word the other country's firms lack."""
    words = search_words(q)
    named = countries_named(words, typed_words(q))
    readings = [(code, words[:start] + words[end:]) for start, end, code in named]
    runs, end_of_last = [], 0
    for start, end, code in sorted(named, key=lambda run: (run[0], run[0] - run[1])):
        if start >= end_of_last:
            runs.append((start, end, code))
            end_of_last = end
    if len({code for _, _, code in runs}) > 1:
        names = {index for start, end, _ in runs for index in range(start, end)}
        rest = [
            word
            for index, word in enumerate(words)
            if index not in names and word not in _BETWEEN_COUNTRIES
        ]
        readings += [(code, rest) for _, _, code in runs]
    return list({(code, tuple(rest)): (code, rest) for code, rest in readings}.values())


def _search_condition(q: str, *, phrase: bool = False) -> Q:
    """The condition of `search_exhibitors` (`q` has words); with `phrase`, the words
    must follow one another as typed, each starting a word ("điện tử" is not "Điện
    lạnh … Đài Tư"), in the Vietnamese or the English text, or the other words must
    when `q` names the country (a query that is only the country keeps its firms)."""
    words = search_words(q)

    def matched(words):
        if not phrase:
            return words_condition(words)
        run = "".join(f" {word}" for word in words)
        # On the English side a plural last word also finds its singular, as a word
        # typed alone does: "spare parts" finds "spare part" (and "spare parts").
        singular = english_singular(words[-1])
        english = "".join(f" {word}" for word in [*words[:-1], singular]) if singular else run
        return Q(search_text__contains=run) | Q(search_text_en__contains=english)

    condition = matched(words)
    for code, rest in _country_readings(q):
        from_country = Q(origin_country=code)
        condition |= from_country & matched(rest) if rest else from_country
    return condition


def search_exhibitors(queryset, q: str, *, phrase: bool = False):
    """The exhibitors `q` finds: each of its words starts a word of their search text
    (`filter_by_words`), or `q` names their country of origin and each of its other
    words starts a word of their text ("điện tử nhật bản": Japanese firms matching
    "điện tử"). With `phrase`, only those holding the words one after the other
    (`search_reach` says when the directory asks for that).

    The country is not in the search texts: its folded words are trade words ("duc"
    is "đúc", casting; "hoa ky" holds "hóa"; "y" is "y tế"), which made every German,
    American or Italian firm match them. Resolved in Python, so no query is added.
    """
    if not search_words(q):
        return queryset
    return queryset.filter(_search_condition(q, phrase=phrase))


def search_products(queryset, q: str):
    """The products `q` finds: each of its words starts a word of their search text, or
    `q` names their maker's country of origin and each of its other words does
    ("korean display", "màn hình hàn quốc": displays made by Korean firms; "japan":
    every Japanese firm's products), as `search_exhibitors` reads a country."""
    words = search_words(q)
    if not words:
        return queryset
    condition = words_condition(words)
    for code, rest in _country_readings(q):
        from_country = Q(exhibitor__origin_country=code)
        condition |= from_country & words_condition(rest) if rest else from_country
    return queryset.filter(condition)


def search_reach(
    fair,
    q: str,
    *,
    sectors: Iterable[str] = (),
    zone: str = "",
    countries: Iterable[str] = (),
    matches: list[tuple[int, bool, bool]] | None = None,
    index: FacetIndex | None = None,
) -> dict | None:
    """For a query of two words or more, how many of `fair`'s exhibitors that the
    other filters keep hold every word anywhere in their text (`words`) and how many
    hold them one after the other (`phrase`); None for a shorter query. One query.

    Vietnamese words are often two or three syllables typed apart ("điện tử", "Hàn
    Quốc", "linh kiện"), and short syllables recur everywhere ("tu" starts "Tư" of the
    Hà Nội – Đài Tư zone): "dien tu" found 11 firms of which 3 make nothing
    electronic. The directory shows the phrase's firms when, with its filters, there
    are any (a zone where none holds the phrase still lists those with the words).

    With `matches` (`search_matches`, read once for the page), counted on the fair's
    facet index (`index`, if the caller holds it) with no query."""
    if len(search_words(q)) < 2:
        return None
    if matches is not None:
        index = index or facet_index(fair)
        kept = index.everyone
        filters = _facet_sets(
            index,
            index.sector_rows(),
            index.zone_rows(),
            sectors=tuple(sectors),
            zone=zone,
            countries=tuple(countries),
        )
        for firms in filters:
            if firms is not None:
                kept = kept & firms
        # As the SQL below: of the firms holding the words, those holding the phrase.
        return {
            "words": sum(1 for pk, in_words, _phrase in matches if in_words and pk in kept),
            "phrase": sum(
                1 for pk, in_words, phrase in matches if in_words and phrase and pk in kept
            ),
        }
    return _apply_filters(
        fair_exhibitors(fair), q=q, sectors=tuple(sectors), zone=zone, countries=tuple(countries)
    ).aggregate(words=Count("pk"), phrase=Count("pk", filter=_search_condition(q, phrase=True)))


def _apply_filters(queryset, *, q="", sectors=(), zone="", countries=(), phrase=False):
    queryset = search_exhibitors(queryset, q, phrase=phrase)
    if sectors:
        # OR between sectors; an exhibitor in two of them must not count twice.
        tagged = Exhibitor.sectors.through.objects.filter(
            in_sectors(sectors), exhibitor_id=OuterRef("pk")
        )
        queryset = queryset.filter(Exists(tagged))
    if zone:
        queryset = queryset.filter(zone__slug=zone)
    if countries:
        # OR between countries, as between sectors: a firm has one country of origin.
        queryset = queryset.filter(origin_country__in=countries)
    return queryset


def directory(
    *,
    fair,
    q: str = "",
    sectors: Iterable[str] = (),
    zone: str = "",
    countries: Iterable[str] = (),
    phrase: bool = False,
    sort: str = "name",
    language: str = "vi",
) -> QuerySet:
    """The directory of `fair`: filtered, ordered and ready to show as cards.

    `q` must match the start of a word for each of its words (folded, any order), or
    name the country of origin and match with its other words (`search_exhibitors`);
    `sectors` are combined with OR, and so are `countries` (ISO codes of origin);
    `sort="booth"` orders by the first booth code; `sort="relevance"` puts first the
    exhibitors whose text holds the whole query as written, earliest first (the
    search text starts with the names, then descriptions, products and sectors: a
    company named "Máy in Hà Nội" comes before a machinery firm that merely has
    "máy" and "in" somewhere; a firm found through its country, by where the other
    words are); otherwise name order: Vietnamese order of the Vietnamese names, or,
    with `language="en"`, the English names (the Vietnamese one where there is none)
    A to Z, as the cards show them.
    """
    queryset = _apply_filters(
        fair_exhibitors(fair),
        q=q,
        sectors=tuple(sectors),
        zone=zone,
        countries=tuple(countries),
        phrase=phrase,
    )
    by_name = _by_name(language)
    words = search_words(q)
    if sort == "relevance" and words:
        queryset = _phrase_first(queryset, q, words, language, by_name, "origin_country")
    elif sort == "booth" and fair is not None:
        first_code = fair_booths(fair).filter(exhibitor=OuterRef("pk")).values("code")[:1]
        queryset = queryset.annotate(first_booth=Subquery(first_code)).order_by(
            "first_booth", *by_name
        )
    else:
        queryset = queryset.order_by(*by_name)
    return with_cards(queryset, fair=fair)


def with_cards(queryset, *, fair) -> QuerySet:
    """`queryset` of exhibitors with what their cards show (`CARD_FIELDS`, the sectors
    and `fair_booths`, the booths of `fair`) fetched with them."""
    return (
        queryset.select_related("zone")
        .only(*CARD_FIELDS)
        .prefetch_related(_card_sectors(), _card_booths(fair))
    )


def directory_ids(**arguments) -> QuerySet:
    """The ids of `directory(**arguments)`, in its order, without the cards."""
    rows = directory(**arguments).select_related(None).prefetch_related(None)
    return rows.rewrite(False).values_list("pk", flat=True)


def directory_page_ids(
    *,
    facets: dict,
    sort: str,
    language: str,
    searched: list[int] | None = None,
    index: FacetIndex | None = None,
    **arguments,
) -> list[int]:
    """The ids the directory lists, in order: those `facets` kept (`directory_facets`),
    in the name or booth order the fair's index keeps (no query once the index holds
    that order), or by best match (`sort="relevance"`): `searched`, the ids of every
    firm the search finds in that order (`search_order`), else read now. A total order
    filtered is the filtered rows' order, so the list is the one
    `directory(**arguments)` gives. `index`: the fair's, if the caller holds it."""
    fair, kept = arguments["fair"], facets["ids"]
    if sort == "relevance" and search_words(q := arguments.get("q", "")):
        if searched is None:
            searched = search_order(
                fair=fair, q=q, phrase=arguments.get("phrase", False), language=language
            )
        order = searched
    else:
        order = (index or facet_index(fair)).order(
            (sort, language), lambda: directory_ids(fair=fair, sort=sort, language=language)
        )
    return [pk for pk in order if pk in kept]


def search_matches(
    *, fair, q: str, language: str, index: FacetIndex | None = None
) -> list[tuple[int, bool, bool]]:
    """Every firm of `fair` that `q` finds, best match first (`directory`'s relevance
    order), as (id, holds its words anywhere, holds them one after the other): the
    firms of `directory(q=q)` and of `directory(q=q, phrase=True)`, which serve the
    reach, the facets and the page (`DirectoryView`). The two can differ both ways: on
    the English side the phrase's last word may be the singular of the one typed,
    starting a longer word ("high techs" holds "high technology"). In this order, each
    set is its own query's order: a total order filtered.

    Answered by the fair's index (`index`, if the caller holds it), which keeps the
    firms' search texts and their name order: the search's own conditions evaluated on
    them (`facet_index.ids_where`), the best match placed as `_phrase_first` places it
    (where the phrase starts a word, in the page's language first, the firms holding it
    nowhere last, then by name). The SQL of `directory` is the oracle
    (tests/exhibitors/test_facet_index_sql.py); no query while the catalogue stays."""
    words = search_words(q)
    if not words:
        return []
    index = index or facet_index(fair)
    columns = index.search_columns(
        lambda: fair_exhibitors(fair).rewrite(False).values_list("pk", *SEARCH_COLUMNS).order_by()
    )
    in_words = ids_where(_search_condition(q), columns)
    in_phrase = ids_where(_search_condition(q, phrase=True), columns) if len(words) > 1 else set()
    found = in_words | in_phrase
    name_order = index.order(
        ("name", language), lambda: directory_ids(fair=fair, sort="name", language=language)
    )
    texts = [columns[name] for name in _search_columns(language)]
    readings = [(code, _phrase(rest)) for code, rest in _country_readings(q) if rest]
    countries = columns["origin_country"]
    phrase = _phrase(words)

    def phrase_at(pk: int) -> int | None:
        at = _found_at(phrase, pk, texts)
        if at is None:  # a firm found through its country: where the other words are
            for code, rest in readings:
                if countries[pk] == code:
                    return _found_at(rest, pk, texts)
        return at

    # Python's sort is stable: the name order stays among the firms placed alike.
    placed = sorted(
        (pk for pk in name_order if pk in found), key=lambda pk: _last_if_none(phrase_at(pk))
    )
    return [(pk, pk in in_words, pk in in_phrase) for pk in placed]


def _last_if_none(at: int | None) -> tuple[bool, int]:
    return (at is None, at or 0)


def _phrase(words) -> str:
    """The text `_phrase_at` looks for: each word starting a word, one after the other."""
    return "".join(f" {word}" for word in words)


def _found_at(phrase: str, pk: int, texts: list[dict]) -> int | None:
    """`_phrase_at` in Python: where `phrase` is in the first of `texts` that holds it
    (1-based, as StrIndex), None where none does."""
    for text in texts:
        at = text[pk].find(phrase)
        if at >= 0:
            return at + 1
    return None


def search_order(*, fair, q: str, phrase: bool, language: str) -> list[int]:
    """The ids of the fair's firms `q` finds, best match first (`directory`'s relevance
    order), whatever the other filters: one query serves the facets, which count on
    these firms, and the page, which lists those of them the filters keep."""
    return list(directory_ids(fair=fair, q=q, phrase=phrase, sort="relevance", language=language))


class ExhibitorPage(Sequence):
    """The exhibitors of one directory page, as ids in the page's order (`ids`). The
    page shows them as cards kept by the fair's index
    (`fairportal.templatetags.visitor.directory_cards`); the exhibitors themselves, with
    what a card shows, are read only if something iterates the page."""

    def __init__(self, ids: Iterable[int], *, fair, index: FacetIndex | None = None):
        self.ids, self.fair = list(ids), fair
        self.index = index or facet_index(fair)  # the one the page's ids come from

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        return self.rows[index]

    @cached_property
    def rows(self) -> list[Exhibitor]:
        rows = with_cards(fair_exhibitors(self.fair).filter(pk__in=self.ids), fair=self.fair)
        found = {e.pk: e for e in rows}
        return [found[pk] for pk in self.ids if pk in found]


def _search_columns(language: str) -> tuple[str, str]:
    """The search texts in the order a best match reads them: the page's language first."""
    if language == "en":
        return ("search_text_en", "search_text")
    return ("search_text", "search_text_en")


def _phrase_first(queryset, q: str, words, language: str, by_name, country_field: str):
    """`queryset` ordered by where the query's phrase starts a word (1-based) in the text
    of the page's language, else in the other one, those holding it nowhere last (NULL:
    StrIndex gives 0), then by name. A row found through its country (`country_field`,
    the firm's or the maker's) is placed by where the query's other words are."""
    columns = _search_columns(language)
    phrase_at = _phrase_at(words, columns)
    through_country = [
        When(**{country_field: code}, then=_phrase_at(rest, columns))
        for code, rest in _country_readings(q)
        if rest
    ]
    if through_country:
        phrase_at = Coalesce(phrase_at, Case(*through_country))
    return queryset.annotate(phrase_at=phrase_at).order_by(
        F("phrase_at").asc(nulls_last=True), *by_name
    )


def _phrase_at(words: list[str], columns: tuple[str, str]) -> Coalesce:
    """Where `words`, one after the other, start a word of the first of `columns`, else
    of the second (1-based); NULL where they are in neither."""
    phrase = Value(_phrase(words))
    return Coalesce(*(NullIf(StrIndex(column, phrase), Value(0)) for column in columns))


def directory_facets(
    *,
    fair,
    q: str = "",
    sectors: Iterable[str] = (),
    zone: str = "",
    countries: Iterable[str] = (),
    phrase: bool = False,
    zones: list[IndustrialZone] | None = None,
    sector_rows: list[Sector] | None = None,
    searched: Iterable[int] | None = None,
    index: FacetIndex | None = None,
) -> dict:
    """Each facet's options with the number of exhibitors choosing it would give, and
    the number of results (`count`); `phrase` as in `search_exhibitors`.

    A facet's counts apply the search and the other facets, not its own, so a
    visitor sees how many results each option would lead to. Counted on the fair's
    facet index (`exhibitors.facet_index`): no query, but one for the firms a search
    finds. `zones`: `industrial_zones()`, and `sector_rows`: `all_sectors()`, if the
    caller has read them already (else the index's copies); `searched`: the ids of the
    firms `q` finds (`search_order`), if the caller has read them already; `index`: the
    fair's, if the caller holds it.
    """
    sectors, countries = tuple(sectors), tuple(countries)
    index = index or facet_index(fair)
    sector_options = _sector_tree(index.sector_rows() if sector_rows is None else sector_rows)
    zone_options = index.zone_rows() if zones is None else zones

    everyone = index.everyone
    found = everyone
    if search_words(q):
        if searched is None:
            rows = search_exhibitors(fair_exhibitors(fair), q, phrase=phrase)
            searched = rows.rewrite(False).values_list("pk", flat=True)
        found = everyone.intersection(searched)
    in_sectors, in_zone, in_countries = _facet_sets(
        index, sector_options, zone_options, sectors=sectors, zone=zone, countries=countries
    )

    def kept_by(*facets) -> frozenset[int]:
        kept = found
        for facet in facets:
            if facet is not None:
                kept = kept & facet
        return kept

    def counts(groups: dict, kept: frozenset[int]) -> dict:
        if kept is everyone:  # nothing narrows it: each group counts whole
            return {value: len(pks) for value, pks in groups.items()}
        return {value: n for value, pks in groups.items() if (n := len(pks & kept))}

    sector_counts = counts(index.by_sector, kept_by(in_zone, in_countries))
    for s in sector_options:
        s.count = sector_counts.get(s.pk, 0)
    zone_counts = counts(index.by_zone, kept_by(in_sectors, in_countries))
    country_counts = counts(index.by_country, kept_by(in_sectors, in_zone))
    for code in countries:
        country_counts.setdefault(code, 0)

    listed = kept_by(in_sectors, in_zone, in_countries)
    return {
        "count": len(listed),
        "ids": listed,
        "sectors": _sector_choices(sector_options, sectors),
        "zones": _zone_choices(zone_options, zone_counts, zone),
        "countries": _country_choices(country_counts, countries),
    }


def _facet_sets(index, sector_rows, zone_rows, *, sectors, zone, countries) -> tuple:
    """The firms of `index` each of the three filters keeps (None: that filter is not
    set and keeps everyone), as the directory's SQL filters keep them."""
    in_sectors = in_zone = in_countries = None
    if sectors:
        chosen = [s.pk for s in sector_rows if s.slug in sectors]
        in_sectors = frozenset().union(*(index.by_sector.get(pk, ()) for pk in chosen))
    if zone:
        # An unknown zone matches no exhibitor, as the directory's `zone__slug` filter.
        zone_id = next((z.pk for z in zone_rows if z.slug == zone), -1)
        in_zone = index.by_zone.get(zone_id, frozenset())
    if countries:
        in_countries = frozenset().union(*(index.by_country.get(c, ()) for c in countries))
    return in_sectors, in_zone, in_countries


def _country_choices(counts: dict, selected: tuple[str, ...]) -> list[dict]:
    """The country boxes (`counts`: code → number), those with results or ticked, in
    the order of their names in the active language: a visitor reads "Đức" or
    "Germany", not "DE". Vietnamese collation for both languages (Đ after D, "Ấn Độ"
    among the A's); English names are plain Latin letters, which it orders as usual."""
    options = [
        {"value": code, "label": country_name(code), "count": count, "selected": code in selected}
        for code, count in counts.items()
        if count or code in selected
    ]
    return sorted(options, key=lambda option: (_name_key(option["label"]), option["value"]))


@functools.lru_cache(maxsize=1024)
def _name_key(name: str) -> bytes:
    """`sort_key` of a country's name, kept: a few hundred names in two languages, and
    every directory page sorted its boxes by them (a twentieth of its work)."""
    return sort_key(name)


def industrial_zones() -> list[IndustrialZone]:
    """Every industrial zone, in the order of the zone filter."""
    return list(IndustrialZone.objects.order_by("position", "slug"))


def all_sectors() -> list[Sector]:
    """Every sector and sub-sector, in the order of the sector filter."""
    return list(Sector.objects.order_by("position", "slug"))


def _zone_choices(zone_options, counts: dict, selected: str) -> list[dict]:
    """The zone select's options: zones with results (`counts`: zone id → number) or
    the chosen one."""
    return [
        {
            "value": z.slug,
            "label": z.name,
            "zone": z,  # the template asks it the language of the label
            "count": counts.get(z.pk, 0),
            "selected": z.slug == selected,
        }
        for z in zone_options
        if counts.get(z.pk) or z.slug == selected
    ]


def _sector_tree(sectors) -> list[Sector]:
    """`sectors` (in display order) with each one's sub-sectors right after it; each
    gets `depth` (0 for a top-level sector) for the filter's indentation."""
    sectors = list(sectors)
    ids = {s.pk for s in sectors}
    children: dict[int | None, list[Sector]] = {}
    for s in sectors:
        children.setdefault(s.parent_id if s.parent_id in ids else None, []).append(s)
    ordered: list[Sector] = []

    def walk(parent_id, depth):
        for s in children.get(parent_id, ()):
            s.depth = depth
            ordered.append(s)
            walk(s.pk, depth + 1)

    walk(None, 0)
    placed = {s.pk for s in ordered}
    for s in sectors:  # on a cycle typed into the data, out of the root's reach: flat
        if s.pk not in placed:
            s.depth = 0
            ordered.append(s)
    return ordered


def _sector_choices(options, selected) -> list[dict]:
    """The sector boxes: sectors with results or ticked, a sub-sector under its parent."""
    shown = [s for s in options if s.count or s.slug in selected]
    shown_ids = {s.pk for s in shown}
    return [
        {
            "value": s.slug,
            "label": s.name,
            "sector": s,  # the template asks it the language of the label
            "count": s.count,
            "selected": s.slug in selected,
            # Indented only under its parent: a ticked sub-sector whose parent has no
            # result stands on its own.
            "depth": s.depth if s.parent_id in shown_ids else 0,
        }
        for s in shown
    ]


def published_profile(slug: str, *, fair, index: FacetIndex | None = None) -> Exhibitor | None:
    """A published exhibitor with what its profile shows, or None; its products come
    a page at a time (`profile_products`), counted here as `published_product_count`
    so that the pages cost no COUNT query of their own.

    Kept by the fair's index (`FacetIndex.rows`, `index` if the caller holds it) until
    the catalogue moves, as the directory's cards are: three queries the first time a
    profile is shown at a catalogue version, none after."""
    return (index or facet_index(fair)).rows(
        ("profile", slug), lambda: _read_profile(slug, fair=fair)
    )


def _read_profile(slug: str, *, fair) -> Exhibitor | None:
    counted = (
        Product.objects.filter(exhibitor=OuterRef("pk"), is_published=True)
        .order_by()
        .values("exhibitor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Exhibitor.objects.filter(slug=slug, is_published=True)
        .select_related("zone")
        .annotate(published_product_count=Coalesce(Subquery(counted), 0))
        .prefetch_related(
            "sectors",
            Prefetch("booths", queryset=fair_booths(fair), to_attr="fair_booths"),
        )
        .first()
    )


def profile_products(exhibitor: Exhibitor) -> QuerySet:
    """The published products of `exhibitor` in the company's own order, as its
    profile lists them."""
    return (
        Product.objects.filter(exhibitor=exhibitor, is_published=True)
        .select_related("sector")
        .order_by("position", "name_sort", "pk")
    )


def profile_product_place(
    exhibitor: Exhibitor, product_pk: int, *, index: FacetIndex
) -> int | None:
    """Where a published product of `exhibitor` stands in its profile's list, counted
    from 0; None for any other product. Reads the ids of the company's published
    products (a few hundred numbers at most, in one query), kept by the fair's index
    (`index`, the profile's) as the profile is."""
    ids = index.rows(
        ("product ids", exhibitor.pk),
        lambda: list(profile_products(exhibitor).values_list("pk", flat=True)),
    )
    return ids.index(product_pk) if product_pk in ids else None


def published_exhibitor(slug: str) -> Exhibitor | None:
    """A published exhibitor by its current slug, without anything related."""
    return Exhibitor.objects.filter(slug=slug, is_published=True).first()


def renamed_slug_target(slug: str) -> str | None:
    """The current slug of a published exhibitor that used to answer to `slug`."""
    return (
        Exhibitor.objects.filter(old_slugs__slug=slug, is_published=True)
        .values_list("slug", flat=True)
        .first()
    )


def _by_name(language: str) -> tuple:
    """Name order in the page's language: English names (the Vietnamese one where a
    row has none) on English pages, the Vietnamese collation key otherwise."""
    if language == "en":
        english = Lower(Coalesce(NullIf("name_en", Value("")), "name_vi"))
        return (english.asc(), "name_sort", "pk")
    return ("name_sort", "pk")


def catalogue(
    *, fair, q: str = "", sectors: Iterable[str] = (), zone: str = "", language: str = "vi"
) -> QuerySet:
    """Published products of the fair's directory exhibitors, in name order in the
    page's language; with a query, first those whose text holds the whole query as
    written, earliest first (the search text starts with the product's name: "máy in"
    puts the printers before a part "for printers"), as the directory's best match.
    `zone` keeps the products of makers in that industrial zone (an unknown zone, none:
    the directory's filter). Each maker comes with `fair_booths`, its booths in `fair`,
    for the card's booth links: one query for the page, whatever its size."""
    queryset = Product.objects.filter(
        is_published=True, exhibitor__in=fair_exhibitors(fair).values("pk")
    )
    queryset = search_products(queryset, q)
    sectors = tuple(sectors)
    if sectors:
        queryset = queryset.filter(in_sectors(sectors))
    if zone:
        queryset = queryset.filter(exhibitor__zone__slug=zone)
    queryset = queryset.select_related("exhibitor", "sector").prefetch_related(
        Prefetch(
            "exhibitor__booths",
            queryset=fair_booths(fair).only("id", "code", "exhibitor_id"),
            to_attr="fair_booths",
        )
    )
    by_name = _by_name(language)
    words = search_words(q)
    if words:
        return _phrase_first(queryset, q, words, language, by_name, "exhibitor__origin_country")
    return queryset.order_by(*by_name)


def catalogue_facets(
    *,
    fair,
    q: str = "",
    sectors: Iterable[str] = (),
    zone: str = "",
    zones: list[IndustrialZone] | None = None,
    sector_rows: list[Sector] | None = None,
) -> dict:
    """The catalogue's sector and zone filters, each option with the number of products
    choosing it would give (search and the other filter applied, as the directory's
    facets), and `count`, the products the page lists: from one count of the matching
    products per (sector, zone) and the (small) sector and zone tables. No COUNT of the
    page's own, and no join of every product of every fair to the sectors (24 ms at
    20,000 products). `zones` and `sector_rows` as in `directory_facets`."""
    sectors = tuple(sectors)
    matching = search_products(
        Product.objects.filter(is_published=True, exhibitor__in=fair_exhibitors(fair).values("pk")),
        q,
    )
    groups = (
        matching.order_by().values_list("sector_id", "exhibitor__zone_id").annotate(n=Count("pk"))
    )
    options = _sector_tree(all_sectors() if sector_rows is None else sector_rows)
    chosen = None  # every sector, products with none too
    if sectors:
        # As `in_sectors`: the ticked sectors and their sub-sectors.
        slug_of = {s.pk: s.slug for s in options}
        chosen = {s.pk for s in options if s.slug in sectors or slug_of.get(s.parent_id) in sectors}
    zone_options = industrial_zones() if zones is None else zones
    # An unknown zone matches no product, as the directory's `zone__slug` filter.
    zone_id = next((z.pk for z in zone_options if z.slug == zone), -1) if zone else None
    own: dict[int, int] = {}
    zone_counts: dict[int, int] = {}
    count = 0
    for sector_id, group_zone, n in groups:
        in_zone = zone_id is None or group_zone == zone_id
        in_sector = chosen is None or sector_id in chosen
        if in_zone:
            own[sector_id] = own.get(sector_id, 0) + n
        if in_sector:
            zone_counts[group_zone] = zone_counts.get(group_zone, 0) + n
        if in_zone and in_sector:
            count += n
    # A product has one sector: a parent's count adds its sub-sectors' own counts.
    of_children: dict[int, int] = {}
    for s in options:
        s.own = own.get(s.pk, 0)
        if s.parent_id:
            of_children[s.parent_id] = of_children.get(s.parent_id, 0) + s.own
    for s in options:
        s.count = s.own + of_children.get(s.pk, 0)
    return {
        "options": _sector_choices(options, sectors),
        "zones": _zone_choices(zone_options, zone_counts, zone),
        "count": count,
    }


def featured_exhibitors(*, fair, limit: int = 8) -> list[Exhibitor]:
    """Exhibitors the board flagged as featured (else the first ones by name)."""
    queryset = (
        fair_exhibitors(fair)
        .select_related("zone")
        .only(*CARD_FIELDS)
        .order_by("-is_featured", "name_sort")
    )
    return list(queryset.prefetch_related(_card_booths(fair))[:limit])


def sector_entry_points(*, fair) -> list[Sector]:
    """Top-level sectors with the number of exhibitors of the fair in each (its
    sub-sectors' included, as the directory's filter takes them in): from the facet
    index, with no query while the catalogue stays."""
    index = facet_index(fair)
    top = [s for s in index.sector_rows() if s.parent_id is None and s.pk in index.by_sector]
    for sector in top:
        sector.count = len(index.by_sector[sector.pk])
    return top


def product_place(product: Product) -> int:
    """Where `product` stands in its company's list, counted from 0: the "order" the
    product form shows and takes (stored numbers may tie, or have gaps)."""
    earlier = Q(position__lt=product.position) | Q(position=product.position, id__lt=product.pk)
    return Product.objects.filter(earlier, exhibitor_id=product.exhibitor_id).count()
