"""Helpers of the visitor pages: country names and flags, QR codes, canonical URLs, the
exhibitor cards and booth links that the directory shows two dozen of per page, and the
programme's events (two hundred on one page).

The cards and the events are built here, in Python, rather than by template markup: an
include per card cost about half a millisecond, most of the uncached directory's time,
and the programme's 200 events 40 ms (see docs/performance.md). The markup is the one
the templates gave.
"""

import hashlib
from html import escape
from urllib.parse import quote

import segno
from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

from booths.models import booth_on_plan_url
from fairportal.countries import country_name
from fairportal.languages import lang_attribute, words

register = template.Library()


register.filter("country_name", country_name)


@register.filter
def flag(code: str) -> str:
    """ "JP" -> 🇯🇵 (two regional indicator symbols); empty for anything else."""
    code = (code or "").upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code)


@register.simple_tag
def qr_svg(url: str, title: str = "") -> str:
    """The QR code of `url` as inline SVG (no style attribute: the CSP stays strict).

    Encoding a QR code takes a few milliseconds and its SVG depends on nothing but the
    URL and the title, so it is kept in the shared cache under a digest of both."""
    key = "qr-svg:" + hashlib.sha256(f"{url}\x00{title}".encode()).hexdigest()[:40]
    svg = cache.get(key)
    if svg is None:
        code = segno.make(url, error="m")
        svg = code.svg_inline(
            scale=4,
            border=2,
            title=title or None,
            svgclass="qr-code",
            lineclass=None,
            omitsize=True,
        )
        svg = svg.replace("<svg ", '<svg role="img" ', 1)
        cache.set(key, svg, timeout=30 * 24 * 3600)
    return mark_safe(svg)  # noqa: S308 (segno output)


def _floor_plan_url() -> str:
    try:
        return reverse("booths:floor_plan")
    except NoReverseMatch:
        return ""


def _booth_links(codes, plan_url: str) -> str:
    if not plan_url:
        return " ".join(f'<span class="booth-code">{escape(code)}</span>' for code in codes)
    label = gettext("Gian %(code)s trên sơ đồ")
    return " ".join(
        f'<a class="booth-code" href="{escape(booth_on_plan_url(code, plan_url))}"'
        f' aria-label="{escape(label % {"code": code})}">{escape(code)}</a>'
        for code in codes
    )


@register.simple_tag
def booth_links(booths) -> str:
    """Each booth's code, linked to its place on the floor plan."""
    codes = [b.code for b in booths]
    return mark_safe(_booth_links(codes, _floor_plan_url()))  # noqa: S308 (escaped above)


@register.simple_tag
def booth_code_links(codes) -> str:
    """`booth_links` for booth codes already read (My plan keeps codes, not booths)."""
    return mark_safe(_booth_links(codes, _floor_plan_url()))  # noqa: S308 (escaped above)


def _exhibitor_card(
    exhibitor, *, plan_url: str, booth_word: str, sectors_word: str, language: str
) -> str:
    name = exhibitor.name or ""
    if exhibitor.logo_thumb:
        logo = (
            f'<img src="{escape(exhibitor.logo_thumb.url)}" alt="" width="72" height="72"'
            ' loading="lazy">'
        )
    else:
        logo = (
            f'<span class="logo-placeholder" aria-hidden="true">{escape(name[:1].upper())}</span>'
        )
    meta = []
    if exhibitor.fair_booths:
        booths = _booth_links([b.code for b in exhibitor.fair_booths], plan_url)
        meta.append(f'<span class="meta-item">{escape(booth_word)} {booths}</span>')
    code = exhibitor.origin_country
    meta.append(
        f'<span class="meta-item"><span aria-hidden="true">{escape(flag(code))}</span>'
        f" {escape(country_name(code))}</span>"
    )
    if zone := exhibitor.zone:
        zone_lang = lang_attribute(zone, "name", language)
        meta.append(f'<span class="meta-item"{zone_lang}>{escape(zone.name)}</span>')
    tags = ""
    if sectors_word:
        items = "".join(
            f"<li{lang_attribute(sector, 'name', language)}>{escape(sector.name)}</li>"
            for sector in exhibitor.sectors.all()
        )
        if items:
            tags = f'<ul class="tags" aria-label="{escape(sectors_word)}">{items}</ul>'
    meta_html = "\n      ".join(meta)
    name_lang = lang_attribute(exhibitor, "name", language)
    return (
        '<li><article class="card exhibitor-card">\n'
        f'  <div class="card-logo">{logo}</div>\n'
        '  <div class="card-body">\n'
        f'    <h3><a href="{escape(exhibitor.get_absolute_url())}"{name_lang}>{escape(name)}</a></h3>\n'
        f'    <p class="card-meta">{meta_html}</p>\n'
        f"    {tags}\n"
        "  </div>\n"
        "</article></li>"
    )


