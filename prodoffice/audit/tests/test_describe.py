"""Audit events in words: every action code the services record has a sentence, and no sentence
shows a raw code or an internal id."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from prodoffice.audit import describe
from prodoffice.audit.models import AuditEvent
from prodoffice.contracts.choices import BulkKind

ROOT = Path(__file__).resolve().parents[2]

#: Calls that carry an action code: `record(action=...)` and the apps' wrappers around it, with
#: the prefix a wrapper adds (contracts' `audit(actor, "send", ...)` records `contract.send`).
RECORDERS = {
    "record": "",
    "audit": "contract.",
    "_audit": "",
    "_insert": "",
    "_set_boneyard": "",
    "_child_create": "",
    "_after_engagement_write": "",
    "_after_party": "contract.party_",
}
#: Codes built at run time, by the f-string that builds them; a new f-string fails the test
#: until it is listed here with what it expands to.
DYNAMIC = {
    "f'contract.{action}'": [],  # the wrapper itself: its callers' codes are found one by one
    "f'contract.bulk_{kind}'": [f"contract.bulk_{k}" for k in BulkKind.values],
    "f'party_{verb}'": [],  # `_after_party(..., "sign")`: found through the _after_party calls
    "f'{obj._meta.model_name}.remove'": [
        f"{m}.remove" for m in ("unionmembership", "languageskill", "credit", "representation")
    ],
}
CODE = re.compile(r"^[a-z_]+(\.[a-z_]+)?$")


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or parts[0] in ("optimizer",):
            continue
        text = path.read_text()
        if "record" in text or "audit" in text:
            yield path, text


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _is_code(value, call: str) -> bool:
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return False
    return bool(CODE.match(value.value)) and (call != "record" or "." in value.value)


def emitted_codes() -> tuple[set[str], set[str]]:
    """Every action code the code base records, and the f-strings that build codes."""
    codes, dynamic = set(), set()
    for path, text in _sources():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Call) or _call_name(node) not in RECORDERS:
                continue
            name = _call_name(node)
            if name == "audit" and "contracts" not in path.parts:
                continue
            values = [k.value for k in node.keywords if k.arg == "action"] or node.args
            for value in values:
                if isinstance(value, ast.JoinedStr):
                    dynamic.add(ast.unparse(value))
                elif _is_code(value, name):
                    prefix = RECORDERS[name] if "." not in value.value else ""
                    codes.add(prefix + value.value)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.JoinedStr) and ast.unparse(node).endswith(".remove'"):
                dynamic.add(ast.unparse(node))
    return codes, dynamic


def test_the_scan_finds_the_codes_it_should():
    codes, _ = emitted_codes()
    # One of each way a code is written, so a scan that silently finds nothing fails here.
    assert {"membership.set", "contract.send", "strip.to_boneyard", "credit.add"} <= codes
    assert {"contract.party_sign", "engagement.update", "optimization.finish"} <= codes
    assert len(codes) > 80


def test_every_action_code_in_the_services_has_a_sentence():
    codes, dynamic = emitted_codes()
    unknown_builders = dynamic - set(DYNAMIC)
    assert not unknown_builders, (
        f"list what these f-strings expand to in DYNAMIC: {unknown_builders}"
    )
    for expansions in DYNAMIC.values():
        codes.update(expansions)
    missing = sorted(codes - describe.registered())
    assert not missing, f"actions without a sentence (add them to the app's describers): {missing}"


def _event(action: str, **kwargs) -> AuditEvent:
    values = {
        "action": action,
        "actor_label": "Maya Okafor",
        "source": "web",
        "target_type": "nowhere.gone",
        "target_id": "4242",
        "target_label": "Ada Lovelace",
        "changes": {},
    }
    return AuditEvent(**(values | kwargs))


@pytest.mark.parametrize("action", sorted(describe.registered()))
def test_no_sentence_shows_a_raw_code_or_an_id(action):
    words = describe.describe(_event(action))
    assert words.known and words.sentence.startswith("Maya Okafor ")
    text = " ".join([words.sentence, *words.details])
    assert action not in text
    assert "4242" not in text and "id=" not in text and " pk" not in text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text
    assert "{" not in text and "None" not in text


def test_unknown_action_of_an_old_row_reads_from_the_code_words():
    words = describe.describe(_event("contract.frobnicate", target_label="HARB-001 Deal memo"))
    assert words.sentence == "Maya Okafor changed the contract HARB-001 Deal memo."
    assert not words.known


@pytest.mark.django_db
def test_membership_role_change_reads_as_a_sentence_with_labels(world):
    from prodoffice.accounts.choices import Role
    from prodoffice.productions.services import memberships

    memberships.membership_set(
        actor=world.office, user=world.crew_a, production=world.production, role=Role.COORDINATOR
    )
    event = AuditEvent.objects.filter(action="membership.set").latest("id")
    words = describe.describe(event)
    name = world.crew_a.get_full_name() or world.crew_a.username
    assert words.sentence == (f"{world.office} set {name}'s role to Production coordinator."), (
        words.sentence
    )
    assert words.details == ["Role: Crew → Production coordinator"]
    assert str(world.production.pk) not in words.sentence


@pytest.mark.django_db
def test_related_objects_read_by_name_and_booleans_as_words(world):
    from prodoffice.productions.services import engagements

    engagements.engagement_update(
        actor=world.office, engagement=world.engagement_b, reports_to=world.engagement_a
    )
    event = AuditEvent.objects.filter(action="engagement.update").latest("id")
    words = describe.describe(event)
    assert words.sentence == (
        "office set Bo Bystander (Electrician)'s reports to: Ada Canary (Grip)."
    ), words.sentence
    assert str(world.engagement_a.pk) not in " ".join([words.sentence, *words.details])
    assert describe.value_label(None, True) == "Yes" and describe.value_label(None, None) == "—"


@pytest.mark.django_db
def test_a_removed_related_object_reads_as_removed_not_as_its_id(world):
    from prodoffice.productions.models import Engagement

    field = Engagement._meta.get_field("reports_to")
    assert describe.value_label(field, "987654") == "a removed engagement"


@pytest.mark.django_db
def test_a_page_of_events_costs_a_few_queries_whatever_its_length(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from prodoffice.productions.services import engagements

    for n in range(12):
        engagements.engagement_update(
            actor=world.office, engagement=world.engagement_b, notes=f"Note {n}"
        )
        engagements.engagement_update(
            actor=world.office, engagement=world.engagement_a, notes=f"Note {n}"
        )
    events = list(AuditEvent.objects.filter(action="engagement.update").select_related("actor"))
    with CaptureQueriesContext(connection) as queries:
        words = describe.describe_all(events)
    assert len(words) == 24 and all(w.known for w in words)
    assert len(queries) <= 2, [q["sql"] for q in queries]
