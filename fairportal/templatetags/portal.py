"""Template helpers shared by every page: money, booth sizes, language links, the
language of a translated field's text."""

import datetime
import re
from decimal import Decimal

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, reverse, translate_url
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from fairportal.languages import fallback_language, lang_attribute, text_lang_attribute, words
from fairportal.text import nfc

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """1500000 -> "1.500.000 ₫" in every language (the fair's prices are in VND)."""
    if amount is None or amount == "":
        return ""
    return f"{int(amount):,}".replace(",", ".") + "\u00a0₫"


# A price of 0 (or none) is one the board has not set yet: every page and mail that
# shows a company a booth's price says so in these words, never "0 ₫".
BOARD_WILL_QUOTE = _("Ban tổ chức sẽ báo giá")


@register.filter
def booth_price(amount) -> str:
    """A booth's price (or a total of them) as a company reads it: "15.000.000 ₫", or
    "Ban tổ chức sẽ báo giá" while the board has not set it."""
    return vnd(amount) if amount else str(BOARD_WILL_QUOTE)


def board_price(amount) -> str:
    """A booth's price as the board reads it in the admin: "15.000.000 ₫", or "chưa đặt
    giá" where it has not set one yet (a booth offered at "0 ₫" looks free)."""
    return vnd(amount) if amount else gettext("chưa đặt giá")


def metres(value) -> str:
    """A length in metres as the page's language writes it, decimals only when needed:
    3.0 -> "3", 4.5 -> "4,5" in Vietnamese and "4.5" in English."""
    value = Decimal(value)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    else:
        value = value.normalize()
    return localize(value)


@register.filter
def booth_size(booth) -> str:
    """A booth's floor, "3 × 3 m", "4,5 × 3 m": the same wherever the board reads it."""
    return f"{metres(booth.width_m)} × {metres(booth.depth_m)} m"


@register.filter
def slot_hours(start, minutes) -> str:
    """A meeting slot as the visitor chose it on the request form, "14:30–15:00" (local
    time): its start and its end, `minutes` later. Empty for no slot."""
    if not start:
        return ""
    start = timezone.localtime(start)
    end = start + datetime.timedelta(minutes=int(minutes))
    return f"{start:%H:%M}–{end:%H:%M}"


@register.filter
def slot_hours_list(starts, minutes) -> str:
    """Slots of one day as `slot_hours` gives each, joined: "09:00–09:30, 09:30–10:00"."""
    return ", ".join(slot_hours(start, minutes) for start in starts)


@register.filter
def lang_attr(obj, field: str) -> str:
    """`<h1{{ exhibitor|lang_attr:"name" }}>`: ` lang="vi"` when the English page shows
    the Vietnamese text of `field` for want of an English one, nothing otherwise."""
    return mark_safe(lang_attribute(obj, field))  # noqa: S308 (a language code we hold)


@register.filter
def text_lang(text) -> str:
    """`<p{{ application.decision_note|text_lang }}>`: ` lang="vi"` when a free text with
    no language of its own (a note of the board) is Vietnamese on a page in another
    language, nothing otherwise."""
    return mark_safe(text_lang_attribute(text))  # noqa: S308 (a language code we hold)


@register.filter
def in_its_language(obj, field: str) -> str:
    """`{% blocktranslate with name=exhibitor|in_its_language:"name" %}`: the text of
    `field` inside a sentence of the page, in a `<span lang="vi">` when the English page
    shows it in Vietnamese for want of an English one; the text alone otherwise."""
    if obj is None:
        return ""
    text = getattr(obj, field)
    code = fallback_language(obj, field)
    if code:
        return format_html('<span lang="{}">{}</span>', code, text)
    return conditional_escape(text)


_NUMBER_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")


@register.filter
def figure_number(value) -> str:
    """A figure the board writes the Vietnamese way ("9,1", "167.000") in the reader's
    notation: on English pages "9.1" and "167,000"."""
    text = str(value or "")
    if get_language() == "vi":
        return text
    return _NUMBER_SEPARATOR.sub(lambda m: "," if m.group() == "." else ".", text)


@register.filter
def phone(value) -> str:
    """A stored E.164 number written for the page's reader (see `format_phone`)."""
    from exhibitors.validators import format_phone

    return format_phone(str(value or ""), international=get_language() != "vi")


def _swap_language_prefix(path: str, code: str) -> str:
    """`path` under `code`'s prefix, for paths no URL pattern resolves (404 pages)."""
    for other, _name in settings.LANGUAGES:
        if other != settings.LANGUAGE_CODE and (path + "/").startswith(f"/{other}/"):
            path = path[len(other) + 1 :] or "/"
            break
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"