@register.simple_tag
def exhibitor_cards(exhibitors, show_sectors: bool = False) -> str:
    """The exhibitor cards of a list (`<li>` each): logo, name, booths, country, zone
    and, with `show_sectors`, the sectors. Expects `fair_booths` (the booths of the
    fair shown), `zone` and `sectors` fetched with the exhibitors, names in both
    languages. Every value is escaped with `html.escape`, as Django's `escape` does; a
    name shown in Vietnamese on an English page says so (`lang="vi"`)."""
    plan_url = _floor_plan_url()
    booth_word = gettext("Gian")
    sectors_word = gettext("Ngành") if show_sectors else ""
    language = get_language()
    cards = (
        _exhibitor_card(
            e,
            plan_url=plan_url,
            booth_word=booth_word,
            sectors_word=sectors_word,
            language=language,
        )
        for e in exhibitors
    )
    return mark_safe("".join(cards))  # noqa: S308 (every value escaped above)


@register.simple_tag
def directory_cards(page) -> str:
    """The directory's cards of `page` (`exhibitors.selectors.ExhibitorPage`), with the
    sectors: each kept by the page's index for the page's language and script prefix
    (its links), and made (three queries for those of the page not kept yet) the first
    time a page of this catalogue version shows it. A firm gone since the page read
    its ids is left out. Kept as UTF-8: each card holds a flag, above U+FFFF, which
    would make Python keep the whole text at four bytes a character."""
    from exhibitors.selectors import fair_exhibitors, with_cards

    key = (get_language(), get_script_prefix())
    kept = page.index.cards
    missing = [pk for pk in page.ids if (key, pk) not in kept]
    if missing:
        rows = with_cards(fair_exhibitors(page.fair).filter(pk__in=missing), fair=page.fair)
        made = {
            (key, e.pk): _exhibitor_card(
                e,
                plan_url=_floor_plan_url(),
                booth_word=gettext("Gian"),
                sectors_word=gettext("Ngành"),
                language=key[0],
            ).encode()
            for e in rows
        }
        kept.update(made)
    cards = b"".join(kept.get((key, pk), b"") for pk in page.ids)
    return mark_safe(cards.decode())  # noqa: S308 (every value escaped by _exhibitor_card)


# The directory's filters, built here as its cards are: some fifty options on every page,
# which the template's loops made a third of the page's time. The markup is the one the
# loops gave, to the byte.


@register.simple_tag
def sector_boxes(options) -> str:
    """The sector check boxes of `directory_facets(...)["sectors"]`."""
    language = get_language()
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'\n      <div class="check{" sub-sector" if o["depth"] else ""}">'
            f'<input type="checkbox" id="sector-{(v := escape(o["value"]))}" name="sector"'
            f' value="{v}"{" checked" if o["selected"] else ""}>\n'
            f'      <label for="sector-{v}"{lang_attribute(o["sector"], "name", language)}>'
            f'{escape(o["label"])} <span class="count">({o["count"]})</span></label></div>\n      '
            for o in options
        )
    )


