"""The directory's facet index: which of a fair's exhibitors are in which industrial
zone, country of origin and sector, kept by each process for one catalogue version.

The directory counts, for every option of its filters, how many firms choosing it
would give. Asked of the database, that was four queries on every page (the zones, the
sectors, the counts per sector, the counts per zone and country), a fifth of the work
of a directory page that the page cache has not kept. Here the firms of each option are
a set of ids, read once per catalogue version (`fairportal.cache`: any change to a
public row moves it, and the version is read before the rows, as the page cache reads
it); each page intersects the sets it needs, in C, with no query unless it searches.

Beside the sets, each index keeps what the directory's pages have asked of it at its
version: the fair's firms in name and booth order (one query of ids the first time a
language and order is asked for), and each firm's card as HTML (in UTF-8), per
language and script prefix, made from the database the first time a page shows it
(`fairportal.templatetags.visitor.directory_cards`), and the search texts of its firms
(one query the first time a search asks): a page of the plain directory then runs no
query at all, and a search neither (`selectors.search_matches`). These are read after the version, as the page cache's pages are:
never older than the version they are kept under, and dropped with the index when it
moves (or after `INDEX_SECONDS`). An order read later than the sets, in the moment
between a change's commit and its version's move, can hold a firm the sets do not, or
miss one they hold: the page lists only the firms both have, for that moment.
"""

import pickle
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from exhibitors.models import Exhibitor, IndustrialZone, Sector
from fairportal.cache import public_data_version


@dataclass(frozen=True)
class FacetIndex:
    """The ids of a fair's directory (published firms holding a booth), per option.

    `by_sector` holds, for each sector, the firms tagged with it or with one of its
    sub-sectors (the directory's sector filter takes those in: `selectors.in_sectors`).
    `zones` and `sectors` are the zone and sector tables, pickled: each page unpickles
    its own copy, which it may change (the sector filter notes depth and counts on them).
    """

    everyone: frozenset[int]
    by_zone: dict[int | None, frozenset[int]]
    by_country: dict[str, frozenset[int]]
    by_sector: dict[int, frozenset[int]]
    zones: bytes
    sectors: bytes
    # Filled as pages ask (see the module's note); threads share them: a key is written
    # whole, and two threads writing one key write the same value.
    orders: dict = field(default_factory=dict, compare=False, repr=False)
    cards: dict = field(default_factory=dict, compare=False, repr=False)
    texts: dict = field(default_factory=dict, compare=False, repr=False)
    # The rows of the profiles pages have shown (`rows`), pickled, oldest first, at most
    # ROWS_BYTES of them: the visitors' most read profiles, not all 1,100 (or a bot's).
    kept_rows: dict = field(default_factory=dict, compare=False, repr=False)
    _rows_lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def order(self, key, read: Callable[[], Iterable[int]]) -> tuple[int, ...]:
        """The firms' ids in the order `key` names, `read()` the first time."""
        order = self.orders.get(key)
        if order is None:
            order = self.orders[key] = tuple(read())
        return order

    def search_columns(self, read: Callable[[], Iterable[tuple]]) -> dict[str, dict]:
        """What a search reads of the firms, per column (`SEARCH_COLUMNS`): {id: value},
        from `read()` (rows of the columns' values, the id first) the first time."""
        columns = self.texts.get("columns")
        if columns is None:
            columns = {name: {} for name in SEARCH_COLUMNS}
            for pk, *values in read():
                for name, value in zip(SEARCH_COLUMNS, values, strict=True):
                    columns[name][pk] = value or ""
            self.texts["columns"] = columns
        return columns

    def rows(self, key, read: Callable[[], object]):
        """What `read()` gives (rows of the database: model instances, lists of them,
        ids), read the first time `key` is asked for at this version and kept pickled;
        each call gets its own copy, which it may change. None is not kept."""
        kept = self.kept_rows.get(key)
        if kept is not None:
            return pickle.loads(kept)
        value = read()
        if value is not None:
            data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            with self._rows_lock:
                self.kept_rows[key] = data
                total = sum(len(d) for d in self.kept_rows.values())
                while total > ROWS_BYTES and len(self.kept_rows) > 1:
                    oldest = next(iter(self.kept_rows))
                    total -= len(self.kept_rows.pop(oldest))
        return value

    def zone_rows(self) -> list[IndustrialZone]:
        return pickle.loads(self.zones)

    def sector_rows(self) -> list[Sector]:
        return pickle.loads(self.sectors)


# The columns a search's condition reads (`selectors._search_condition`), kept by the
# index for `ids_where`: some 600 bytes a firm (0.7 MB for the 1,100 of fair_bench_5000).
SEARCH_COLUMNS = ("search_text", "search_text_en", "origin_country")


