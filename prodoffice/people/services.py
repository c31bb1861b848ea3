"""Every write to the directory: persons, their cards, languages and credits, companies, agents."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from prodoffice.accounts import permissions as perms
from prodoffice.audit.services import record
from prodoffice.core.services import require, save_changes, validate
from prodoffice.people import selectors
from prodoffice.people.models import (
    Company,
    CompanyContact,
    Credit,
    LanguageSkill,
    Person,
    Representation,
    UnionMembership,
)
from prodoffice.people.permissions import can_edit_company, can_use_company
from prodoffice.people.validators import normalise_phone

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "known_as",
    "pronouns",
    "email",
    "email_alt",
    "phone",
    "phone_alt",
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "country",
    "emergency_contact_name",
    "emergency_contact_relation",
    "emergency_contact_phone",
    "date_of_birth",
    "nationality",
    "passport_number",
    "passport_country",
    "passport_expiry",
    "visa_details",
    "years_experience",
    "bio",
)
PHONE_FIELDS = ("phone", "phone_alt", "emergency_contact_phone")
COMPANY_FIELDS = ("name", "kind", "email", "phone", "website", "address", "country")


def _normalise(values: dict[str, Any], region: str | None) -> dict[str, Any]:
    """Phones to E.164 and codes to upper case; every bad phone reported under its field."""
    out = dict(values)
    errors = {}
    for field in PHONE_FIELDS:
        if field in out:
            try:
                out[field] = normalise_phone(out[field] or "", region)
            except ValidationError as exc:
                errors[field] = exc.messages
    for field in ("country", "nationality", "passport_country"):
        if out.get(field):
            out[field] = out[field].strip().upper()
    if out.get("email"):
        out["email"] = out["email"].strip()
    if errors:
        raise ValidationError(errors)
    return out


def _check_email_free(email: str, exclude_pk: int | None = None) -> None:
    if not email:
        return
    clash = Person.objects.annotate(e=Lower("email")).filter(e=email.lower())
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                "email": ValidationError(
                    f"{email} already belongs to another person.", code="duplicate_email"
                )
            }
        )


@transaction.atomic
def person_create(*, actor, production=None, **values: Any) -> Person:
    """Add a person to the directory, scoped to the production whose office adds them."""
    if actor is not None:
        require(
            (production is not None and perms.is_office(actor, production.pk)) or actor.is_superuser
        )
    values = _normalise(values, values.get("country"))
    _check_email_free(values.get("email", ""))
    person = Person(home_production=production)
    save_changes(person, values, PERSON_FIELDS)
    if person.pk is None:
        validate(person)
        person.save()
    record(actor=actor, action="person.create", target=person, production=production)
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **values: Any) -> Person:
    """Change a person's details (the person themself or office staff of their productions)."""
    if actor is not None:
        require(perms.can_edit_person(actor, person))
    person = Person.objects.select_for_update().get(pk=person.pk)
    values = _normalise(values, values.get("country") or person.country)
    if "email" in values:
        _check_email_free(values["email"], exclude_pk=person.pk)
    changes = save_changes(person, values, PERSON_FIELDS)
    if changes:
        record(actor=actor, action="person.update", target=person, changes=changes)
    return person


def _child_create(actor, person, model, action: str, **values: Any):
    if actor is not None:
        require(perms.can_edit_person(actor, person))
    obj = model(person=person, **values)
    validate(obj)
    obj.save()
    record(
        actor=actor, action=action, target=person, changes={action.split(".")[0]: [None, str(obj)]}
    )
    return obj


@transaction.atomic
def union_membership_add(
    *, actor, person: Person, union: str, local: str = "", member_number: str = ""
):
    """Record a union or guild card."""
    return _child_create(
        actor,
        person,
        UnionMembership,
        "union.add",
        union=union,
        local=local,
        member_number=member_number,
    )


@transaction.atomic
def language_add(*, actor, person: Person, language: str, proficiency: str) -> LanguageSkill:
    """Record a language the person speaks."""
    return _child_create(
        actor, person, LanguageSkill, "language.add", language=language, proficiency=proficiency
    )


@transaction.atomic
def credit_add(*, actor, person: Person, title: str, year: int, position: str) -> Credit:
    """Record a past credit."""
    return _child_create(
        actor, person, Credit, "credit.add", title=title, year=year, position=position
    )


@transaction.atomic
def person_child_remove(*, actor, obj) -> None:
    """Remove a union card, language or credit from a person."""
    person = obj.person
    if actor is not None:
        require(perms.can_edit_person(actor, person))
    label = f"{obj._meta.model_name}.remove"
    record(
        actor=actor, action=label, target=person, changes={obj._meta.model_name: [str(obj), None]}
    )
    obj.delete()


def _require_company_editor(actor, company: Company) -> None:
    if actor is not None:
        require(
            can_edit_company(actor, company),
            "Only the office of the one production that uses this company changes it; a company "
            "several productions share is changed by a site administrator.",
        )