@register.simple_tag
def zone_options(options) -> str:
    """The zone select's options of `directory_facets(...)["zones"]`."""
    language = get_language()
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<option value="{escape(o["value"])}"{" selected" if o["selected"] else ""}'
            f"{lang_attribute(o['zone'], 'name', language)}>{escape(o['label'])}"
            f" ({o['count']})</option>"
            for o in options
        )
    )


@register.simple_tag
def country_boxes(options) -> str:
    """The country check boxes of `directory_facets(...)["countries"]`."""
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'\n      <div class="check"><input type="checkbox"'
            f' id="country-{(v := escape(o["value"]))}" name="country"'
            f' value="{v}"{" checked" if o["selected"] else ""}>\n'
            f'      <label for="country-{v}">{escape(country_name(o["value"]))}'
            f' <span class="count">({o["count"]})</span></label></div>\n      '
            for o in options
        )
    )


def _text(obj, field: str, language: str) -> str:
    """The field's text, escaped, marked `lang="vi"` when it stands in for a missing
    English text."""
    text = escape(getattr(obj, field))
    if marked := lang_attribute(obj, field, language):
        return f"<span{marked}>{text}</span>"
    return text


def _event_place(event, *, language: str, plan: tuple[str, str]) -> str:
    """ " · room · See on the floor plan": where an event is held, and the link to its
    place on the plan when it has one (`event.place`, selected with it) and is not
    cancelled. `plan` is the floor plan's URL and the link's words."""
    place = event.place if event.place_id else None
    markup = ""
    if event.room:
        markup += f" · {_text(event, 'room', language)}"
    elif place is not None:  # the room in words is not written: the place's name says it
        markup += f" · {_text(place, 'name', language)}"
    if place is not None and not event.cancelled_at and plan[0]:
        # Many events link the plan: each link names its place in a screen reader's
        # list of links.
        markup += (
            f' · <a class="place-link" href="{escape(place.get_absolute_url(plan[0]))}">'
            f'{escape(plan[1])}<span class="visually-hidden">: '
            f"{_text(place, 'name', language)}</span></a>"
        )
    return markup


@register.simple_tag
def event_place(event, fair) -> str:
    """The programme's room and "see on the floor plan" link of one event, for the
    short lists of events (the home page, My plan): the same markup as the programme.
    The plan shows `fair`'s places only (the current fair): an event of another
    edition names its room without a link."""
    on_plan = fair is not None and event.fair_id == fair.pk
    plan = (_floor_plan_url() if on_plan else "", gettext("Xem trên sơ đồ"))
    return mark_safe(_event_place(event, language=get_language(), plan=plan))  # noqa: S308


