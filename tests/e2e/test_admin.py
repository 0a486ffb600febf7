"""In a real browser: the board's admin pages."""

import os

import pytest

from tests.factories import make_fair, make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_admin_slug_typed_from_a_vietnamese_title_keeps_its_letters(live_server, page):
    make_fair(is_current=True)
    make_user(username="bql", is_staff=True, is_superuser=True, password="Ban-quan-ly-2024")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bql")
    page.fill("#id_password", "Ban-quan-ly-2024")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/events/sideevent/add/")
    page.locator("#id_title_vi").press_sequentially("Hội thảo Điện tử và Đúc khuôn")

    assert page.locator("#id_slug").input_value() == "hoi-thao-dien-tu-va-duc-khuon"


def test_admin_application_decision_log_fits_a_phone_screen(live_server, browser):
    from fairportal.audit import record
    from tests.factories import make_application

    application = make_application(fair=make_fair(is_current=True))
    board = make_user(username="bql", email="bql@example.vn", is_staff=True, is_superuser=True)
    record(action="application.submitted", obj=application, actor_label="an@minhlong.vn")
    record(
        action="application.rejected",
        obj=application,
        actor=board,
        changes={
            "decision_note": "Hội chợ dành cho sản phẩm do doanh nghiệp sản xuất trong các khu "
            "công nghiệp; doanh nghiệp phân phối hàng nhập khẩu chưa thuộc đối tượng tham gia."
        },
    )
    board.set_password("Ban-quan-ly-2024")
    board.save()
    context = browser.new_context(viewport={"width": 390, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bql")
    page.fill("#id_password", "Ban-quan-ly-2024")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/booths/boothapplication/{application.pk}/change/")

    log = page.locator(".audit-table")
    box = log.bounding_box()
    assert box["x"] + box["width"] <= 390
    note = log.get_by_text("chưa thuộc đối tượng tham gia")
    note_box = note.bounding_box()
    assert note_box["x"] >= 0 and note_box["x"] + note_box["width"] <= 390
    assert note.is_visible()
    assert "Chi tiết" in log.inner_text()  # each row still says what its cells are
    context.close()


def _sign_in_at(browser, live_server, width):
    make_user(username="bql", is_staff=True, is_superuser=True, password="Ban-quan-ly-2024")
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bql")
    page.fill("#id_password", "Ban-quan-ly-2024")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def _results_fit(page) -> bool:
    return page.evaluate(
        "() => { const r = document.querySelector('#changelist .results');"
        " return r.scrollWidth <= r.clientWidth; }"
    )


def test_admin_registration_list_shows_every_column_on_a_laptop_screen(live_server, browser):
    from tests.factories import make_event, make_registration

    event = make_event(
        fair=make_fair(is_current=True),
        title_vi="Tọa đàm: An toàn thực phẩm và tiêu chuẩn xuất khẩu sang Nhật Bản",
    )
    make_registration(
        event=event,
        name="Lê Minh Châu",
        email="khach3@vidu.example.vn",
        organisation="Công ty CP Nhựa Đông Anh",
    )
    context, page = _sign_in_at(browser, live_server, 1280)

    page.goto(f"{live_server.url}/admin/events/eventregistration/")

    results = page.locator("#changelist .results").bounding_box()
    last_header = page.locator("#result_list thead th").last
    header_box = last_header.bounding_box()
    assert last_header.inner_text().strip().lower() == "có mặt lúc"
    assert header_box["x"] + header_box["width"] <= results["x"] + results["width"]
    assert _results_fit(page)
    context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_admin_side_event_list_shows_every_column_on_a_laptop_screen(live_server, browser, prefix):
    from tests.factories import make_event

    make_event(
        fair=make_fair(is_current=True, short_name_vi="Hội chợ KCN Hà Nội 2027"),
        title_vi="Hội thảo: Phát triển công nghiệp hỗ trợ trong các KCN Hà Nội",
        title_en="Seminar: Growing supporting industries in Hanoi's industrial zones",
        room_vi="Phòng hội thảo 1, Nhà A",
        room_en="Seminar room 1, Hall A",
        capacity=120,
    )
    context, page = _sign_in_at(browser, live_server, 1280)

    page.goto(f"{live_server.url}{prefix}/admin/events/sideevent/")

    assert _results_fit(page)
    assert "0/120" in page.locator("#result_list tbody").inner_text()  # taken/capacity
    context.close()


def test_admin_side_event_dates_and_times_stay_inside_the_form_on_a_phone(live_server, browser):
    from tests.factories import make_event

    event = make_event(fair=make_fair(is_current=True))
    context, page = _sign_in_at(browser, live_server, 390)

    page.goto(f"{live_server.url}/admin/events/sideevent/{event.pk}/change/")

    room = page.locator("#id_room_vi").bounding_box()
    edges = [
        (round(box["x"]), round(box["x"] + box["width"]))
        for box in (
            page.locator(f"#id_{name}").bounding_box()
            for name in ("starts_at_0", "starts_at_1", "ends_at_0", "ends_at_1")
        )
    ]
    # Level with the room's input, as every other input of the form.
    assert edges == [(round(room["x"]), round(room["x"] + room["width"]))] * 4
    context.close()


def _five_lists_with_long_names():
    """Realistic long names in the columns that pushed five lists off a 1280 px screen."""
    from events.models import SideEvent
    from tests.factories import (
        make_application,
        make_booth,
        make_event,
        make_exhibitor,
        make_meeting_request,
        make_product,
        make_sector,
        make_zone,
    )

    fair = make_fair(
        is_current=True,
        venue_vi="Trung tâm Hội chợ Triển lãm Quốc gia, Đông Anh",
        venue_en="National Exhibition and Convention Center, Dong Anh",
    )
    zone = make_zone(
        name_vi="KCN Bắc Thăng Long mở rộng giai đoạn 2",
        name_en="Bac Thang Long Industrial Park, extension phase 2",
    )
    make_application(
        fair=fair,
        zone=zone,
        trading_name_vi="Công ty Cổ phần Cơ khí Chính xác và Khuôn mẫu Đông Anh",
        trading_name_en="Dong Anh Precision Engineering and Mould Joint Stock Company",
    )
    exhibitor = make_exhibitor(
        name_vi="Công ty TNHH Linh kiện Điện tử Công nghệ cao Thăng Long",
        name_en="Thang Long High-Tech Electronic Components Co., Ltd.",
        zone=zone,
    )
    make_booth(
        fair=fair,
        exhibitor=exhibitor,
        fascia_name="THANG LONG HIGH-TECH ELECTRONIC COMPONENTS",
    )
    sector = make_sector(
        name_vi="Linh kiện điện tử và thiết bị điện gia dụng",
        name_en="Electronic components and household electrical appliances",
    )
    make_product(
        exhibitor=exhibitor,
        sector=sector,
        name_vi="Bảng mạch in nhiều lớp cho thiết bị điều khiển công nghiệp",
        name_en="Multilayer printed circuit boards for industrial controllers",
    )
    session = make_event(
        fair=fair,
        kind=SideEvent.Kind.BUSINESS_MATCHING,
        title_vi="Kết nối giao thương với các nhà đầu tư Nhật Bản và Hàn Quốc",
        title_en="Business matching with Japanese and Korean investors",
    )
    make_meeting_request(
        session=session,
        exhibitor=exhibitor,
        requester_company="Yamamoto Precision Industrial Components Trading Co., Ltd.",
        requester_name="Yamamoto Haruki",
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/booths/boothapplication/",
        "/en/admin/booths/boothapplication/",
        "/en/admin/events/fair/",
    ],
)
def test_admin_list_fits_a_laptop_screen_with_long_names(live_server, browser, url):
    _five_lists_with_long_names()
    context, page = _sign_in_at(browser, live_server, 1280)

    page.goto(f"{live_server.url}{url}")

    assert page.locator("#result_list tbody tr").count() >= 1
    assert _results_fit(page)
    context.close()


# The header of a column and its lines: lines of a short word each ("NUMBER / OF /
# BOOTHS", "NGÀY / KHAI / MẠC") are a header wrapped badly.
_CHANGE_LIST_LAYOUT = """() => {
  const results = document.querySelector('#changelist .results');
  const headers = [...document.querySelectorAll(
    '#result_list thead th:not(.action-checkbox-column) .text')].map(text => {
    const tops = new Set();
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0) tops.add(Math.round(rect.top));
      }
    }
    return [text.innerText.trim().replace(/\\s+/g, ' '), tops.size];
  });
  return {
    page: document.documentElement.scrollWidth,
    results: results && [results.scrollWidth, results.clientWidth],
    headers,
  };
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_admin_change_lists_keep_the_page_to_the_screen_and_headers_readable(
    live_server, browser, settings, width, prefix
):
    """Every change list of the fair's models, with the demo fair's rows: the page is no
    wider than the screen (a wide list scrolls in its own box, and on a laptop the list
    fits), and no column header is cut into lines of a short word each."""
    import io

    from django.contrib import admin
    from django.core.management import call_command
    from django.urls import reverse

    settings.DEBUG = True
    call_command("load_demo_fair", "--year", "2027", stdout=io.StringIO())
    lists = sorted(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if model._meta.app_label in {"booths", "events", "exhibitors", "fairportal"}
    )
    context, page = _sign_in_at(browser, live_server, width)

    wrong = []
    for url in lists:
        page.goto(f"{live_server.url}{prefix}{url}")
        layout = page.evaluate(_CHANGE_LIST_LAYOUT)
        if layout["page"] > width:
            wrong.append((url, "page", layout["page"]))
        if width == 1280 and layout["results"] and layout["results"][0] > layout["results"][1]:
            wrong.append((url, "list", layout["results"]))
        wrong += [
            (url, header, lines)
            for header, lines in layout["headers"]
            if lines > 2 and len(header) / lines < 7
        ]

    assert len(lists) == 16
    assert wrong == []
    context.close()