def ids_where(condition: Q, columns: dict[str, dict]) -> set[int]:
    """The ids of the rows `columns` holds (`FacetIndex.search_columns`) for which
    `condition` holds, as the database would filter them: the search's conditions,
    made of `contains`, `endswith` and equality on those columns, joined by AND and OR.
    Each lookup is one pass over a column, and the sets are joined as the condition's
    tree says; anything else raises ValueError rather than answer otherwise than SQL.

    The texts are folded (lower case, no marks) and so are the words looked for, so
    SQLite's LIKE, which ignores the case of ASCII letters, and PostgreSQL's agree with
    Python's `in`; Django escapes `%` and `_` in the words, so they are plain text in
    both."""
    everyone = columns[SEARCH_COLUMNS[0]].keys()
    found = []
    for child in condition.children:
        if isinstance(child, Q):
            found.append(ids_where(child, columns))
            continue
        lookup, value = child
        name, _, kind = lookup.partition("__")
        if name not in columns or kind not in ("contains", "endswith", "", "exact"):
            raise ValueError(f"not a search lookup: {lookup}")
        values = columns[name].items()
        if kind == "contains":
            found.append({pk for pk, text in values if value in text})
        elif kind == "endswith":
            found.append({pk for pk, text in values if text.endswith(value)})
        else:
            found.append({pk for pk, text in values if text == value})
    if condition.connector == Q.OR:
        ids = set().union(*found)
    elif condition.connector == Q.AND:
        ids = set(everyone).intersection(*found)
    else:
        raise ValueError(f"not a search connector: {condition.connector}")
    return set(everyone) - ids if condition.negated else ids


# The most bytes of pickled rows an index keeps for the profiles (`FacetIndex.rows`):
# a profile with a page of its products is some 10 kB at fair_bench_5000.
ROWS_BYTES = 2_000_000

# The longest an index is trusted, in seconds, whatever the version says. A change moves
# the version twice, at once and when it commits; should the second move be lost (an
# earlier on-commit callback of the transaction raised, and Django ran no more of them),
# an index built between the two would hold the rows from before the commit under the
# new version. A cached page expires; so does this.
INDEX_SECONDS = 60

# ((catalogue version, fair id), the index this process last built for them, when). An
# index is never changed once built: threads share it.
_kept: tuple[tuple[int, int | None], FacetIndex, float] | None = None
_building = threading.Lock()


def _usable(kept, key) -> bool:
    return kept is not None and kept[0] == key and time.monotonic() - kept[2] < INDEX_SECONDS


def facet_index(fair) -> FacetIndex:
    """The index of `fair` (None: an index of nobody) at this request's catalogue
    version: the one this process holds, else built now (four queries).

    One thread builds it while the others asking for it wait, then take it. A request
    that read its version before a change (it began earlier) builds the index of its
    version for itself, without replacing the newer one that the requests after the
    change share (versions only grow)."""
    global _kept
    key = (public_data_version()[0], None if fair is None else fair.pk)  # before the rows
    kept = _kept
    if _usable(kept, key):
        return kept[1]
    with _building:
        kept = _kept
        if _usable(kept, key):  # built by another thread meanwhile
            return kept[1]
        index = _build(fair)
        if kept is None or key[0] >= kept[0][0]:
            _kept = (key, index, time.monotonic())
    return index


def _grouped(pairs) -> dict:
    groups: dict = {}
    for value, pk in pairs:
        groups.setdefault(value, set()).add(pk)
    return {value: frozenset(pks) for value, pks in groups.items()}


def _build(fair) -> FacetIndex:
    from exhibitors.selectors import all_sectors, fair_exhibitors, industrial_zones

    zones, sectors = industrial_zones(), all_sectors()
    firms = fair_exhibitors(fair)
    # Not through modeltranslation's values (a dict per row): none of these is translated.
    rows = list(firms.rewrite(False).values_list("pk", "zone_id", "origin_country"))
    parent_of = {s.pk: s.parent_id for s in sectors}
    tagged = (
        Exhibitor.sectors.through.objects.filter(exhibitor__in=firms.values("pk"))
        .order_by()
        .values_list("sector_id", "exhibitor_id")
    )
    in_sector = []
    for sector_id, pk in tagged:
        in_sector.append((sector_id, pk))
        parent_id = parent_of.get(sector_id)
        if parent_id is not None:  # a sub-sector's firms count for its parent too
            in_sector.append((parent_id, pk))
    return FacetIndex(
        everyone=frozenset(pk for pk, _zone, _country in rows),
        by_zone=_grouped((zone_id, pk) for pk, zone_id, _country in rows),
        by_country=_grouped((country, pk) for pk, _zone, country in rows),
        by_sector=_grouped(in_sector),
        zones=pickle.dumps(zones, pickle.HIGHEST_PROTOCOL),
        sectors=pickle.dumps(sectors, pickle.HIGHEST_PROTOCOL),
    )