def _event_parts(
    event,
    *,
    kinds: dict,
    url: tuple[str, str],
    cancelled_word: str,
    language: str,
    plan: tuple[str, str],
) -> tuple[str, str]:
    """An event's `<li>` in two parts, before and after its seats (see `seats_html`).
    `plan` is the floor plan's URL and its link's words, for an event with a place
    drawn there (`event.place`, selected with it)."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    meta = f'<span class="badge">{escape(kinds.get(event.kind, event.kind))}</span>'
    if event.cancelled_at:
        meta += f' <span class="badge badge-cancelled">{escape(cancelled_word)}</span>'
    meta += _event_place(event, language=language, plan=plan)
    summary_lang = lang_attribute(event, "summary", language)
    summary = f"<p{summary_lang}>{escape(event.summary)}</p>" if event.summary else ""
    title_lang = lang_attribute(event, "title", language)
    cancelled_class = " is-cancelled" if event.cancelled_at else ""
    href = f"{url[0]}{quote(event.slug, safe='')}{url[1]}"
    head = (
        f'<li class="event-item kind-{escape(event.kind)}{cancelled_class}">\n'
        f'  <p class="event-time"><time datetime="{starts.isoformat()}">{starts:%H:%M}</time>–'
        f'<time datetime="{ends.isoformat()}">{ends:%H:%M}</time></p>\n'
        '  <div class="event-body">\n'
        f'    <h3><a href="{escape(href)}"{title_lang}>{escape(event.title)}</a></h3>\n'
        f'    <p class="event-meta">{meta}'
    )
    tail = f"</p>\n    {summary}\n  </div>\n</li>"
    return head, tail


def shows_seats(capacity: int, kind: str) -> bool:
    """Seminars and the like show their seats left; B2B sessions have tables instead."""
    return bool(capacity) and kind != "business_matching"


def seats_html(capacity: int, seats_taken: int, full_word: str) -> str:
    """ " · còn 12 chỗ" for an event that shows seats, or its `full_word` marked as a
    warning (`seats-full`)."""
    left = max(capacity - seats_taken, 0)
    if left:
        seats = ngettext("còn %(seats)s chỗ", "còn %(seats)s chỗ", left) % {
            "seats": formats.number_format(left, force_grouping=True)
        }
        return f' · <span class="seats">{escape(seats)}</span>'
    return f' · <span class="seats seats-full">{escape(full_word)}</span>'


_SLUG = "the-slug"


def programme_parts(events) -> list[tuple[int, str, str, bool]]:
    """(id, markup before the seats, markup after, cancelled) of each event, in order:
    what the programme shows of an event but its seats, which change all day long (a
    cancelled event shows none). The kinds' names and the events' URL are worked out
    once, not once per event (`reverse` and `get_kind_display` cost as much as the rest
    of an event's markup)."""
    from events.models import SideEvent

    kinds = {value: str(label) for value, label in SideEvent.Kind.choices}
    before, _slug, after = reverse("events:detail", kwargs={"slug": _SLUG}).rpartition(_SLUG)
    cancelled_word = cancelled_label()
    language = get_language()
    plan = (_floor_plan_url(), gettext("Xem trên sơ đồ"))
    return [
        (
            e.pk,
            *_event_parts(
                e,
                kinds=kinds,
                url=(before, after),
                cancelled_word=cancelled_word,
                language=language,
                plan=plan,
            ),
            e.cancelled_at is not None,
        )
        for e in events
    ]


def cancelled_label() -> str:
    return gettext("Đã huỷ")


def full_word() -> str:
    return gettext("hết chỗ, nhận danh sách chờ")


@register.simple_tag(takes_context=True)
def canonical_url(context, keep: str = "page") -> str:
    """This page's absolute URL in the current language, keeping only the `keep` parameters.

    A list's page number is the page shown (`page_obj`), not the one asked for: "?page=99"
    of a list of 3 pages shows, and names, page 3; the first page has no number."""
    request = context.get("request")
    if request is None:
        return settings.PORTAL_BASE_URL + "/"
    path = request.path  # already in the page's language (LocaleMiddleware read it there)
    kept = request.GET.copy()
    for key in list(kept.keys()):
        if key not in keep.split(",") or key == "page":
            del kept[key]
    page_obj = context.get("page_obj")
    if "page" in keep.split(",") and page_obj is not None and page_obj.number > 1:
        kept["page"] = str(page_obj.number)
    query = kept.urlencode()
    return settings.PORTAL_BASE_URL + path + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    request = context["request"]
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


@register.simple_tag
def page_numbers(page_obj) -> list:
    """The page numbers to link around the current page: the first and last, two on
    each side of the current one, and "…" for the rest (5,000 exhibitors make 209
    pages, too many links for a phone)."""
    paginator = page_obj.paginator
    return list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))


