"""Fixtures of the security suite: the world with meetings, a client and a token per role."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from prodoffice.accounts.models import Membership
from prodoffice.audit.models import AuditEvent
from prodoffice.core.testing.factories import CompanyFactory, department
from prodoffice.people import services as people
from prodoffice.productions.meetings import action_item_add, meeting_create
from prodoffice.scheduling import boards
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
        contract=_contract(production, engagement),
        board=_board(production),
    )


def _contract(production, engagement):
    """A draft crew deal memo whose party is the engagement's person (crew_a on side "a")."""
    from prodoffice.contracts import services as contracts

    contract = contracts.contract_create(
        actor=None,
        production=production,
        contract_type="crew",
        title="Deal memo",
        engagement=engagement,
        rate=engagement.rate,
        rate_unit="day",
        currency="USD",
    )
    contracts.party_add(
        actor=None,
        contract=contract,
        person=engagement.person,
        role="crew",
        email="party@example.org",
    )
    return contract


def _board(production):
    """A stripboard "Main" of one scene with ANN in it, on a Monday-to-Friday calendar."""
    from prodoffice.scheduling.boards import board_create, calendar_set
    from prodoffice.scheduling.models import (
        BreakdownCategory,
        Element,
        Scene,
        SceneElement,
        Script,
        scene_sort_key,
    )

    script = Script.objects.create(production=production, revision_colour="White",
                                   source_filename="s.fountain", source_format="fountain",
                                   sha256="0" * 64)  # fmt: skip
    scene = Scene.objects.create(script=script, number="1", sort_key=scene_sort_key("1"),
                                 position=1, eighths=8, set_name="DOCKS")  # fmt: skip
    cast = BreakdownCategory.objects.create(
        production=production, ucid=100, name="Cast Members", colour="#e53935"
    )
    ann = Element.objects.create(production=production, category=cast, name="ANN", board_id="1")
    SceneElement.objects.create(scene=scene, element=ann)
    start = datetime.date(2027, 3, 1)
    calendar_set(actor=None, production=production, start_date=start, working_weekdays=range(5))
    board = board_create(actor=None, production=production, name="Main")
    boards.day_break_insert(actor=None, board=board, position=0)
    boards.banner_insert(actor=None, board=board, position=1, banner_kind="meal", text="Lunch")
    return board


@pytest.fixture
def objects(world) -> dict[str, Objects]:
    """The objects of production A (side "a") and of the other production (side "other")."""
    grip = department("lighting-grip").pk
    meeting_a = meeting_create(
        actor=None, production=world.production, title="Lighting prep", department_ids=[grip]
    )
    meeting_o = meeting_create(actor=None, production=world.other, title="Other prep")
    # The other production's office may countersign there (the matrix's "office" relation).
    Membership.objects.filter(user=world.other_office).update(can_countersign=True)
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
