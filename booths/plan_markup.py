"""The floor plan's markup for each booth, built in Python.

The plan draws every booth twice (in the SVG and in the table): with 1,100 booths the
template engine spent over a second on a page (about 400,000 variable lookups). The
same markup, with the same translated strings, is built here in a few milliseconds.
The page template keeps the layout around it (templates/booths/floor_plan.html).
"""

import html
from urllib.parse import quote

from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fairportal.languages import lang_attribute
from fairportal.templatetags.portal import booth_size


def escape(value) -> str:
    """Django's `escape` without its lazy-string wrapper (a third of this page's time)."""
    return html.escape(str(value))


def _profile_prefix() -> str:
    """The profile URL with the slug left out, built once per page."""
    marker = "slug-placeholder"
    return reverse("exhibitors:detail", kwargs={"slug": marker}).replace(marker, "{}")


def _profile_url(pattern: str, slug: str) -> str:
    if not slug:
        return ""
    try:
        return pattern.format(quote(slug, safe=""))
    except (KeyError, IndexError, NoReverseMatch):
        return ""


class PlanMarkup:
    """Markup of the booths of one page, in the active language."""

    def __init__(self, apply_url: str):
        self.apply_url = apply_url
        self.profile = _profile_prefix()
        self.language = get_language()
        # Translated once per page rather than once per booth. A booth one can reach
        # shows its code ("A12"), and a taken one its holder's name on hover or focus:
        # its name for a screen reader starts with that code, then the holder, so that
        # a voice-control user saying what they see names it (WCAG 2.5.3, Label in Name).
        self.t_free_label = _("%(code)s – gian trống, đăng ký")
        self.t_free_title = _("Gian %(code)s — trống, bấm để đăng ký")
        self.t_taken = _("%(code)s – %(name)s")
        self.t_taken_unpublished = _("%(code)s – gian đã có doanh nghiệp")
        self.t_kept_title = _("Gian %(code)s — Ban tổ chức giữ lại")
        self.t_state_free = _("Trống")
        self.t_register = _("Đăng ký gian %(code)s")
        self.t_state_taken = _("Đã có doanh nghiệp")
        self.t_unpublished = _("Chưa công bố")
        self.t_state_kept = _("Ban tổ chức giữ lại")
        # A few kinds and sizes repeated over 1,100 rows: each translated or formatted
        # once per page (per booth, they were most of the uncached page's time).
        self._kinds: dict[str, str] = {}
        self._sizes: dict[tuple, str] = {}

    def _kind(self, booth) -> str:
        if booth.kind not in self._kinds:
            self._kinds[booth.kind] = escape(str(booth.get_kind_display()))
        return self._kinds[booth.kind]

    def _size(self, booth) -> str:
        key = (booth.width_m, booth.depth_m)
        if key not in self._sizes:
            self._sizes[key] = escape(booth_size(booth))
        return self._sizes[key]

    def _apply_href(self, code: str) -> str:
        return escape(f"{self.apply_url}?booth={quote(code, safe='/')}")

    def svg(self, booth) -> str:
        code = escape(booth.code)
        highlighted = " is-highlighted" if booth.is_highlighted else ""
        box = (
            f'x="{booth.plan_x}" y="{booth.plan_y}" width="{booth.plan_w}" height="{booth.plan_h}"'
        )
        label = (
            f'<text class="booth-code" x="{booth.label_x}" y="{booth.label_y}" '
            f'text-anchor="middle">{code}</text>'
        )
        if booth.state == "free" and not self.apply_url:  # the fair takes no applications
            return mark_safe(  # noqa: S308 (every value above is escaped)
                f'<g id="booth-{code}" class="booth booth-free{highlighted}">'
                f"<title>{escape(self.t_state_free)} · {code}</title>"
                f'<rect class="booth-box" {box}></rect>{label}</g>'
            )
        if booth.state == "free":
            return mark_safe(  # noqa: S308 (every value above is escaped)
                f'<a href="{self._apply_href(booth.code)}" id="booth-{code}" '
                f'class="booth booth-free{highlighted}" '
                f'aria-label="{escape(self.t_free_label % {"code": booth.code})}">'
                f"<title>{escape(self.t_free_title % {'code': booth.code})}</title>"
                f'<rect class="booth-box" {box}></rect>{label}</a>'
            )
        if booth.state == "taken":
            tip_lang = ""
            if booth.exhibitor.is_published:
                text = escape(self.t_taken % {"code": booth.code, "name": booth.tip_text})
                tip_lang = lang_attribute(booth.exhibitor, "name", self.language)
            else:  # the tip shows the code alone, not the name of a holder not yet public
                text = escape(self.t_taken_unpublished % {"code": booth.code})
            url = _profile_url(self.profile, booth.exhibitor.slug)
            if url and booth.exhibitor.is_published:
                opening = (
                    f'<a href="{escape(url)}" id="booth-{code}" '
                    f'class="booth booth-taken{highlighted}" aria-label="{text}">'
                )
                closing = "</a>"
            else:
                opening = (
                    f'<g tabindex="0" id="booth-{code}" '
                    f'class="booth booth-taken{highlighted}" aria-label="{text}">'
                )
                closing = "</g>"
            return mark_safe(  # noqa: S308
                f"{opening}<title>{text}</title>"
                f'<rect class="booth-box" {box} fill="url(#pat-taken)"></rect>{label}'
                f'<g class="booth-tip" aria-hidden="true">'
                f'<rect x="{booth.tip_x}" y="{booth.tip_y}" width="{booth.tip_w}" height="18" '
                f'rx="3"></rect><text x="{booth.tip_text_x}" y="{booth.tip_text_y}" '
                f'text-anchor="middle"{tip_lang}>{escape(booth.tip_text)}</text></g>{closing}'
            )
        return mark_safe(  # noqa: S308
            f'<g id="booth-{code}" class="booth booth-kept{highlighted}">'
            f"<title>{escape(self.t_kept_title % {'code': booth.code})}</title>"
            f'<rect class="booth-box" {box} fill="url(#pat-kept)"></rect>{label}</g>'
        )

    def row(self, booth) -> str:
        code = escape(booth.code)
        current = ' class="is-highlighted" aria-current="true"' if booth.is_highlighted else ""
        # The cells' classes place them on a phone's card (booths.css); the roles keep
        # the table a table for screen readers when that card changes their display.
        cells = (
            f'<th scope="row" role="rowheader">{code}</th>'
            f'<td class="hall" role="cell">{escape(booth.hall)}</td>'
            f'<td class="kind" role="cell">{self._kind(booth)}</td>'
            f'<td class="size" role="cell">{self._size(booth)}</td>'
        )
        if booth.state == "free":
            register = escape(self.t_register % {"code": booth.code})
            link = (
                f'<a href="{self._apply_href(booth.code)}">{register}</a>'
                if self.apply_url
                else "—"
            )
            cells += (
                f'<td class="state-cell" role="cell">'
                f'<span class="state state-free">{escape(self.t_state_free)}</span></td>'
                f'<td class="company" role="cell">{link}</td>'
            )
        elif booth.state == "taken":
            cells += (
                f'<td class="state-cell" role="cell">'
                f'<span class="state state-taken">{escape(self.t_state_taken)}</span></td>'
            )
            exhibitor = booth.exhibitor
            if exhibitor.is_published:
                url = _profile_url(self.profile, exhibitor.slug)
                name = escape(exhibitor.name)
                lang = lang_attribute(exhibitor, "name", self.language)
                cells += (
                    f'<td class="company" role="cell"{lang}><a href="{escape(url)}">{name}</a></td>'
                    if url
                    else f'<td class="company" role="cell"{lang}>{name}</td>'
                )
            else:
                cells += (
                    f'<td class="company" role="cell">'
                    f'<span class="muted">{escape(self.t_unpublished)}</span></td>'
                )
        else:
            cells += (
                f'<td class="state-cell" role="cell">'
                f'<span class="state state-kept">{escape(self.t_state_kept)}</span></td>'
                '<td class="company" role="cell"></td>'
            )
        return mark_safe(f'<tr id="row-{code}"{current} role="row">{cells}</tr>')  # noqa: S308