@register.simple_tag(takes_context=True)
def pagination(context, page_query=None, page_anchor=None) -> str:
    """The links to a list's other pages (`page_numbers` around the current one, the
    previous and the next), each keeping the list's query (`page_query`, from the
    context unless given) and ending with `page_anchor` (optional: where the list
    starts on a longer page); nothing for a list of one page. Built here rather than by
    an include, as the cards are: the include with its loop was a fifth of a directory
    page's markup work (docs/performance.md, twenty-third round); the markup is the
    include's, to the byte."""
    page_obj = context.get("page_obj")
    if page_obj is None or not page_obj.has_other_pages():
        return "\n"  # the include's last line end
    query = context.get("page_query", "") if page_query is None else page_query
    anchor = context.get("page_anchor", "") if page_anchor is None else page_anchor
    start = f"?{escape(query)}&amp;page=" if query else "?page="
    end = escape(anchor or "")
    # Outside the f-strings, where makemessages finds them.
    pages, previous, following, page_label = words(
        gettext_noop("Phân trang"),
        gettext_noop("Trang trước"),
        gettext_noop("Trang sau"),
        gettext_noop("Trang %(number)s"),
    )
    ellipsis = page_obj.paginator.ELLIPSIS
    prev_link = next_link = ""
    if page_obj.has_previous():
        number = formats.localize(page_obj.previous_page_number())
        prev_link = f'<li><a href="{start}{number}{end}" rel="prev">‹ {previous}</a></li>'
    if page_obj.has_next():
        number = formats.localize(page_obj.next_page_number())
        next_link = f'<li><a href="{start}{number}{end}" rel="next">{following} ›</a></li>'
    items = []
    for number in page_numbers(page_obj):
        if number == page_obj.number:
            # (the include's line ends after these two kinds of item, kept)
            item = f'<li><span aria-current="page">{formats.localize(number)}</span></li>\n      '
        elif number == ellipsis:
            item = '<li><span class="page-gap" aria-hidden="true">…</span></li>\n      '
        else:
            shown = formats.localize(number)
            label = page_label % {"number": shown}
            item = f'<li><a href="{start}{shown}{end}" aria-label="{label}">{shown}</a></li>'
        items.append(f"\n      {item}\n    ")
    return mark_safe(  # noqa: S308 (every value escaped or ours)
        f"""
<nav class="pagination" aria-label="{pages}">
  <ul>
    {prev_link}
    {"".join(items)}
    {next_link}
  </ul>
</nav>

"""
    )


def _short(q: str) -> str:
    """A query quoted back to the visitor: `truncatechars:60`, escaped."""
    return escape(Truncator(q).chars(60))


def _directory_notes(context) -> str:
    """The directory's notes under its title: how many firms, what the search shows
    (the phrase's firms, or every firm holding the words), the filters left out."""
    filters, count = context["filters"], context["paginator"].count
    n = {"n": formats.localize(count)}
    if context.get("is_filtered"):
        found = ngettext("Tìm thấy %(n)s doanh nghiệp.", "Tìm thấy %(n)s doanh nghiệp.", count)
    else:
        found = ngettext(
            "%(n)s doanh nghiệp có gian hàng tại hội chợ.",
            "%(n)s doanh nghiệp có gian hàng tại hội chợ.",
            count,
        )
    scope = ""
    if context.get("phrase_only"):
        shown = words(gettext_noop("Đang hiện các doanh nghiệp có cụm từ “%(q)s”."))[0] % {
            "q": _short(filters["q"])
        }
        link = escape(query_with(context, match="words", page=None))
        every = words(
            gettext_noop("Xem cả các doanh nghiệp có đủ các từ này nhưng không liền nhau")
        )[0]
        scope = (
            f'<p class="query-note search-scope" role="status">{shown} <a href="{link}">'
            f"{every}</a></p>\n  "
        )
    elif context.get("every_word"):
        shown = words(
            gettext_noop("Đang hiện mọi doanh nghiệp có đủ các từ bạn gõ, ở bất kỳ đâu.")
        )[0]
        link = escape(query_with(context, match=None, page=None))
        only = words(gettext_noop("Chỉ xem các doanh nghiệp có cụm từ “%(q)s”"))[0] % {
            "q": _short(filters["q"])
        }
        scope = (
            f'<p class="query-note search-scope" role="status">{shown} <a href="{link}">'
            f"{only}</a></p>"
        )
    no_sector, no_zone, no_country = words(
        gettext_noop("Không có ngành “%(slug)s”: bộ lọc này đã được bỏ qua."),
        gettext_noop("Không có khu công nghiệp “%(slug)s”: bộ lọc này đã được bỏ qua."),
        gettext_noop("Không có mã quốc gia “%(code)s”: bộ lọc này đã được bỏ qua."),
    )
    sectors = "".join(
        f'<p class="query-note" role="status">{no_sector % {"slug": escape(slug)}}</p>'
        for slug in context.get("unknown_sectors") or ()
    )
    zone = context.get("unknown_zone")
    zone = (
        f'<p class="query-note" role="status">{no_zone % {"slug": escape(zone)}}</p>'
        if zone
        else ""
    )
    countries = "".join(
        f'<p class="query-note" role="status">{no_country % {"code": escape(code)}}</p>'
        for code in context.get("unknown_countries") or ()
    )
    return (
        f'<p class="muted" role="status">{found % n}</p>\n'
        f"  {scope}\n  {sectors}\n  {zone}\n  {countries}\n"
    )