def _translated(path: str, code: str, current: str) -> str:
    url = translate_url(path, code)
    if url == path and code != current:
        url = _swap_language_prefix(path, code)
    return url


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page and query in each language: plain links, so pages stay cacheable.
    A list's page number is the page shown (`page_obj`), as in the canonical URL: the
    other language of "?page=99" on a list of 2 pages is its page 2."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    page_obj = context.get("page_obj")
    if request is not None and page_obj is not None and "page" in request.GET:
        query = request.GET.copy()
        if page_obj.number > 1:
            query["page"] = str(page_obj.number)
        else:
            del query["page"]
        path = request.path + (f"?{query.urlencode()}" if query else "")
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        # The page in its own language is the path asked for: no need to translate it.
        url = path if code == current else _translated(path, code, current)
        links.append(
            {
                "code": code,
                # In its own words ("English", "Tiếng Việt"): the link is marked lang=code.
                # Django writes "Tiếng Việt" decomposed (NFD); the pages are NFC.
                "name": nfc(get_language_info(code)["name_local"]),
                "url": url,
                "absolute_url": settings.PORTAL_BASE_URL + url,
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str = "") -> str:
    request = context.get("request")
    return settings.PORTAL_BASE_URL + (path or (request.path if request else "/"))


# The main menu: (URL name, its words). The words are marked for translation here and
# translated when a page is drawn.
MAIN_NAV = (
    ("home", gettext_noop("Trang chủ")),
    ("exhibitors:list", gettext_noop("Doanh nghiệp")),
    ("exhibitors:products", gettext_noop("Sản phẩm")),
    ("booths:floor_plan", gettext_noop("Sơ đồ gian hàng")),
    ("events:list", gettext_noop("Chương trình")),
    ("visit", gettext_noop("Tham quan")),
    ("events:plan", gettext_noop("Lịch của tôi")),
    ("booths:apply", gettext_noop("Đăng ký gian hàng")),
)
_nav_urls: dict[tuple[str, str], tuple[str, ...]] = {}


def _main_nav_urls() -> tuple[str, ...]:
    """The menu's URLs in the active language under the script prefix, reversed once
    per process (the URL configuration does not change while it runs); "" for one
    that is not installed."""
    key = (get_language(), get_script_prefix())
    urls = _nav_urls.get(key)
    if urls is None:
        found = []
        for name, _message in MAIN_NAV:
            try:
                found.append(reverse(name))
            except NoReverseMatch:
                found.append("")
        urls = _nav_urls[key] = tuple(found)
    return urls


@register.simple_tag(takes_context=True)
def main_nav(context) -> str:
    """The main menu's items (`<li>` each), the page's own marked `aria-current`: the
    home page by its view, the others by their path. Built here rather than by an
    include: every page draws it, and the include with its eight `{% url %}` was a
    tenth of a page with no query (docs/performance.md, twenty-second round)."""
    request = context.get("request")
    path = request.path if request is not None else None
    match = getattr(request, "resolver_match", None)
    lines = [""]
    labels = words(*(message for _name, message in MAIN_NAV))
    for (name, _message), label, url in zip(MAIN_NAV, labels, _main_nav_urls(), strict=True):
        if name == "home":
            current = match is not None and match.view_name == "home"
        elif not url:
            lines.append("")
            continue
        else:
            current = path == url
        marked = ' aria-current="page"' if current else ""
        lines.append(
            f'<li><a href="{conditional_escape(url)}"{marked}>{conditional_escape(label)}</a></li>'
        )
    lines.append("")
    return mark_safe("\n".join(lines))  # noqa: S308 (every value escaped)


# The layout's parts that no page changes (base.html): built here rather than by the
# template's tags. Every page draws them, and drawn by the template engine (its loops
# over the languages, its include, a dozen {% translate %}, {% static %} and {% url %})
# they were a fifth of the calls of a page with no query (docs/performance.md,
# twenty-third round). The markup is the template's, to the byte (compared by md5 on
# 80 pages when it moved here; what a visitor reads of it is tested in
# tests/fairportal/test_layout.py). A translated text of ours is written as
# {% translate %} writes it: as it is in the catalogue, which holds no markup.


def _langs(context) -> list[dict]:
    langs = context.get("langs")
    return language_links(context) if langs is None else langs


def _day(day: datetime.date, year: bool = True) -> str:
    """A date as the layout writes it: 20/09/2027 (20/09 without the year)."""
    text = f"{day.day:02d}/{day.month:02d}"
    return f"{text}/{day.year:04d}" if year else text


@register.simple_tag(takes_context=True)
def alternate_links(context) -> str:
    """The page in each language (`<link rel="alternate">`), the Vietnamese one also as
    the default for other languages."""
    langs = _langs(context)
    lines = [
        f'<link rel="alternate" hreflang="{lang["code"]}" href="{conditional_escape(lang["absolute_url"])}">\n  '
        for lang in langs
    ]
    lines += [
        f'<link rel="alternate" hreflang="x-default" href="{conditional_escape(lang["absolute_url"])}">'
        for lang in langs
        if lang["code"] == "vi"
    ]
    return mark_safe("".join(lines))  # noqa: S308 (every value escaped)


def _language_offer(langs) -> str:
    """For a visitor whose browser asks for another language than Vietnamese (an
    English, Korean or Japanese buyer): the same page in English. Hidden, the same for
    every visitor (the page is cached): static/js/site.js shows it after reading
    navigator.languages. Written in English on the Vietnamese page, since that is who
    it is for."""
    parts = []
    for lang in langs:
        if lang["code"] != "en" or lang["is_current"]:
            continue
        offer, see, no = words(
            gettext_noop("Trang này cũng có bằng tiếng Anh."),
            gettext_noop("Xem bằng tiếng Anh"),
            gettext_noop("Không, cảm ơn"),
            language="en",
        )
        parts.append(
            f"""
<div class="lang-offer" lang="en" data-lang-offer hidden>
  <div class="wrap lang-offer-row">
    <p>{offer}</p>
    <a href="{conditional_escape(lang["url"])}" hreflang="en">{see} <span aria-hidden="true">→</span></a>
    <button type="button" class="button-secondary" data-lang-offer-dismiss>{no}</button>
  </div>
</div>"""
        )
    return "".join(parts) + "\n"  # the template's last line end, kept


def _language_switch(langs) -> str:
    items = []
    for lang in langs:
        code = lang["code"]
        name = f'{code.upper()}<span class="visually-hidden"> · {conditional_escape(lang["name"])}</span>'
        if lang["is_current"]:
            items.append(f'<li><span aria-current="true" lang="{code}">{name}</span></li>')
        else:
            url = conditional_escape(lang["url"])
            items.append(f'<li><a href="{url}" hreflang="{code}" lang="{code}">{name}</a></li>')
    return "".join(items)


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    """The top of every page: the link past the menus, the offer of the English page,
    the fair's name and dates, the languages and the main menu (`main_nav`)."""
    langs = _langs(context)
    fair = context.get("current_fair")
    when = ""
    if fair:
        when = (
            f"{_day(fair.starts_on, year=False)}–{_day(fair.ends_on)} · "
            f"{in_its_language(fair, 'venue')}"
        )
    home = _main_nav_urls()[0]
    # Outside the f-string, where makemessages finds them.
    skip, brand, languages, menu = words(
        gettext_noop("Bỏ qua, đến nội dung chính"),
        gettext_noop("Hội chợ KCN Hà Nội"),
        gettext_noop("Ngôn ngữ"),
        gettext_noop("Điều hướng chính"),
    )
    return mark_safe(  # noqa: S308 (every value escaped)
        f"""<a class="skip-link" href="#main">{skip}</a>
  {_language_offer(langs)}
  <header class="site-header">
    <div class="wrap header-row">
      <a class="brand" href="{conditional_escape(home)}">
        <img src="{conditional_escape(static("img/logo.svg"))}" alt="" width="40" height="40">
        <span class="brand-text"><strong>{brand}</strong>
        <small>{when}</small></span>
      </a>
      <nav class="lang-switch" aria-label="{languages}">
        <ul>{_language_switch(langs)}</ul>
      </nav>
    </div>
    <nav class="main-nav" aria-label="{menu}">
      <ul class="wrap">
        {main_nav(context)}
      </ul>
    </nav>
  </header>"""
    )


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    """The foot of every page: the fair, its dates and venue, its organiser, its
    hotline and e-mail, and the way to the visitors' page."""
    fair = context.get("current_fair")
    inside = ""
    if fair:
        hotline_word, visit_words, organiser = words(
            gettext_noop("Đường dây nóng"),
            gettext_noop("Giờ mở cửa và đường đến"),
            gettext_noop("Đơn vị tổ chức"),
        )
        hotline = email = ""
        if fair.hotline:
            dialled = fair.hotline.replace(" ", "").replace(".", "")
            hotline = (
                f'<p>{hotline_word}: <a href="tel:{conditional_escape(dialled)}">'
                f"{conditional_escape(fair.hotline)}</a></p>"
            )
        if fair.email:
            address = conditional_escape(fair.email)
            email = f'<p>E-mail: <a href="mailto:{address}">{address}</a></p>'
        visit = _main_nav_urls()[5]
        if visit:
            visit = f'<p><a href="{conditional_escape(visit)}">{visit_words}</a></p>'
        inside = f"""
      <div>
        <p><strong{lang_attribute(fair, "name")}>{conditional_escape(fair.name)}</strong></p>
        <p>{_day(fair.starts_on)} – {_day(fair.ends_on)} · {in_its_language(fair, "venue")}</p>
        <p>{organiser}: {in_its_language(fair, "organiser")}</p>
      </div>
      <div>
        {hotline}
        {email}
        {visit}
      </div>
      """
    return mark_safe(  # noqa: S308 (every value escaped)
        f"""<footer class="site-footer">
    <div class="wrap footer-grid">
      {inside}
    </div>
  </footer>"""
    )
