"""Query-count budgets: every list endpoint costs the same number of queries for 2 or 30 rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prodoffice.audit import services as audit
from prodoffice.people.models import Credit, LanguageSkill, Representation, UnionMembership
from prodoffice.productions.models import ActionItem, AgendaItem, Attendance, Decision, Meeting
from tests.support.factories import (
    CompanyFactory,
    EngagementFactory,
    MembershipFactory,
    PersonFactory,
    ProductionFactory,
    position,
)

pytestmark = pytest.mark.django_db

#: Endpoint -> the queries a page costs: memberships, count, rows, then one per prefetch.
BUDGETS = {
    "/api/v1/productions/": 3,
    "/api/v1/engagements/?production=NIGHTJAR": 4,
    "/api/v1/people/": 9,
    "/api/v1/companies/": 3,
    "/api/v1/memberships/": 3,
    "/api/v1/meetings/": 8,
    "/api/v1/audit-events/": 3,
}


def _grow(world, n: int) -> None:
    """Add n rows of every listed kind to the office's production."""
    agency = CompanyFactory(kind="agency")
    for i in range(n):
        person = PersonFactory(home_production=world.production)
        eng = EngagementFactory(
            production=world.production,
            person=person,
            position=position("Grip"),
            reports_to=world.engagement_a,
            rate="100.00",
            rate_unit="day",
            currency="USD",
        )
        UnionMembership.objects.create(person=person, union="IATSE", local=f"Local {i}")
        LanguageSkill.objects.create(person=person, language="fr", proficiency="fluent")
        Credit.objects.create(person=person, title=f"Film {i}", year=2020, position="Grip")
        Representation.objects.create(person=person, agency=agency)
        CompanyFactory()
        MembershipFactory(production=world.production, role="crew")
        meeting = Meeting.objects.create(
            production=world.production, kind="production", title=f"M{i}"
        )
        AgendaItem.objects.create(meeting=meeting, title="Point")
        Decision.objects.create(meeting=meeting, text="Yes")
        ActionItem.objects.create(meeting=meeting, text="Do", assignee=eng)
        Attendance.objects.create(meeting=meeting, engagement=eng)
        MembershipFactory(user=world.office, production=ProductionFactory(studio=agency))
        # Through the one writer: audit events are hash-chained (ADR 0013).
        audit.record(
            actor=world.office, action="test.grow", target=eng, production=world.production
        )


def _count(client, url: str) -> tuple[int, int]:
    # Forget the memberships cached on the user, so each request pays for them as in production.
    client.handler._force_user.__dict__.pop("_prodoffice_memberships", None)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response.json()["count"]


@pytest.mark.parametrize("url", sorted(BUDGETS))
def test_list_queries_are_constant_in_rows(world, api_for, url, django_assert_max_num_queries):
    client = api_for(world.office)
    _grow(world, 2)
    few, few_rows = _count(client, url)
    _grow(world, 28)
    many, many_rows = _count(client, url)
    assert many_rows > few_rows
    assert many == few, f"{url}: {few} queries for {few_rows} rows, {many} for {many_rows}"
    assert many <= BUDGETS[url]
    with django_assert_max_num_queries(BUDGETS[url]):
        client.get(url)