def _sort_options(filters, sort: str) -> str:
    """The sort select's options: by best match first when searching (the empty
    value, so that a new search from the form is ordered by best match, whatever order
    the list had before), by name otherwise; by booth."""
    by_match, by_name, by_booth = words(
        gettext_noop("Phù hợp nhất"), gettext_noop("Theo tên (A–Z)"), gettext_noop("Theo mã gian")
    )

    def chosen(value):
        return " selected" if sort == value else ""

    blank = "\n" + " " * 8  # the template's comment line, kept
    if filters["q"]:
        first = (
            f'<option value=""{chosen("relevance")}>{by_match}</option>\n'
            f'        <option value="name"{chosen("name")}>{by_name}</option>\n        '
        )
    else:
        first = f'<option value=""{chosen("name")}>{by_name}</option>'
    booth = f'<option value="booth"{chosen("booth")}>{by_booth}</option>'
    return f"{blank}{blank}{first}\n        {booth}\n      "


# The directory page's words (`directory_content`), marked for makemessages.
_DIRECTORY_WORDS = {
    "sector": gettext_noop("Ngành"),
    "country": gettext_noop("Quốc gia xuất xứ"),
    "clear": gettext_noop("Xoá bộ lọc"),
    "retry": gettext_noop("Hãy thử bớt từ khoá hoặc bỏ bớt bộ lọc."),
    "clear_all": gettext_noop("Xoá bộ lọc, xem tất cả doanh nghiệp"),
    "none_found": gettext_noop("Không tìm thấy doanh nghiệp nào phù hợp."),
    "title": gettext_noop("Doanh nghiệp tham gia"),
    "search_form": gettext_noop("Tìm doanh nghiệp"),
    "search": gettext_noop("Tìm kiếm"),
    "search_help": gettext_noop(
        "Tên, sản phẩm, ngành, quốc gia hoặc mã gian; gõ có dấu hay không dấu đều được."
    ),
    "more": gettext_noop("Lọc theo ngành, khu công nghiệp, quốc gia"),
    "zone": gettext_noop("Khu công nghiệp"),
    "all": gettext_noop("Tất cả"),
    "sort": gettext_noop("Sắp xếp"),
    "filter": gettext_noop("Lọc kết quả"),
    "results": gettext_noop("Kết quả"),
}


