"""Public pages of the exhibitors: directory, profile, its QR code, product catalogue.

The fair whose directory is shown is the current one (`events.selectors.current_fair`):
the one place where this app's pages reach into `events`, because a directory is
always the directory of an edition; a profile asks there too whether that edition
still takes meeting requests (`events.selectors.takes_meeting_requests`).
"""

import io

import segno
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.views.generic import ListView, TemplateView

from events.selectors import current_fair, takes_meeting_requests
from exhibitors import selectors
from exhibitors.facet_index import facet_index
from fairportal.countries import ISO_CODES
from fairportal.text import nfc, row_id, search_words


def _clean_text(value: str, limit: int = 100) -> str:
    return nfc(value or "").strip()[:limit]


def _search_query(params) -> tuple[str, str]:
    """(query, ignored): the visitor's query, or as `ignored` one with no letter or
    digit to look for ("%", an emoji), which the page then says it left out."""
    q = _clean_text(params.get("q"))
    return (q, "") if search_words(q) else ("", q)


class FairMixin:
    @cached_property
    def fair(self):
        return current_fair()


class ListPageMixin:
    """A list's pages where any `?page=` leads to a page of the list: one past the end
    shows the last page, one that is not a positive whole number ("0", "abc") the
    first, both with status 200. Such numbers come from links kept while the list was
    longer (an exhibitor left, a filter narrowed it) or typed by hand; Django's 404
    would say the page does not exist, and the visitor would lose the list. The page
    shown is `page_obj`, which the page links and the canonical URL follow."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        page = paginator.page(_page_number(self.request.GET.get(self.page_kwarg), paginator))
        return paginator, page, page.object_list, page.has_other_pages()


def _page_number(asked: str | None, paginator) -> int:
    """The page of `paginator` that `?page=asked` leads to (see ListPageMixin)."""
    asked = (asked or "").strip()
    whole = asked.isascii() and asked.isdigit()
    if asked == "last" or (whole and len(asked) > 9):  # "last": Django's word for it
        number = paginator.num_pages
    elif whole:
        number = max(int(asked), 1)
    else:
        number = 1
    return min(number, paginator.num_pages)


class KnownChoicesMixin:
    """The `?zone=` and `?sector=` of a list, kept only when they name an industrial
    zone or a sector. One that does not exist (a mistyped or stale link) is left out of
    the filters and named on the page: filtering by it would empty the list and every
    other filter with it."""

    @cached_property
    def index(self):
        """The fair's facet index, taken once: what the page counts, lists and shows
        comes from one index, and a request behind a newer version builds its own
        once."""
        return facet_index(self.fair)

    @cached_property
    def zones(self) -> list:
        # The facet index's copy (no query while the catalogue stays): the facets
        # need the zones too.
        return self.index.zone_rows()

    @cached_property
    def sector_rows(self) -> list:
        # As the zones.
        return self.index.sector_rows()

    @cached_property
    def typed_zone(self) -> str:
        return _clean_text(self.request.GET.get("zone"), 120)

    @cached_property
    def zone(self) -> str:
        typed = self.typed_zone
        return typed if typed and any(z.slug == typed for z in self.zones) else ""

    @property
    def unknown_zone(self) -> str:
        return "" if self.zone else self.typed_zone

    @cached_property
    def typed_sectors(self) -> list[str]:
        typed = [_clean_text(s, 120) for s in self.request.GET.getlist("sector") if s.strip()]
        return list(dict.fromkeys(typed))[:20]

    @cached_property
    def sectors(self) -> list[str]:
        known = {s.slug for s in self.sector_rows}
        return [slug for slug in self.typed_sectors if slug in known]

    @property
    def unknown_sectors(self) -> list[str]:
        return [slug for slug in self.typed_sectors if slug not in self.sectors]


class DirectoryView(KnownChoicesMixin, FairMixin, ListPageMixin, ListView):
    template_name = "exhibitors/directory.html"
    context_object_name = "exhibitors"
    paginate_by = selectors.PAGE_SIZE

    @cached_property
    def filters(self) -> dict:
        params = self.request.GET
        return {
            "q": _search_query(params)[0],
            "sectors": self.sectors,
            "zone": self.zone,
            "countries": self.countries,
        }

    @cached_property
    def typed_countries(self) -> list[str]:
        typed = [_clean_text(c, 20) for c in self.request.GET.getlist("country") if c.strip()]
        return list(dict.fromkeys(typed))[:20]

    @cached_property
    def countries(self) -> tuple[str, ...]:
        """The countries of origin ticked (`?country=JP&country=KR`: either), as codes
        ISO 3166-1 assigns, in either case. Anything else ("QQ", Japan's three-letter
        "JPN") is left out and named, as an unknown zone is: cut to "JP" it would be a
        guess, and kept it would tick a box that empties the list."""
        codes = dict.fromkeys(_country_code(typed) for typed in self.typed_countries)
        return tuple(code for code in codes if code)

    @property
    def unknown_countries(self) -> list[str]:
        return [typed for typed in self.typed_countries if not _country_code(typed)]

    @cached_property
    def sort(self) -> str:
        """Best match first when searching, name order otherwise, unless asked."""
        default = "relevance" if self.filters["q"] else "name"
        sort = self.request.GET.get("sort", default)
        if sort not in selectors.SORTS or (sort == "relevance" and not self.filters["q"]):
            return default
        return sort

    @cached_property
    def matches(self) -> list[tuple[int, bool, bool]] | None:
        """Every firm the search finds, best match first, each with whether it holds
        the words anywhere and one after the other (`selectors.search_matches`),
        answered by the fair's index for the reach, the facets and the page. None
        without a search."""
        if not self.filters["q"]:
            return None
        return selectors.search_matches(
            fair=self.fair,
            q=self.filters["q"],
            language=translation.get_language(),
            index=self.index,
        )

    @cached_property
    def reach(self) -> dict | None:
        """How far a query of several words reaches (`selectors.search_reach`)."""
        return selectors.search_reach(
            self.fair, **self.filters, matches=self.matches, index=self.index
        )

    @cached_property
    def phrase(self) -> bool:
        """Only the firms holding the words one after the other, when there are any,
        unless the visitor asked for every firm holding them (`?match=words`)."""
        return bool(self.reach and self.reach["phrase"]) and (
            self.request.GET.get("match") != "words"
        )

    def get_queryset(self):
        # Ids only: the page's cards come from the fair's index (ExhibitorPage).
        return selectors.directory_page_ids(
            facets=self.facets,
            searched=self.searched,
            index=self.index,
            fair=self.fair,
            sort=self.sort,
            language=translation.get_language(),
            phrase=self.phrase,
            **self.filters,
        )

    def paginate_queryset(self, queryset, page_size):
        paginator, page, ids, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = selectors.ExhibitorPage(ids, fair=self.fair, index=self.index)
        return paginator, page, page.object_list, is_paginated

    @cached_property
    def searched(self) -> list[int] | None:
        """Best match first, the ids of the firms the search finds (those holding the
        phrase, when the page shows only them), for the facets and the page. None
        without a search."""
        if self.matches is None:
            return None
        if self.phrase:
            return [pk for pk, _words, in_phrase in self.matches if in_phrase]
        return [pk for pk, in_words, _phrase in self.matches if in_words]

    @cached_property
    def facets(self) -> dict:
        return selectors.directory_facets(
            fair=self.fair,
            phrase=self.phrase,
            zones=self.zones,
            sector_rows=self.sector_rows,
            searched=self.searched,
            index=self.index,
            **self.filters,
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        # The facets' query has counted the results already: no COUNT query of its own.
        return _CountedPaginator(queryset, per_page, count=self.facets["count"], **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            fair=self.fair,
            facets=self.facets,
            filters=self.filters,
            unsearchable_q=_search_query(self.request.GET)[1],
            unknown_sectors=self.unknown_sectors,
            unknown_zone=self.unknown_zone,
            unknown_countries=self.unknown_countries,
            sort=self.sort,
            # The phrase's firms are shown and others hold the words apart: the page
            # says so and links to them all; and back, once there.
            phrase_only=self.phrase and self.reach["words"] > self.reach["phrase"],
            every_word=not self.phrase
            and bool(self.reach and 0 < self.reach["phrase"] < self.reach["words"]),
            is_filtered=any(self.filters.values()),
            page_query=_query_without_page(self.request),
        )
        return context


def _country_code(typed: str) -> str:
    """The ISO 3166-1 code `typed` is, in either case, else "". ASCII only: "ß" and
    "ﬁ" are "SS" and "FI" in capitals, and would tick South Sudan or Finland."""
    code = typed.upper() if typed.isascii() else ""
    return code if code in ISO_CODES else ""


class _CountedPaginator(Paginator):
    """A paginator told the number of objects instead of counting them again."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # fills the cached_property `count`


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class ProfileView(FairMixin, TemplateView):
    template_name = "exhibitors/profile.html"

    @cached_property
    def index(self):
        """The fair's index, which keeps the profile's rows (`FacetIndex.rows`)."""
        return facet_index(self.fair)

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.exhibitor = selectors.published_profile(slug, fair=self.fair, index=self.index)
        if self.exhibitor is None:
            new_slug = selectors.renamed_slug_target(slug)
            if new_slug:
                return redirect(
                    reverse("exhibitors:detail", kwargs={"slug": new_slug}), permanent=True
                )
            raise Http404("No published exhibitor with this address")
        return super().get(request, *args, **kwargs)

    def products_page(self):
        """The page of the company's products to show, 24 a page like the directory:
        `?page=` as on the lists (any value leads to a page), or the page holding
        `?product=` (a product's link, `Product.get_absolute_url`)."""
        exhibitor = self.exhibitor
        # Numbers only: the page's products come from the fair's index (below).
        paginator = _CountedPaginator(
            (), selectors.PAGE_SIZE, count=exhibitor.published_product_count
        )
        params = self.request.GET
        product = row_id(params.get("product"))
        number = None
        if "page" not in params and product is not None:
            place = selectors.profile_product_place(exhibitor, product, index=self.index)
            if place is not None:
                number = place // paginator.per_page + 1
        page = paginator.page(number or _page_number(params.get("page"), paginator))
        # The page's products, kept by the fair's index with the profile (one query
        # the first time this page is shown at a catalogue version).
        first = (page.number - 1) * paginator.per_page
        page.object_list = self.index.rows(
            ("products", exhibitor.pk, page.number),
            lambda: list(selectors.profile_products(exhibitor)[first : first + paginator.per_page]),
        )
        return page

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.products_page()
        context.update(
            fair=self.fair,
            exhibitor=self.exhibitor,
            products=page.object_list,
            page_obj=page,
            profile_url=settings.PORTAL_BASE_URL + self.exhibitor.get_absolute_url(),
            takes_meeting_requests=takes_meeting_requests(self.fair),
        )
        return context


