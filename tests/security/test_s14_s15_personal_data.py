"""S-14 (a person's data export holds all their data and nothing of others) and S-15 (erasure:
personal fields anonymised, what the person owns deleted, signed contracts and paperwork kept
under the office's access, the basis in the audit event), on web, API and CLI."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.people import selectors, services
from prodoffice.people.models import Credit, LanguageSkill, Person, UnionMembership
from prodoffice.productions.models import Engagement
from prodoffice.scheduling.models import FeedToken
from tests.support.personas import CANARY_PASSPORT
from tests.support.security import find_canaries

pytestmark = pytest.mark.django_db


def _personal_rows(world):
    services.language_add(actor=None, person=world.person_a, language="fr", proficiency="fluent")
    services.credit_add(
        actor=None, person=world.person_a, title="Ronin", year=1998, position="Grip"
    )
    services.union_membership_add(actor=None, person=world.person_a, union="IATSE")
    # Someone else's engagement reports to crew A: theirs, never in crew A's export.
    world.engagement_b.reports_to = world.engagement_a
    world.engagement_b.notes = "Bo's private note"
    world.engagement_b.save()


def test_s14_export_holds_all_of_the_persons_data(world, client_for):
    _personal_rows(world)
    url = reverse("web:person_data", args=[world.production.code, world.person_a.public_id])
    response = client_for(world.crew_a).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    text = response.content.decode()
    # Their private fields and their own rate are there (the canaries are crew A's own data).
    assert set(find_canaries(text)) == {"rate", "passport", "address", "date of birth"}
    assert data["person"]["passport_number"] == CANARY_PASSPORT
    assert data["account"]["username"] == "crew_a"
    records = data["records"]
    assert [r["title"] for r in records["Credits"]] == ["Ronin"]
    assert [r["language"] for r in records["Language skills"]] == ["fr"]
    assert [r["union"] for r in records["Union memberships"]] == ["IATSE"]
    assert [r["rate"] for r in records["Engagements"]] == ["987654.32"]
    assert records["Memberships"][0]["production"] == "NIGHTJAR – Nightjar"
    assert AuditEvent.objects.filter(action="person.export", actor=world.crew_a).exists()


def test_s14_export_holds_nothing_of_anyone_else(world, client_for):
    _personal_rows(world)
    url = reverse("web:person_data", args=[world.production.code, world.person_a.public_id])
    text = client_for(world.office).get(url).content.decode()
    for other in ("Bystander", "Bo's private note", world.crew_b.username, world.office.username):
        assert other not in text, other
    assert world.person_b.email not in text
    # Nor any secret: tokens, hashes, passwords.
    FeedToken.objects.create(production=world.production, person=world.person_a, kind="person")
    data = json.loads(client_for(world.office).get(url).content)
    for rows in data["records"].values():
        for row in rows:
            assert not {k for k in row if "token" in k or "hash" in k or "password" in k}


@pytest.mark.parametrize("persona", ["crew_b", "head", "executive", "outsider", "other_office"])
def test_s14_only_the_person_and_their_office_export(world, client_for, api_for, persona):
    user = getattr(world, persona)
    url = reverse("web:person_data", args=[world.production.code, world.person_a.public_id])
    assert client_for(user).get(url).status_code in (403, 404)
    api = api_for(user).get(f"/api/v1/people/{world.person_a.public_id}/data/")
    assert api.status_code in (403, 404)
    assert "ZZCANARY" not in api.content.decode()


def test_s14_api_and_cli_give_the_same_export(world, api_for, tmp_path):
    api = api_for(world.crew_a).get(f"/api/v1/people/{world.person_a.public_id}/data/")
    assert api.status_code == 200
    path = tmp_path / "me.json"
    call_command("personal_data", "export", str(world.person_a.public_id), output=str(path))
    from_cli = json.loads(path.read_text())
    for data in (api.json(), from_cli):
        data.pop("exported_at")
    assert api.json() == from_cli


def _wrap(world):
    Engagement.objects.filter(pk=world.engagement_a.pk).update(status="wrapped")


def test_s15_erasure_is_refused_while_engaged_and_for_the_person_themself(world, client_for):
    url = reverse("web:person_erase", args=[world.production.code, world.person_a.public_id])
    refused = client_for(world.office).post(url, {"basis": "Request by e-mail, 1 Dec 2026"})
    assert (
        refused.status_code == 200 and "Still engaged: NIGHTJAR (Grip" in refused.content.decode()
    )
    assert Person.objects.get(pk=world.person_a.pk).passport_number == CANARY_PASSPORT
    _wrap(world)
    assert client_for(world.crew_a).post(url, {"basis": "me"}).status_code == 403
    for persona in ("head", "crew_b", "executive", "other_office"):
        assert client_for(getattr(world, persona)).post(url, {"basis": "x"}).status_code in (
            403,
            404,
        )
    no_basis = client_for(world.office).post(url, {"basis": " "})
    assert no_basis.status_code == 200 and "basis" in no_basis.context["form"].errors
    assert Person.objects.get(pk=world.person_a.pk).erased_at is None


def test_s15_erasure_anonymises_deletes_and_keeps_what_the_law_needs(world, client_for):
    from prodoffice.contracts.models import Contract
    from prodoffice.contracts.tests.helpers import draft

    _personal_rows(world)
    contract = draft(world)
    _wrap(world)
    crew_a = client_for(world.crew_a)
    assert crew_a.get(reverse("web:home")).status_code in (200, 302)
    url = reverse("web:person_erase", args=[world.production.code, world.person_a.public_id])
    office = client_for(world.office)
    preview = office.get(url).content.decode()
    assert "1 credits" in preview and "1 contract" in preview
    done = office.post(url, {"basis": "Erasure request by e-mail, 1 Dec 2026"})
    assert done.status_code == 302
    person = Person.objects.get(pk=world.person_a.pk)
    assert person.first_name == "Erased" and person.erased_at is not None
    assert person.passport_number == "" and person.address_line1 == ""
    assert person.date_of_birth is None and person.email == ""
    for model in (Credit, LanguageSkill, UnionMembership):
        assert not model.objects.filter(person=person).exists()
    # The account is off: no password, no session, renamed.
    user = type(world.crew_a).objects.get(pk=world.crew_a.pk)
    assert not user.is_active and not user.has_usable_password()
    assert user.username.startswith("erased-") and user.email == ""
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(user.pk) not in sessions
    assert crew_a.get(reverse("web:home")).status_code == 302
    # Kept: the engagement (pay records, without notes) and the contract, office only.
    engagement = Engagement.objects.get(pk=world.engagement_a.pk)
    assert engagement.person_id == person.pk and engagement.notes == ""
    assert Contract.objects.filter(pk=contract.pk).exists()
    event = AuditEvent.objects.get(action="person.erase")
    assert event.message == "Erasure request by e-mail, 1 Dec 2026"
    assert event.actor == world.office
    assert "1 contract" in event.changes["kept"]
    # The person's page and every later export show the anonymised record only.
    page = office.get(reverse("web:person", args=[world.production.code, person.public_id]))
    assert "Canary" not in page.content.decode() and 'id="erased"' in page.content.decode()
    again = office.post(url, {"basis": "again"})
    assert again.status_code == 200 and "already erased" in again.content.decode()


def test_s15_api_and_cli_erase_through_the_same_service(world, api_for):
    _wrap(world)
    api = api_for(world.crew_b).post(
        f"/api/v1/people/{world.person_a.public_id}/erase/", {"basis": "x"}, format="json"
    )
    assert api.status_code in (403, 404)
    answer = api_for(world.office).post(
        f"/api/v1/people/{world.person_a.public_id}/erase/",
        {"basis": "Request of 1 Dec 2026"},
        format="json",
    )
    assert answer.status_code == 200 and answer.json()["person"] == str(world.person_a.public_id)
    assert Person.objects.get(pk=world.person_a.pk).erased_at is not None
    # The CLI: erase another person (wrapped), then refuse a second erasure with exit code 1.
    Engagement.objects.filter(pk=world.engagement_b.pk).update(status="released")
    out = io.StringIO()
    call_command(
        "personal_data", "erase", world.person_b.email, "--basis", "Request", "--json", stdout=out
    )
    assert json.loads(out.getvalue())["person"] == str(world.person_b.public_id)
    with pytest.raises(CommandError, match="already erased"):
        call_command("personal_data", "erase", str(world.person_b.public_id), basis="again")


def test_s15_preview_matches_what_the_erasure_does(world):
    _personal_rows(world)
    _wrap(world)
    preview = selectors.erasure_preview(world.person_a)
    result = services.person_erase(actor=world.office, person=world.person_a, basis="Request")
    assert result["deleted"] == preview["deleted"]
    assert result["kept"] == preview["kept"]
    assert "1 engagement" in result["kept"]
