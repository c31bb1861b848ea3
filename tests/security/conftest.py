"""Fixtures of the security suite: the world with meetings, a client and a token per role."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from prodoffice.accounts.models import Membership
from prodoffice.audit.models import AuditEvent
from prodoffice.core.testing.factories import CompanyFactory, department
from prodoffice.people import services as people
from prodoffice.productions.meetings import action_item_add, meeting_create
from tests.security.harness import ROLES, Objects


def _side(production, engagement, meeting, member) -> Objects:
    action = action_item_add(
        actor=None, meeting=meeting, text="Rig the balloon light", assignee=engagement
    )
    person = engagement.person
    company = CompanyFactory(kind="agency")
    return Objects(
        production=production,
        engagement=engagement,
        person=person,
        meeting=meeting,
        membership=Membership.objects.get(production=production, user=member),
        company=company,
        action=action,
        credit=people.credit_add(
            actor=None, person=person, title="Heat", year=1995, position="Grip"
        ),
        language=people.language_add(
            actor=None, person=person, language="fr", proficiency="fluent"
        ),
        union=people.union_membership_add(actor=None, person=person, union="IATSE"),
        representation=people.representation_add(actor=None, person=person, agency=company),
        audit=AuditEvent.objects.filter(production=production).first(),
        **_optimizer_objects(production),
    )


def _optimizer_objects(production) -> dict:
    """--- opt --- a board with two scenes and a queued optimizer run of it."""
    from prodoffice.scheduling.boards import board_create
    from prodoffice.scheduling.models import OptimizationRun
    from prodoffice.scheduling.tests.test_dood_selector import make_scenes, make_script

    make_scenes(make_script(production), 2)
    board = board_create(actor=None, production=production, name="Main")
    run = OptimizationRun.objects.create(board=board, time_limit=5, settings={})
    return {"board": board, "optimization": run}


@pytest.fixture
def objects(world) -> dict[str, Objects]:
    """The objects of production A (side "a") and of the other production (side "other")."""
    grip = department("lighting-grip").pk
    meeting_a = meeting_create(
        actor=None, production=world.production, title="Lighting prep", department_ids=[grip]
    )
    meeting_o = meeting_create(actor=None, production=world.other, title="Other prep")
    return {
        "a": _side(world.production, world.engagement_a, meeting_a, world.crew_b),
        "other": _side(world.other, world.other_engagement, meeting_o, world.other_office),
    }


@pytest.fixture
def users(world) -> dict[str, object]:
    """Every persona by role name, anonymous as None."""
    return {**world.users(), "other_office": world.other_office, "anonymous": None}


@pytest.fixture
def web(users) -> dict[str, Client]:
    """A logged-in web client per role (anonymous: a fresh one)."""
    clients = {}
    for role in ROLES:
        clients[role] = Client(raise_request_exception=False)
        if users[role] is not None:
            clients[role].force_login(users[role])
    return clients


@pytest.fixture
def api(users) -> dict[str, Client]:
    """An API client per role with a real bearer token (anonymous: no credentials)."""
    clients = {}
    for role in ROLES:
        user = users[role]
        headers = {}
        if user is not None:
            headers["Authorization"] = f"Bearer {Token.objects.create(user=user).key}"
        clients[role] = Client(headers=headers, raise_request_exception=False)
    return clients