@transaction.atomic
def company_create(*, actor, production=None, **values: Any) -> Company:
    """Add a company, scoped to the production whose office adds it (like a person)."""
    if actor is not None and not actor.is_superuser:
        require(perms.is_office_anywhere(actor), "Only production office staff add companies.")
        if production is None:
            raise ValidationError({"production": "Name the production this company is for."})
        require(perms.is_office(actor, production.pk), "Only the production office adds companies.")
    if values.get("phone"):
        values["phone"] = normalise_phone(values["phone"], values.get("country"))
    company = Company(home_production=production)
    save_changes(company, values, COMPANY_FIELDS)
    record(actor=actor, action="company.create", target=company, production=production)
    return company


@transaction.atomic
def company_update(*, actor, company: Company, **values: Any) -> Company:
    """Change a company's details (the office of the one production using it)."""
    company = Company.objects.select_for_update().get(pk=company.pk)
    _require_company_editor(actor, company)
    if values.get("phone"):
        try:
            values["phone"] = normalise_phone(
                values["phone"], values.get("country") or company.country
            )
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages}) from exc
    changes = save_changes(company, values, COMPANY_FIELDS)
    if changes:
        record(actor=actor, action="company.update", target=company, changes=changes)
    return company


@transaction.atomic
def company_contact_add(
    *, actor, company: Company, person: Person, title: str = ""
) -> CompanyContact:
    """Link a person to a company as a contact."""
    _require_company_editor(actor, company)
    if actor is not None:
        require(perms.can_edit_person(actor, person))
    contact = CompanyContact(company=company, person=person, title=title)
    validate(contact)
    contact.save()
    record(
        actor=actor,
        action="company.contact_add",
        target=company,
        changes={"contact": [None, str(person)]},
    )
    return contact


@transaction.atomic
def representation_add(*, actor, person: Person, agent=None, agency=None, kind: str = "agent"):
    """Record who represents a person (agent, manager or loan-out company)."""
    if agent is None and agency is None:
        raise ValidationError({"agent": "Name an agent or an agency."})
    if agent is not None and agent.pk == person.pk:
        raise ValidationError({"agent": "A person cannot represent themself."})
    if actor is not None and agency is not None and not can_use_company(actor, agency):
        raise ValidationError({"agency": "Unknown company."})
    visible = Person.objects.for_user(actor) if actor is not None else None
    if visible is not None and agent is not None and not visible.filter(pk=agent.pk).exists():
        raise ValidationError({"agent": "Unknown person."})
    return _child_create(
        actor, person, Representation, "representation.add", agent=agent, agency=agency, kind=kind
    )


@transaction.atomic
def person_erase(*, actor, person: Person, basis: str) -> dict[str, Any]:
    """Anonymise a person and delete what they own outright; keep what the production must
    (S-15). Returns what was deleted and what is kept, in words."""
    basis = (basis or "").strip()
    if not basis:
        raise ValidationError({"basis": "Say why (the request and its date, or the legal basis)."})
    if len(basis) > selectors.BASIS_MAX:
        raise ValidationError({"basis": f"At most {selectors.BASIS_MAX} characters."})
    person = Person.objects.select_for_update().get(pk=person.pk)
    selectors.require_eraser(actor, person)
    if person.erased_at is not None:
        raise ValidationError({"person": "This person's data was already erased."})
    live = selectors.engaged(person)
    if live:
        message = f"Still engaged: {'; '.join(live)}. Wrap or release these engagements first."
        raise ValidationError({"person": message})
    deleted = selectors.owned_rows(person)
    for _model, field, rows in list(selectors.personal_rows(person)):
        if field.related_model is Person and selectors.owned(field):
            rows.delete()
    kept = selectors.kept_rows(person)
    selectors.Engagement.objects.filter(person=person).update(notes="")
    short = str(person.public_id)[:8]
    for name in PERSON_FIELDS:
        field = Person._meta.get_field(name)
        setattr(person, name, None if field.null else (0 if name == "years_experience" else ""))
    person.first_name, person.last_name = "Erased", f"person {short}"
    person.erased_at, person.erasure_basis = timezone.now(), basis
    person.save()
    user = person.user
    if user is not None:
        _erase_account(user, short)
        deleted.append("the account's sign-in, sessions, API token and second factor")
    record(
        actor=actor,
        action="person.erase",
        target=person,
        message=basis,
        changes={"deleted": deleted, "kept": kept},
    )
    return {"person": str(person.public_id), "deleted": deleted, "kept": kept}


def _erase_account(user, short: str) -> None:
    from prodoffice.accounts.services import user_sessions

    user_model = get_user_model()
    sessions = [s.session_key for s in user_sessions(user)]
    Session.objects.filter(session_key__in=sessions).delete()
    for label in ("authtoken.token", "otp_totp.totpdevice", "api.idempotentrequest"):
        model = apps.get_model(label)
        model._default_manager.filter(user=user).delete()
    user = user_model.objects.select_for_update().get(pk=user.pk)
    user.username = f"erased-{short}"
    user.email = user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
