"""When the board gives, frees, moves or swaps a company's booths, the company hears of it."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from booths import services
from booths.models import Booth
from fairportal import clock
from tests.factories import make_booth, make_exhibitor, make_fair, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coming_fair(db):
    start = clock.today() + datetime.timedelta(days=30)
    return make_fair(
        name_vi="Hội chợ KCN Hà Nội 2027",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=2),
    )


@pytest.fixture
def floor(coming_fair):
    return {
        code: make_booth(fair=coming_fair, code=code, hall=code[0], plan_x=i * 30, plan_y=0)
        for i, code in enumerate(["A01", "A02", "B01"])
    }


@pytest.fixture
def board(db):
    return make_user(is_staff=True, is_superuser=True)


def company(name, email):
    return make_exhibitor(
        name_vi=name, email=f"info@{email}", members=[make_user(email=f"lan@{email}")]
    )


def test_a_move_tells_the_company_its_old_and_new_booths(
    floor, board, django_capture_on_commit_callbacks
):
    canon = company("Canon Việt Nam", "canon.example.vn")
    services.assign_booth(booth=floor["A01"], exhibitor=canon, actor=board)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.move_exhibitor(
            exhibitor=canon, from_booths=[floor["A01"]], to_booths=[floor["B01"]], actor=board
        )

    [message] = mail.outbox
    assert message.to == ["info@canon.example.vn", "lan@canon.example.vn"]
    assert message.subject == "Gian hàng của Canon Việt Nam tại Hội chợ KCN Hà Nội 2027 đã thay đổi"
    assert message.reply_to == [settings.BOARD_EMAIL]
    assert "Gian trước đây: A01\n" in message.body
    assert "Gian hiện nay: B01\n" in message.body
    assert f"{settings.PORTAL_BASE_URL}/floor-plan/?booth=B01#booth-B01" in message.body
    assert f"{settings.PORTAL_BASE_URL}/account/booths/" in message.body


def test_a_move_tells_the_company_its_fascia_name_comes_along(
    floor, board, django_capture_on_commit_callbacks
):
    canon = company("Canon Việt Nam", "canon.example.vn")
    services.assign_booth(booth=floor["A01"], exhibitor=canon, actor=board)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.move_exhibitor(
            exhibitor=canon, from_booths=[floor["A01"]], to_booths=[floor["B01"]], actor=board
        )

    [message] = mail.outbox
    assert "Gian mới mang tên bảng mà doanh nghiệp đang dùng." in message.body
    assert "không đi theo" not in message.body


def test_a_move_tells_an_english_speaking_company_in_english_and_each_person_in_theirs(
    coming_fair, floor, board, django_capture_on_commit_callbacks
):
    # Canon applied on the English pages; one representative works in Vietnamese.
    coming_fair.name_en = "Hanoi Industrial Zones Fair 2027"
    coming_fair.save()
    canon = make_exhibitor(
        name_vi="Canon Việt Nam",
        name_en="Canon Vietnam",
        email="info@canon.example.vn",
        language="en",
        members=[
            make_user(email="sato@canon.example.jp", language="en"),
            make_user(email="lan@canon.example.vn", language="vi"),
        ],
    )
    services.assign_booth(booth=floor["A01"], exhibitor=canon, actor=board)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.move_exhibitor(
            exhibitor=canon, from_booths=[floor["A01"]], to_booths=[floor["B01"]], actor=board
        )

    vietnamese, english = mail.outbox
    assert vietnamese.to == ["lan@canon.example.vn"]
    assert vietnamese.subject == (
        "Gian hàng của Canon Việt Nam tại Hội chợ KCN Hà Nội 2027 đã thay đổi"
    )
    assert english.to == ["info@canon.example.vn", "sato@canon.example.jp"]
    assert english.subject == (
        "The booths of Canon Vietnam at Hanoi Industrial Zones Fair 2027 have changed"
    )
    assert "Booths before: A01\nBooths now: B01\n" in english.body
    assert f"{settings.PORTAL_BASE_URL}/en/floor-plan/?booth=B01#booth-B01" in english.body
    assert f"{settings.PORTAL_BASE_URL}/en/account/booths/" in english.body
    assert english.reply_to == [settings.BOARD_EMAIL]


def test_a_swap_tells_both_companies_their_own_booth(
    floor, board, django_capture_on_commit_callbacks
):
    canon = company("Canon Việt Nam", "canon.example.vn")
    toto = company("TOTO Việt Nam", "toto.example.vn")
    services.assign_booth(booth=floor["A01"], exhibitor=canon, actor=board)
    services.assign_booth(booth=floor["A02"], exhibitor=toto, actor=board)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.swap_booths(booth_a=floor["A01"], booth_b=floor["A02"], actor=board)

    by_company = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_company) == {"info@canon.example.vn", "info@toto.example.vn"}
    assert "Gian trước đây: A01\nGian hiện nay: A02\n" in by_company["info@canon.example.vn"]
    assert "Gian trước đây: A02\nGian hiện nay: A01\n" in by_company["info@toto.example.vn"]


def test_a_release_and_a_new_booth_are_both_told(floor, board, django_capture_on_commit_callbacks):
    canon = company("Canon Việt Nam", "canon.example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        services.assign_booth(booth=floor["A01"], exhibitor=canon, actor=board)
        services.assign_booth(booth=floor["B01"], exhibitor=canon, actor=board)
        services.release_booth(booth=floor["A01"], actor=board)

    given, added, freed = (message.body for message in mail.outbox)
    assert "Gian trước đây: không có\nGian hiện nay: A01\n" in given
    assert "Gian trước đây: A01\nGian hiện nay: A01, B01\n" in added
    assert "/floor-plan/?booth=B01#booth-B01" in added  # the new one is the one to find
    assert "Gian trước đây: A01, B01\nGian hiện nay: B01\n" in freed

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.release_booth(booth=floor["B01"], actor=board)
    [last] = mail.outbox
    assert "Gian hiện nay: không còn gian nào\n" in last.body
    assert "/floor-plan/" not in last.body


def test_a_refused_move_tells_nobody(floor, board, django_capture_on_commit_callbacks):
    canon = company("Canon Việt Nam", "canon.example.vn")
    toto = company("TOTO Việt Nam", "toto.example.vn")
    services.assign_booth(booth=floor["A01"], exhibitor=canon, actor=board)
    services.assign_booth(booth=floor["B01"], exhibitor=toto, actor=board)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.BoothTaken):
        services.move_exhibitor(
            exhibitor=canon, from_booths=[floor["A01"]], to_booths=[floor["B01"]], actor=board
        )

    assert mail.outbox == []
    assert Booth.objects.get(code="A01").exhibitor == canon


def test_no_mail_for_a_fair_that_is_over_or_a_company_without_an_address(
    board, fair_clock, django_capture_on_commit_callbacks
):
    past = make_fair(
        starts_on=datetime.date(2024, 9, 20), ends_on=datetime.date(2024, 9, 22), is_current=False
    )
    old_booth = make_booth(fair=past, code="A01")
    canon = company("Canon Việt Nam", "canon.example.vn")
    silent = make_exhibitor(name_vi="Không e-mail", email="")
    coming = make_fair(starts_on=datetime.date(2025, 9, 20), ends_on=datetime.date(2025, 9, 22))
    new_booth = make_booth(fair=coming, code="C01")
    fair_clock.set(fair_clock.when.replace(day=23, month=9))  # the day after the 2024 fair

    with django_capture_on_commit_callbacks(execute=True):
        services.assign_booth(booth=old_booth, exhibitor=canon, actor=board)
        services.assign_booth(booth=new_booth, exhibitor=silent, actor=board)

    assert mail.outbox == []


def test_the_board_moving_a_company_in_the_admin_mails_it(
    client, floor, board, django_capture_on_commit_callbacks
):
    canon = company("Canon Việt Nam", "canon.example.vn")
    services.assign_booth(booth=floor["A01"], exhibitor=canon, actor=board)
    mail.outbox.clear()
    client.force_login(board)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:booths_booth_move") + f"?ids={floor['A01'].pk}",
            {"to_booths": [floor["A02"].pk]},
        )

    assert response.status_code == 302
    [message] = mail.outbox
    assert "Gian hiện nay: A02\n" in message.body


def test_freeing_several_booths_of_a_company_at_once_sends_it_one_mail(
    client, floor, board, django_capture_on_commit_callbacks
):
    canon = company("Canon Việt Nam", "canon.example.vn")
    toto = company("TOTO Việt Nam", "toto.example.vn")
    services.assign_booth(booth=floor["A01"], exhibitor=canon, actor=board)
    services.assign_booth(booth=floor["A02"], exhibitor=canon, actor=board)
    services.assign_booth(booth=floor["B01"], exhibitor=toto, actor=board)
    mail.outbox.clear()
    client.force_login(board)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:booths_booth_changelist"),
            {
                "action": "release_selected",
                "_selected_action": [floor["A01"].pk, floor["A02"].pk, floor["B01"].pk],
            },
        )

    by_company = {message.to[0]: message.body for message in mail.outbox}
    assert len(mail.outbox) == 2
    assert (
        "Gian trước đây: A01, A02\nGian hiện nay: không còn gian nào\n"
        in by_company["info@canon.example.vn"]
    )
    assert (
        "Gian trước đây: B01\nGian hiện nay: không còn gian nào\n"
        in by_company["info@toto.example.vn"]
    )
    assert Booth.objects.filter(exhibitor__isnull=False).count() == 0


def test_freeing_a_free_booth_with_a_held_one_frees_the_held_one_and_says_so(
    client, floor, board, django_capture_on_commit_callbacks
):
    canon = company("Canon Việt Nam", "canon.example.vn")
    services.assign_booth(booth=floor["A02"], exhibitor=canon, actor=board)
    mail.outbox.clear()
    client.force_login(board)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:booths_booth_changelist"),
            {"action": "release_selected", "_selected_action": [floor["A01"].pk, floor["A02"].pk]},
            follow=True,
        )

    said = [str(message) for message in response.context["messages"]]
    assert said == ["Gian A01 đang trống.", "Đã giải phóng gian A02."]
    [message] = mail.outbox
    assert "Gian trước đây: A02\nGian hiện nay: không còn gian nào\n" in message.body


def test_a_change_in_a_fair_that_is_not_the_current_one_sends_no_links_to_the_current_plan(
    coming_fair, board, django_capture_on_commit_callbacks
):
    # The board lays out next year's fair while this year's is still the current one:
    # the public plan and the company area show this year's booths, under the same codes.
    next_year = make_fair(
        name_vi="Hội chợ KCN Hà Nội 2028",
        starts_on=coming_fair.starts_on + datetime.timedelta(days=365),
        ends_on=coming_fair.ends_on + datetime.timedelta(days=365),
        is_current=False,
    )
    make_booth(fair=coming_fair, code="A01")
    a01 = make_booth(fair=next_year, code="A01")
    a02 = make_booth(fair=next_year, code="A02")
    canon = company("Canon Việt Nam", "canon.example.vn")
    services.assign_booth(booth=a01, exhibitor=canon, actor=board)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.move_exhibitor(exhibitor=canon, from_booths=[a01], to_booths=[a02], actor=board)

    [message] = mail.outbox
    assert message.subject == "Gian hàng của Canon Việt Nam tại Hội chợ KCN Hà Nội 2028 đã thay đổi"
    assert "Gian trước đây: A01\nGian hiện nay: A02\n" in message.body
    assert "/floor-plan/" not in message.body
    assert "/account/booths/" not in message.body
