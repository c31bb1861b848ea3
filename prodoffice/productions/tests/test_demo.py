"""The demo production: realistic, complete, idempotent, one login per role."""

from __future__ import annotations

import io
import json
import socket
import subprocess
from pathlib import Path

import phonenumbers
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prodoffice.accounts.choices import OFFICE_ROLES, Role
from prodoffice.accounts.models import Membership, User
from prodoffice.audit.models import AuditEvent
from prodoffice.people.models import Person
from prodoffice.productions.models import Department, Engagement, Production

pytestmark = pytest.mark.django_db


def run_demo(*args: str) -> dict:
    out = io.StringIO()
    call_command("demo", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def totals() -> tuple[int, ...]:
    return (
        Production.objects.count(),
        Person.objects.count(),
        Engagement.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


def test_demo_is_complete_and_idempotent():
    first = run_demo()
    assert first["production"] == "HARBOR" and first["created"]
    before = totals()
    second = run_demo()
    assert totals() == before
    assert not second["created"]
    assert second["logins"] == first["logins"]

    production = Production.objects.get(code="HARBOR")
    engagements = Engagement.objects.filter(production=production).select_related(
        "position__department", "person", "reports_to__position"
    )
    crew = [e for e in engagements if not e.position.department.is_cast]
    assert len(crew) >= 60
    assert {e.position.department_id for e in engagements} == set(
        Department.objects.values_list("id", flat=True)
    )
    cast = sorted((e for e in engagements if e.cast_number), key=lambda e: e.cast_number)
    assert [e.cast_number for e in cast] == list(range(1, 31))  # the script's 30 speaking parts
    assert all(e.character for e in cast)
    assert {"confirmed", "offered", "prospect"} <= {e.status for e in engagements}
    assert any(e.experience_warning for e in engagements if e.position.is_key)
    for pa in (e for e in engagements if e.position.title == "Production Assistant"):
        assert pa.reports_to.position.title == "Production Manager"
    for e in engagements:
        assert phonenumbers.is_valid_number(phonenumbers.parse(e.person.phone))
    assert (
        production.start_date.year == 2027 and production.studio and production.production_company
    )
    check_meetings_people_and_audit(production)
    check_logins(production, second["logins"])
    check_changed_password_is_reported()


def check_meetings_people_and_audit(production: Production) -> None:
    kickoff = production.meetings.get(kind="kickoff")
    assert kickoff.agenda_items.count() >= 5
    assert kickoff.attendances.count() == production.engagements.filter(status="confirmed").count()
    meeting = production.meetings.get(kind="production")
    assert meeting.decisions.exists() and meeting.action_items.filter(assignee__isnull=False)
    leads = production.engagements.filter(position__title="Lead Actor")
    assert all(e.person.representations.exists() for e in leads)
    people = Person.objects.filter(engagements__production=production)
    assert people.filter(union_memberships__isnull=False).exists()
    assert people.filter(languages__language="es").exists()
    assert people.filter(credits__isnull=False).exists()
    events = AuditEvent.objects.filter(production=production)
    # Everything the loader did is the CLI's; the background work it queued (the contracts'
    # render on send) is the system's, as it is when the worker runs it.
    assert set(events.exclude(action="contract.sent").values_list("source", flat=True)) == {"cli"}
    assert set(events.filter(action="contract.sent").values_list("source", flat=True)) == {"system"}


def check_logins(production: Production, logins: list[dict]) -> None:
    assert {row["role"] for row in logins} == set(Role.values)
    for row in logins:
        user = User.objects.get(username=row["username"])
        assert user.check_password(row["password"])
        assert user.memberships.get(production=production).role == row["role"]
    head = Membership.objects.get(production=production, role=Role.DEPARTMENT_HEAD)
    assert head.department.slug == "camera"
    for role in (Role.CREW, Role.CAST):
        user = Membership.objects.get(production=production, role=role).user
        assert user.person.engagements.filter(production=production).exists()
    assert not any("totp_secret" in row for row in logins)


def check_changed_password_is_reported() -> None:
    user = User.objects.get(username="demo.crew")
    user.set_password("a-new-private-password-9")
    user.save()
    row = next(r for r in run_demo()["logins"] if r["username"] == "demo.crew")
    assert row["password"] is None and "changed" in row["note"]


def test_demo_if_empty_leaves_a_database_with_productions_alone(world):
    before = totals()
    data = run_demo("--if-empty")
    assert data == {"production": None, "created": False, "logins": []}
    assert totals() == before


def test_demo_enrols_office_logins_with_totp_when_mfa_is_required(settings):
    settings.PRODOFFICE_MFA_REQUIRED = True
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "HARBOR" in text and "demo.producer" in text and "TOTP secret" in text
    logins = run_demo()["logins"]
    for row in logins:
        has_totp = "totp_secret" in row and row.get("otpauth", "").startswith("otpauth://totp/")
        assert has_totp == (row["role"] in OFFICE_ROLES)


def run_cli(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_logins_prints_the_loaded_demo_and_loads_nothing():
    assert "No demo production" in run_cli("--logins")
    assert Production.objects.count() == 0 and User.objects.count() == 0
    loaded = run_demo()
    before = totals()
    out = io.StringIO()
    call_command("demo", "--logins", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert totals() == before
    assert data["production"] == "HARBOR" and not data["created"]
    assert data["logins"] == loaded["logins"]
    text = run_cli("--logins")
    assert "Demo production HARBOR" in text
    for row in loaded["logins"]:
        assert f"{row['username']:<18} {row['password']:<19} {row['role']}" in text


def test_demo_logins_never_loads_the_demo_next_to_other_productions(world):
    before = totals()
    assert "No demo production" in run_cli("--logins")
    assert totals() == before


def test_demo_logins_wait_for_ends_with_the_url_once_the_server_answers():
    run_demo()
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        text = run_cli("--logins", "--wait-for", f"0.0.0.0:{port}")
    lines = text.strip().splitlines()
    assert "demo.producer" in text
    assert lines[-1] == f"Open http://127.0.0.1:{port}/ (Ctrl-C stops)."


def test_demo_logins_wait_for_names_a_bad_address():
    with pytest.raises(CommandError, match="HOST:PORT"):
        run_cli("--logins", "--wait-for", "8000")
    with pytest.raises(CommandError, match="--logins"):
        run_cli("--wait-for", "127.0.0.1:8000")


def test_make_run_prints_the_logins_last_once_the_server_answers():
    """The demo load is quiet; the logins wait for the server on the same HOST and PORT."""
    root = Path(__file__).resolve().parents[3]
    plan = subprocess.run(
        ["make", "-n", "-C", str(root), "run", "HOST=127.0.0.2", "PORT=8123"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "prodoffice demo --if-empty >/dev/null" in plan
    assert "prodoffice demo --logins --wait-for 127.0.0.2:8123 &" in plan
    assert plan.index("demo --logins") < plan.index("runserver 127.0.0.2:8123")
