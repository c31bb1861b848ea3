"""Crew list: filters, search, sort, pagination, HTMX fragments, exports, query budgets."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from tests.support.factories import EngagementFactory, PersonFactory, position

pytestmark = pytest.mark.django_db


def _crew(client, code, **params):
    return client.get(reverse("web:crew", args=[code]), params)


def _names(response) -> list[str]:
    return [e.person.full_name for e in response.context["page"].object_list]


def test_filter_by_department_status_position(world, office, code):
    EngagementFactory(
        production=world.production,
        person=PersonFactory(first_name="Cam", last_name="Op"),
        position=position("Director of Photography"),
        status="offered",
    )
    camera = position("Director of Photography").department.slug
    assert _names(_crew(office, code, department=camera)) == ["Cam Op"]
    assert _names(_crew(office, code, status="offered")) == ["Cam Op"]
    assert _names(_crew(office, code, position=position("Grip").pk)) == ["Ada Canary"]


def test_search_matches_name_and_position(world, office, code):
    assert _names(_crew(office, code, q="canary")) == ["Ada Canary"]
    assert _names(_crew(office, code, q="electrician")) == ["Bo Bystander"]
    response = _crew(office, code, q="nobody-like-this")
    assert 'id="crew-empty"' in response.content.decode()


def test_sort_by_name_both_ways(world, office, code):
    assert _names(_crew(office, code, sort="name")) == ["Bo Bystander", "Ada Canary"]
    assert _names(_crew(office, code, sort="-name")) == ["Ada Canary", "Bo Bystander"]
    html = _crew(office, code, sort="name").content.decode()
    assert 'aria-sort="ascending"' in html


def test_pagination_pages_of_fifty(world, office, code):
    for _ in range(55):
        EngagementFactory(production=world.production, position=position("Electrician"))
    first, second = _crew(office, code), _crew(office, code, page=2)
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 7
    assert "Page 2 of 2" in second.content.decode()


def test_htmx_filter_returns_only_the_table_fragment(world, office, code):
    response = office.get(
        reverse("web:crew", args=[code]),
        {"q": "canary"},
        headers={"HX-Request": "true", "HX-Target": "crew-results"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="crew-results">')
    assert "Ada Canary" in html and "<html" not in html
    assert 'id="crew-count" hx-swap-oob="true">(1)' in html


def test_rates_column_only_for_the_office(world, office, client_for, code):
    assert "987" in _crew(office, code).content.decode()
    html = _crew(client_for(world.head), code).content.decode()
    assert "987654" not in html and ">Rate<" not in html


def test_csv_export_has_header_and_rows_and_is_audited(world, office, code):
    response = office.get(reverse("web:crew_export", args=[code, "csv"]))
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("First name,Last name,Position,Department,Status,E-mail,Phone")
    assert len(lines) == 3 and "987654.32" in text
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="crew.export", production=world.production).exists()


def test_xlsx_export_opens_with_openpyxl(world, office, code):
    response = office.get(reverse("web:crew_export", args=[code, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("First name", "Last name")
    assert {r[:2] for r in rows[1:]} == {("Ada", "Canary"), ("Bo", "Bystander")}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_crew_b_export_never_has_crew_a_rate(world, client_for, code, fmt):
    response = client_for(world.crew_b).get(reverse("web:crew_export", args=[code, fmt]))
    body = response.content
    if fmt == "xlsx":
        rows = list(openpyxl.load_workbook(io.BytesIO(body)).active.values)
        body = repr(rows).encode()
    assert b"987654" not in body and b"Canary" not in body


def test_head_export_has_no_rate_columns(world, client_for, code):
    text = client_for(world.head).get(reverse("web:crew_export", args=[code, "csv"])).content
    assert b"Rate" not in text.splitlines()[0] and b"987654" not in text


def test_print_view_lists_everyone(world, office, code):
    html = office.get(reverse("web:crew_print", args=[code])).content.decode()
    assert "Ada Canary" in html and "Bo Bystander" in html and "data-print" in html


def _add_crew(production, n):
    for _ in range(n):
        EngagementFactory(production=production, position=position("Electrician"))


@pytest.mark.parametrize("n", [5, 50])
def test_crew_list_query_budget_is_constant(world, office, code, n, django_assert_max_num_queries):
    _add_crew(world.production, n)
    with django_assert_max_num_queries(12):
        assert _crew(office, code).status_code == 200


@pytest.mark.parametrize("n", [5, 50])
def test_people_list_query_budget_is_constant(
    world, office, code, n, django_assert_max_num_queries
):
    _add_crew(world.production, n)
    with django_assert_max_num_queries(10):
        assert office.get(reverse("web:people", args=[code])).status_code == 200
