"""The English catalogue: every string translated, nothing fuzzy, and /en/ pages in English.

Vietnamese is the source language (the msgids), so the root pages need no catalogue;
English comes from locale/en/LC_MESSAGES/django.po, compiled to the committed .mo.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import make_booth, make_exhibitor

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def po_entries(path: Path) -> list[dict]:
    """Entries of a .po file: each a dict of its fields, plus its `flags`."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry, field = {"flags": set()}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif match := FIELD.match(line):
                field = match.group(1)
                entry[field] = ast.literal_eval(match.group(2))
            else:
                entry[field] += ast.literal_eval(line)
        entries.append(entry)
    return entries


def test_catalogue_has_every_message_translated_and_nothing_fuzzy():
    entries = po_entries(PO_PATH)
    header, messages = entries[0], entries[1:]

    assert header["msgid"] == "" and "Language: en\n" in header["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"]
    assert len(messages) > 500
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    untranslated = [
        e["msgid"]
        for e in messages
        if not all(e[key] for key in e if key.startswith("msgstr"))
        or ("msgid_plural" in e and not {"msgstr[0]", "msgstr[1]"} <= e.keys())
    ]
    assert untranslated == []


def test_placeholders_survive_translation():
    names = re.compile(r"%\(\w+\)s|%s|%d")
    wrong = []
    for entry in po_entries(PO_PATH)[1:]:
        wanted = sorted(set(names.findall(entry["msgid"])))
        for key in (k for k in entry if k.startswith("msgstr")):
            if sorted(set(names.findall(entry[key]))) != wanted:
                wrong.append((entry["msgid"], entry[key]))
    assert wrong == []


VI_PO_PATH = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize(
    "po_path",
    [PO_PATH, VI_PO_PATH, VI_PO_PATH.with_name("djangojs.po")],
    ids=["en", "vi", "vi-djangojs"],
)
def test_compiled_catalogue_matches_its_source(po_path):
    # CI has no gettext: the committed .mo must be compiled from the committed .po.
    with po_path.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in po_entries(po_path)[1:]:
        # gettext keys an entry with a context as "context\x04msgid".
        msgid = "\x04".join(filter(None, [entry.get("msgctxt"), entry["msgid"]]))
        if "msgid_plural" in entry:
            # As many forms as the language has: two in English, one in Vietnamese.
            forms = sorted(key for key in entry if key.startswith("msgstr["))
            assert forms, msgid
            pairs = [((msgid, int(key[7:-1])), entry[key]) for key in forms]
        else:
            pairs = [(msgid, entry["msgstr"])]
        stale += [key for key, text in pairs if compiled._catalog.get(key) != text]
    assert stale == []


def test_key_terms_in_english_and_vietnamese_left_as_written():
    # "Floor plan" is checked here because its menu item appears only once the
    # booths app's floor plan URL exists.
    with translation.override("en"):
        assert translation.gettext("Sơ đồ gian hàng") == "Floor plan"
        assert translation.gettext("Lịch của tôi") == "My plan"
        assert translation.gettext("Kết nối doanh nghiệp") == "Business matching"
        assert translation.gettext("Mã số thuế") == "Tax code"
        assert (
            translation.gettext("Ban Quản lý các khu công nghiệp và chế xuất Hà Nội")
            == "Hanoi Industrial and Export Processing Zones Authority"
        )
        seats = "còn %(seats)s chỗ"
        assert translation.ngettext(seats, seats, 1) % {"seats": 1} == "1 place left"
        assert translation.ngettext(seats, seats, 12) % {"seats": 12} == "12 places left"
    with translation.override("vi"):
        assert translation.gettext("Sơ đồ gian hàng") == "Sơ đồ gian hàng"


NAV_EN = ["Home", "Exhibitors", "Products", "Programme", "Visit", "My plan"]
NAV_VI = ["Trang chủ", "Doanh nghiệp", "Sản phẩm", "Chương trình", "Tham quan", "Lịch của tôi"]


def nav_labels(html: str) -> list[str]:
    nav = html.split('class="main-nav', 1)[1].split("</nav>", 1)[0]
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


@pytest.mark.django_db
def test_english_home_speaks_english_and_root_home_vietnamese(client, fair_on):
    fair_on(10)

    en = client.get("/en/")
    vi = client.get("/")

    assert en.status_code == 200 and vi.status_code == 200
    assert '<html lang="en"' in en.text and '<html lang="vi"' in vi.text
    assert [label for label in nav_labels(en.text) if label in NAV_EN] == NAV_EN
    assert [label for label in nav_labels(vi.text) if label in NAV_VI] == NAV_VI
    assert "10 days" in en.text and "to the opening" in en.text
    assert "Còn 10 ngày" in vi.text and "đến ngày khai mạc" in vi.text
    assert "Skip to main content" in en.text
    assert "Bỏ qua, đến nội dung chính" in vi.text and "Skip to main content" not in vi.text


@pytest.mark.django_db
def test_english_countdown_uses_the_singular_for_one_day(client, fair_on):
    fair_on(1)

    assert "1 day<" in client.get("/en/").text


@pytest.mark.django_db
def test_english_directory_search_and_labels(client, fair_on):
    fair_on(10)
    make_exhibitor(name_vi="Canon Việt Nam", name_en="Canon Vietnam")

    en = client.get("/en/exhibitors/", {"q": "khong-co-doanh-nghiep-nay"})
    vi = client.get("/exhibitors/", {"q": "khong-co-doanh-nghiep-nay"})

    assert "<h1>Exhibitors</h1>" in en.text
    assert "No matching exhibitors found." in en.text
    assert "Clear filters and show all exhibitors" in en.text
    assert "Không tìm thấy doanh nghiệp nào phù hợp." in vi.text
    assert "No matching exhibitors found." not in vi.text


