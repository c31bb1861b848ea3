"""Stripboard pages: boards list, the stripboard and its moves, the calendar, the DOOD grid."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.models import Board, Element, Strip, StripKind
from prodoffice.scheduling.services import boards
from prodoffice.scheduling.services.calendar import calendar_set
from prodoffice.scheduling.services.script import script_import
from prodoffice.scheduling.tests.scripts_for_tests import FIRST_DRAFT
from tests.support.factories import (
    EngagementFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    position,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2027, 3, 1)


@pytest.fixture
def board(world) -> Board:
    """The Letter imported (flat N, street D, cafe D); cast numbered; days: [1 2] | [3]."""
    script_import(actor=world.office, production=world.production,
                  filename="letter.fountain", data=FIRST_DRAFT.encode())  # fmt: skip
    for number, name in enumerate(("ANN", "BEN", "CAT"), start=1):
        Element.objects.filter(production=world.production, name__iexact=name).update(
            board_id=str(number)
        )
    board = boards.board_create(actor=None, production=world.production, name="Main")
    boards.day_break_insert(actor=None, board=board, position=2)
    boards.day_break_insert(actor=None, board=board, position=4)
    calendar_set(actor=None, production=world.production, start_date=MONDAY,
                        working_weekdays=range(5))  # fmt: skip
    return board


def url(name, board, **kw) -> str:
    return reverse(f"web:{name}", args=[board.production.code, board.public_id], **kw)


def layout(board) -> list[str]:
    marks = {StripKind.DAY_BREAK: "|", StripKind.BANNER: "B"}
    strips = Strip.objects.filter(board=board).select_related("scene").order_by("position")
    return [
        (s.scene.number + ("*" if s.in_boneyard else "")) if s.scene else marks[s.kind]
        for s in strips
    ]


def strip_of(board, number) -> Strip:
    return Strip.objects.get(board=board, scene__number=number)


def move(client, board, strip, position, **extra):
    body = {"strip": strip.pk, "position": position, **extra}
    return client.post(url("board_move", board), body, HTTP_ACCEPT="application/json")


def test_stripboard_draws_colours_eighths_cast_and_dated_day_breaks(world, client_for, board):
    page = client_for(world.office).get(url("board", board)).content.decode()
    flat = page.split(f'id="strip-{strip_of(board, "1").pk}"')[1].split("</li>")[0]
    assert "--strip: #90caf9" in flat  # INT night: blue
    assert '<span class="cast">1, 2</span>' in flat and '<span class="ie">INT</span>' in flat
    street = page.split(f'id="strip-{strip_of(board, "2").pk}"')[1].split("</li>")[0]
    assert "--strip: #fff59d" in street  # EXT day: yellow
    assert "End of day 1 – Mon 1 Mar 2027 –" in page and "End of day 2 – Tue 2 Mar 2027 –" in page
    assert "est. screen time" in page and 'id="boneyard-strips"' in page
    assert 'src="/static/scheduling/stripboard.js"' in page and "<script>" not in page


def test_move_by_json_answers_the_new_sheet_with_new_day_totals(world, client_for, board):
    client = client_for(world.office)
    cafe = strip_of(board, "3")
    before = client.get(url("board", board)).context["sheet"]
    assert [d.scenes for d in before.days] == [2, 1]
    response = move(client, board, cafe, 1)
    assert response.status_code == 200, response.content
    assert layout(board) == ["3", "1", "2", "|", "|"]
    data = response.json()
    assert data["message"] == "Scene 3 moved to position 1."
    assert "End of day 1" in data["html"] and "End of day 2" not in data["html"]
    event = AuditEvent.objects.filter(action="strip.move").latest("id")
    assert event.actor == world.office and event.changes == {"position": [3, 0]}


def test_move_refuses_another_boards_strip_and_positions_outside(world, client_for, board):
    client = client_for(world.office)
    copy = boards.board_copy(actor=None, board=board, name="What-if")
    response = move(client, board, strip_of(copy, "1"), 2)
    assert response.status_code == 422
    assert response.json()["error"] == "This strip belongs to another board."
    response = move(client, board, strip_of(board, "1"), 9)
    assert response.status_code == 422
    assert "choose a position from 1 to 5" in response.json()["error"]
    response = move(client, board, strip_of(board, "1"), "x")
    assert response.status_code == 422 and "position" in response.json()["error"]
    assert layout(board) == layout(copy) == ["1", "2", "|", "3", "|"]


def test_move_without_javascript_redirects_with_a_message(world, client_for, board):
    client = client_for(world.office)
    response = client.post(url("board_move", board), {"strip": strip_of(board, "2").pk,
                                                        "position": 4}, follow=True)  # fmt: skip
    assert layout(board) == ["1", "|", "3", "2", "|"]
    assert "Scene 2 moved to position 4." in response.content.decode()


def test_boneyard_in_and_out_and_by_drag(world, client_for, board):
    client = client_for(world.office)
    flat = strip_of(board, "1")
    response = client.post(url("board_boneyard", board), {"strip": flat.pk, "to": "boneyard"},
                           HTTP_ACCEPT="application/json")  # fmt: skip
    assert response.json()["message"] == "Scene 1 moved to the boneyard."
    assert layout(board) == ["1*", "2", "|", "3", "|"]
    response = move(client, board, flat, 4, boneyard="0")
    assert response.status_code == 200 and layout(board) == ["2", "|", "3", "1", "|"]
    assert AuditEvent.objects.filter(action="strip.from_boneyard").count() == 1
    day_break = Strip.objects.filter(board=board, kind=StripKind.DAY_BREAK).first()
    response = client.post(url("board_boneyard", board), {"strip": day_break.pk},
                           HTTP_ACCEPT="application/json")  # fmt: skip
    assert response.json()["error"] == "Only scene strips go to the boneyard."


def test_insert_and_remove_day_breaks_and_banners(world, client_for, board):
    client = client_for(world.office)
    post = lambda name, body: client.post(url(name, board), body, HTTP_ACCEPT="application/json")  # noqa: E731
    assert post("board_insert", {"kind": "day_break", "position": 2}).status_code == 200
    response = post("board_insert", {"kind": "banner", "position": 1, "banner_kind": "meal",
                                     "text": "Lunch"})  # fmt: skip
    assert response.status_code == 200 and "Meal: Lunch" in response.json()["html"]
    assert layout(board) == ["B", "1", "|", "2", "|", "3", "|"]
    assert post("board_insert", {"kind": "banner", "position": 99,
                                 "banner_kind": "note"}).status_code == 422  # fmt: skip
    banner = Strip.objects.get(board=board, kind=StripKind.BANNER)
    assert post("board_strip_remove", {"strip": banner.pk}).status_code == 200
    response = post("board_strip_remove", {"strip": strip_of(board, "1").pk})
    assert response.status_code == 422 and "boneyard" in response.json()["error"]
    assert layout(board) == ["1", "|", "2", "|", "3", "|"]


def test_boards_list_create_copy_rename_set_working_delete(world, client_for, board):
    client = client_for(world.office)
    page = client.get(reverse("web:boards", args=[world.production.code]))
    assert page.status_code == 200 and "Working board" in page.content.decode()
    response = client.post(reverse("web:boards", args=[world.production.code]),
                           {"name": "Blank", "source": "empty"})  # fmt: skip
    blank = Board.objects.get(name="Blank")
    assert response.status_code == 302 and response["Location"] == url("board", blank)
    assert not blank.strips.exists()
    client.post(url("board_unplaced", blank))
    assert layout(blank) == ["1*", "2*", "3*"]
    client.post(url("board_copy", board), {"name": "Nights first"})
    copy = Board.objects.get(name="Nights first")
    assert layout(copy) == layout(board) and copy.created_from == board
    client.post(url("board_rename", copy), {"name": "Nights"})
    copy.refresh_from_db()
    assert copy.name == "Nights"
    response = client.post(url("board_rename", copy), {"name": "main"}, follow=True)
    assert "A board with this name exists." in response.content.decode()
    response = client.post(url("board_delete", board), follow=True)
    assert "cannot be deleted" in response.content.decode() and Board.objects.filter(pk=board.pk)
    client.post(url("board_working", copy))
    copy.refresh_from_db()
    assert copy.is_working
    client.post(url("board_delete", board))
    assert not Board.objects.filter(pk=board.pk).exists()
    assert AuditEvent.objects.filter(action="board.delete").count() == 1


def test_palette_edit_and_bad_colour(world, client_for, board):
    client = client_for(world.office)
    colours = {"white": "#FFFFFF", "yellow": "#ffee00", "blue": "#224488", "green": "#a5d6a7"}
    client.post(url("board_palette", board), colours)
    board.refresh_from_db()
    assert board.palette["yellow"] == "#ffee00"
    page = client.get(url("board", board)).content.decode()
    assert "strip-dark" in page  # INT night on dark blue gets light text
    response = client.post(url("board_palette", board), {**colours, "blue": "navy"}, follow=True)
    assert "for the blue strips" in response.content.decode()
    board.refresh_from_db()
    assert board.palette["blue"] == "#224488"


def days_body(*rows, initial: int = 0, extra: int = 0) -> dict:
    """The exception days formset as the browser posts it: filled rows, then blank ones."""
    body = {"days-TOTAL_FORMS": str(len(rows) + extra), "days-INITIAL_FORMS": str(initial)}
    for n, row in enumerate(rows):
        body.update({f"days-{n}-{key}": value for key, value in row.items()})
    for n in range(len(rows), len(rows) + extra):
        body.update({f"days-{n}-date": "", f"days-{n}-type": "", f"days-{n}-name": ""})
    return body


def test_calendar_page_sets_the_calendar_and_places_shoot_days(world, client_for, board):
    client = client_for(world.office)
    calendar_url = reverse("web:calendar", args=[world.production.code])
    body = {"start_date": "2027-03-05", "working_weekdays": ["0", "1", "2", "3", "4"]}
    founders = {"date": "2027-03-08", "type": "holiday", "name": "Founders day"}
    assert client.post(calendar_url, {**body, **days_body(founders, extra=3)}).status_code == 302
    page = client.get(calendar_url)
    placed = [(d.date.isoformat(), d.type) for d, _ in page.context["placed"]]
    assert placed == [("2027-03-05", "shoot"), ("2027-03-06", "weekend"),
                      ("2027-03-07", "weekend"), ("2027-03-08", "holiday"),
                      ("2027-03-09", "shoot")]  # fmt: skip
    # The saved day comes back as a row with a date picker and a type select, plus blank rows.
    html = page.content.decode()
    assert 'type="date" name="days-0-date" id="id_days-0-date" value="2027-03-08"' in html
    assert '<option value="holiday" selected>Holiday</option>' in html
    assert 'name="days-3-date"' in html and 'name="days-4-date"' not in html
    assert "<textarea" not in html
    bad = client.post(
        calendar_url,
        {**body, **days_body(founders, {"date": "2027-13-01", "type": ""}, {"type": "wrap"})},
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Day 2: Date: Enter a valid date." in text
    assert "Day 2: Type: This field is required." in text
    assert "Day 3: Date: This field is required." in text
    # Removing the day: its row ticked.
    removed = {**founders, "DELETE": "on"}
    assert client.post(calendar_url, {**body, **days_body(removed, initial=1)}).status_code == 302
    assert not world.production.calendar.exceptions.exists()


def test_calendar_page_refuses_the_same_date_twice(world, client_for, board):
    client = client_for(world.office)
    calendar_url = reverse("web:calendar", args=[world.production.code])
    body = {"start_date": "2027-03-05", "working_weekdays": ["0", "1", "2", "3", "4"]}
    rows = ({"date": "2027-03-08", "type": "holiday"}, {"date": "2027-03-08", "type": "wrap"})
    response = client.post(calendar_url, {**body, **days_body(*rows)})
    assert response.status_code == 200
    assert "Day 2: Mon 8 Mar 2027 is already day 1." in response.content.decode()
    assert not world.production.calendar.exceptions.filter(type="wrap").exists()


def test_dood_page_grid_with_category_filter(world, client_for, board):
    client = client_for(world.office)
    page = client.get(url("board_dood", board))
    assert page.status_code == 200
    rows = {line.element: codes for line, codes in page.context["rows"]}
    assert rows["ANN"] == ["SWF", ""] and rows["CAT"] == ["", "SWF"]
    html = page.content.decode()
    assert "Mon 1 Mar 2027" in html and "Day 2" in html and 'class="element"' in html
    filtered = client.get(url("board_dood", board) + "?category=Props")
    assert filtered.context["rows"] == [] and filtered.status_code == 200


def test_dood_page_says_when_the_calendar_is_missing(world, client_for, board):
    board.production.calendar.delete()
    page = client_for(world.office).get(url("board_dood", board))
    assert "Set the production calendar before the DOOD." in page.content.decode()


def test_stripboard_queries_do_not_grow_with_the_board(world, client_for, board):
    client = client_for(world.office)
    client.get(url("board", board))
    with CaptureQueriesContext(connection) as small:
        client.get(url("board", board))
    for _ in range(6):
        boards.day_break_insert(actor=None, board=board, position=0)
    copy = boards.board_copy(actor=None, board=board, name="Big")
    with CaptureQueriesContext(connection) as big:
        client.get(url("board", copy))
    assert len(big) == len(small)


def _assistant_director(world, title="1st Assistant Director", role="crew"):
    user = UserFactory(username=f"ad-{title[:3]}")
    MembershipFactory(user=user, production=world.production, role=role)
    EngagementFactory(production=world.production, person=PersonFactory(user=user),
                      position=position(title))  # fmt: skip
    return user


def test_an_assistant_director_edits_boards_and_imports_scripts(world, client_for, board):
    ad = client_for(_assistant_director(world))
    assert ad.get(url("board", board)).status_code == 200
    assert ad.get(reverse("web:script_import", args=[world.production.code])).status_code == 200
    assert move(ad, board, strip_of(board, "3"), 1).status_code == 200
    assert layout(board)[0] == "3"
    dashboard = reverse("web:dashboard", args=[world.production.code])
    assert "Stripboards</a>" in ad.get(dashboard).content.decode()  # the Schedule navigation


def test_a_grip_neither_reads_nor_moves_strips(world, client_for, board):
    grip = client_for(world.crew_a)
    assert grip.get(url("board", board)).status_code == 403
    assert move(grip, board, strip_of(board, "3"), 1).status_code == 403
    dashboard = reverse("web:dashboard", args=[world.production.code])
    assert "Stripboards</a>" not in grip.get(dashboard).content.decode()
    assert layout(board) == ["1", "2", "|", "3", "|"]


def test_heads_and_executives_read_but_do_not_move(world, client_for, board):
    for user in (world.head, world.executive):
        client = client_for(user)
        page = client.get(url("board", board)).content.decode()
        assert "strip-form" not in page and 'draggable="true"' not in page
        assert move(client, board, strip_of(board, "3"), 1).status_code == 403
    assert layout(board) == ["1", "2", "|", "3", "|"]


def test_other_productions_boards_are_not_found(world, client_for, board):
    other = client_for(world.other_office)
    assert other.get(url("board", board)).status_code == 404
    assert move(other, board, strip_of(board, "3"), 1).status_code == 404


LONG_SET = "THE ABANDONED LIGHTHOUSE KEEPER'S COTTAGE ON THE NORTHERN HEADLAND OF BRAMBLE ISLAND"


def printed_board_html(client, board) -> str:
    """The stripboard page as a browser prints it: its own stylesheets inlined, no scripts."""
    import re

    from django.contrib.staticfiles import finders

    html = client.get(url("board", board)).content.decode()

    def inline(match):
        tag = match.group(0)
        href = re.search(r'href="/static/([^"?]+)', tag)
        media = re.search(r'media="([^"]+)"', tag)
        path = finders.find(href.group(1)) if href else None
        if not path:
            return ""
        with open(path, encoding="utf-8") as css:
            return f'<style media="{media.group(1) if media else "all"}">{css.read()}</style>'

    html = re.sub(r'<link[^>]*rel="stylesheet"[^>]*>', inline, html)
    return re.sub(r"<script.*?</script>", "", html, flags=re.S)


def boxes_with_class(box, name: str, found=None) -> list:
    """Every laid-out box of the printed page whose element has the class `name`."""
    found = [] if found is None else found
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    if name in classes and (not found or found[-1].element is not element):
        found.append(box)
    for child in getattr(box, "children", []):
        boxes_with_class(child, name, found)
    return found


def test_printed_stripboard_keeps_its_columns_and_whole_set_names(world, client_for, board):
    import io

    from pypdf import PdfReader
    from weasyprint import HTML

    from prodoffice.core.pdf import render_pdf
    from prodoffice.scheduling.models import Scene

    Scene.objects.filter(script__production=world.production, number="2").update(set_name=LONG_SET)
    html = printed_board_html(client_for(world.office), board)
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(html=html))).pages
    )
    assert " ".join(LONG_SET.split()) in " ".join(text.split())  # the set name is never cut
    page = HTML(string=html).render().pages[0]._page_box
    head = boxes_with_class(page, "strips-head")[0]
    set_column = next(
        c for c in head.descendants() if getattr(c, "element", None) is not None
        and c.element.text == "Set"
    ).position_x  # fmt: skip
    for name in ("pos", "set", "pg"):
        xs = {round(box.position_x, 1) for box in boxes_with_class(page, name)}
        assert len(xs) == 1, (name, xs)  # every strip puts the cell at the same place
    # under its header (the strips' list has a 1px border the header row does not)
    assert abs(boxes_with_class(page, "set")[0].position_x - set_column) <= 1.5