@register.simple_tag(takes_context=True)
def directory_content(context) -> str:
    """The directory's page below the menu: its title and notes, the search and
    filter form, the cards and the pages. Built here rather than by the template's
    tags, as the cards and the filters' options are: the block was, with its thirty
    {% translate %} and conditions, a quarter of the work of a directory page that the
    page cache has not kept (docs/performance.md, twenty-third round). The markup is
    the template's, to the byte (75 pages compared when it moved here; what a visitor
    reads of it: tests/exhibitors/test_directory_filter_markup.py and test_directory.py)."""
    filters, facets = context["filters"], context["facets"]
    t = dict(zip(_DIRECTORY_WORDS, words(*_DIRECTORY_WORDS.values()), strict=True))
    path = escape(context["request"].path)
    unsearchable = context.get("unsearchable_q") or ""
    is_filtered = context.get("is_filtered")
    typed = escape(filters["q"] or unsearchable)
    unsearchable_note = ""
    if unsearchable:
        note = words(
            gettext_noop("“%(q)s” không có chữ hay số nào để tìm nên không được dùng để lọc.")
        )[0]
        unsearchable_note = (
            f'<p class="help query-note" role="status">{note % {"q": _short(unsearchable)}}</p>'
        )
    opened = " open" if filters["sectors"] or filters["zone"] or filters["countries"] else ""
    sectors = countries = ""
    if facets["sectors"]:
        sectors = f"""
    <fieldset class="field facet">
      <legend>{t["sector"]}</legend>
      {sector_boxes(facets["sectors"])}
    </fieldset>
    """
    if facets["countries"]:
        countries = f"""
    <fieldset class="field facet">
      <legend>{t["country"]}</legend>
      {country_boxes(facets["countries"])}
    </fieldset>
    """
    clear = ""
    if is_filtered:
        clear = f'<a class="button button-secondary" href="{path}">{t["clear"]}</a>'
    exhibitors = context["exhibitors"]
    if exhibitors:
        results = f"""
    <ul class="card-list">
      {directory_cards(exhibitors)}
    </ul>
    {pagination(context)}
    """
    else:
        retry = ""
        if is_filtered:
            retry = (
                f"<p>{t['retry']}</p>\n"
                f'      <p><a class="button" href="{path}">'
                f"{t['clear_all']}</a></p>"
            )
        events = ""
        if filters["q"]:
            look = words(gettext_noop("Tìm “%(q)s” trong chương trình sự kiện"))[0] % {
                "q": _short(filters["q"])
            }
            events = (
                f'<p><a href="{escape(reverse("events:list"))}?q={quote(filters["q"], safe="")}">'
                f"{look}</a></p>"
            )
        results = f"""
    <div class="empty-state">
      <p><strong>{t["none_found"]}</strong></p>
      {retry}
      {events}
    </div>
    """
    every_word = (
        '<input type="hidden" name="match" value="words">' if context.get("every_word") else ""
    )
    return mark_safe(  # noqa: S308 (every value escaped or ours)
        f"""
<div class="wrap page-head">
  <h1>{t["title"]}</h1>
  {_directory_notes(context)}</div>
<div class="wrap with-filters">
  <form class="filters" method="get" action="{path}" role="search" aria-label="{t["search_form"]}">
    <div class="field">
      <label for="q">{t["search"]}</label>
      <input type="search" id="q" name="q" value="{typed}" maxlength="100" aria-describedby="q-help">
      {unsearchable_note}
      <p class="help" id="q-help">{t["search_help"]}</p>
    </div>
    <details class="more-filters" data-open-wide{opened}>
    <summary>{t["more"]}</summary>
    {sectors}
    <div class="field">
      <label for="zone">{t["zone"]}</label>
      <select id="zone" name="zone">
        <option value="">{t["all"]}</option>
        {zone_options(facets["zones"])}
      </select>
    </div>
    {countries}
    </details>
    <div class="field sort-field">
      <label for="sort">{t["sort"]}</label>
      <select id="sort" name="sort">{_sort_options(filters, context.get("sort"))}</select>
    </div>
    {every_word}
    <div class="actions">
      <button type="submit">{t["filter"]}</button>
      {clear}
    </div>
  </form>
  <section class="results" aria-labelledby="results-title">
    <h2 id="results-title" class="visually-hidden">{t["results"]}</h2>
    {results}
  </section>
</div>
"""
    )