@pytest.mark.django_db
def test_english_sign_in_page(client):
    en = client.get("/en/account/login/")
    vi = client.get("/account/login/")

    assert "Exhibitor sign-in" in en.text and "Forgotten your password?" in en.text
    assert "Đăng nhập doanh nghiệp" in vi.text and "Quên mật khẩu?" in vi.text


def test_admin_and_api_terms_in_english():
    # The admin is not language-prefixed (always Vietnamese at /admin/), so its English
    # is checked through the catalogue; "Doanh nghiệp" has its own context where it
    # names one company (a form section) or heads a column (one exhibitor per row).
    with translation.override("en"):
        assert translation.gettext("Bảng điều khiển") == "Dashboard"
        assert translation.gettext("Duyệt hồ sơ và giao gian") == (
            "Approve the application and assign the booths"
        )
        assert translation.gettext("Đưa các hồ sơ đã chọn vào danh sách chờ") == (
            "Put the selected applications on the waiting list"
        )
        assert translation.pgettext("công ty", "Doanh nghiệp") == "Company"
        assert translation.pgettext("cột", "Doanh nghiệp") == "Exhibitor"
        assert translation.gettext("Doanh nghiệp") == "Exhibitors"
        left = "Vui lòng thử lại sau %(minutes)s phút."
        assert translation.ngettext(left, left, 1) % {"minutes": 1} == (
            "Please try again in 1 minute."
        )
    with translation.override("vi"):
        assert translation.pgettext("công ty", "Doanh nghiệp") == "Doanh nghiệp"


@pytest.mark.django_db
def test_english_floor_plan_navigation_legend_and_table(client, fair_on):
    fair = fair_on(10)
    make_booth(fair=fair, code="A01", hall="A")
    make_booth(fair=fair, code="A02", hall="A", exhibitor=make_exhibitor(name_en="Canon Vietnam"))
    make_booth(fair=fair, code="A03", hall="A", is_blocked=True)

    en = client.get("/en/floor-plan/")
    vi = client.get("/floor-plan/")

    assert en.status_code == 200 and vi.status_code == 200
    assert "Floor plan" in nav_labels(en.text) and "Book a booth" in nav_labels(en.text)
    assert "<h1>Floor plan</h1>" in en.text
    for legend in (
        "Available — click to book",
        "Taken by an exhibitor (hatched)",
        "Held by the organisers (dotted)",
    ):
        assert legend in en.text
    assert "1 booth available at" in en.text and "3 booths, 1 available" in en.text
    assert '<th scope="col" role="columnheader">Exhibitor</th>' in en.text
    assert "Book booth A01" in en.text and "Canon Vietnam" in en.text
    assert "Chú giải" in vi.text and "Legend" not in vi.text
    assert '<th scope="col" role="columnheader">Doanh nghiệp</th>' in vi.text


@pytest.mark.django_db
def test_english_booth_application_form_and_its_errors(client, fair_on):
    fair = fair_on(10)
    make_booth(fair=fair, code="A01", hall="A")

    form = client.get("/en/booths/apply/")
    refused = client.post("/en/booths/apply/", {})

    assert form.status_code == 200
    assert "<legend>Company</legend>" in form.text
    assert "Legal name of the company" in form.text and "Preferred booths" in form.text
    assert "Choose up to 3 available booths in the table." in form.text
    assert "Send application" in form.text
    assert refused.status_code == 400
    assert "The application could not be sent" in refused.text
    assert "Your consent is needed to send the application." in refused.text
    assert "Hồ sơ chưa gửi được" not in refused.text
    assert "Hồ sơ chưa gửi được" in client.post("/booths/apply/", {}).text


@pytest.mark.django_db
def test_english_api_schema_descriptions(client, fair_on):
    fair_on(10)

    en = client.get("/api/schema/", {"lang": "en"})
    vi = client.get("/api/schema/")

    assert en.status_code == 200 and vi.status_code == 200
    assert "summary: Booths of a fair edition" in en.text
    assert "`-code` - Booth code (descending)" in en.text
    assert "`-code` - Mã gian (giảm dần)" in vi.text
    described = [
        client.get("/api/schema/", {"format": "json", **lang}).json()["info"]["description"]
        for lang in ({}, {"lang": "en"})
    ]
    assert described == [
        "Dữ liệu công khai của Hội chợ sản phẩm công nghiệp trong các khu công nghiệp Hà Nội, "
        'chỉ để đọc, không cần đăng nhập. Nội dung có hai thứ tiếng: {"vi": …, "en": …}.',
        "Public data of the Hanoi Industrial Zones Industrial Products Fair, read-only, no "
        'sign-in needed. Content comes in two languages: {"vi": …, "en": …}.',
    ]


def test_ban_to_chuc_is_always_the_organisers_in_english():
    # "Ban tổ chức" is the fair's organising team: one English word for it everywhere,
    # plural as in the e-mails' signature ("The organisers of the … Fair").
    singular = re.compile(r"\b[Tt]he organiser\b(?!s)|organiser[’']s")
    wrong = [
        (entry["msgid"], entry["msgstr"])
        for entry in po_entries(PO_PATH)[1:]
        if "ban tổ chức" in entry["msgid"].lower() and singular.search(entry.get("msgstr", ""))
    ]
    assert wrong == []