def qr_png(request, slug):
    """The profile's QR code as a PNG, to print on the booth sign."""
    target = selectors.published_exhibitor(slug)
    if target is None:
        new_slug = selectors.renamed_slug_target(slug)
        if new_slug:
            return redirect(reverse("exhibitors:qr", kwargs={"slug": new_slug}), permanent=True)
        raise Http404("No published exhibitor with this address")
    url = settings.PORTAL_BASE_URL + target.get_absolute_url()
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=12, border=4)
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="qr-{target.slug}.png"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


class CatalogueView(KnownChoicesMixin, FairMixin, ListPageMixin, ListView):
    template_name = "exhibitors/products.html"
    context_object_name = "products"
    paginate_by = selectors.PAGE_SIZE

    @cached_property
    def filters(self) -> dict:
        params = self.request.GET
        return {
            "q": _search_query(params)[0],
            "sectors": self.sectors,
            "zone": self.zone,
        }

    def get_queryset(self):
        return selectors.catalogue(
            fair=self.fair, language=translation.get_language(), **self.filters
        )

    @cached_property
    def facets(self) -> dict:
        return selectors.catalogue_facets(
            fair=self.fair, zones=self.zones, sector_rows=self.sector_rows, **self.filters
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        # The facets have counted the products already: no COUNT query of its own.
        return _CountedPaginator(queryset, per_page, count=self.facets["count"], **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sector_options = self.facets["options"]
        context.update(
            fair=self.fair,
            filters=self.filters,
            unsearchable_q=_search_query(self.request.GET)[1],
            sector_options=sector_options,
            unknown_sectors=self.unknown_sectors,
            zone_options=self.facets["zones"],
            unknown_zone=self.unknown_zone,
            is_filtered=any(self.filters.values()),
            page_query=_query_without_page(self.request),
        )
        return context
