"""Who sees which people and companies."""

from __future__ import annotations

from django.db import models

from prodoffice.accounts.choices import OFFICE_ROLES, PRODUCTION_WIDE_ROLES
from prodoffice.accounts.permissions import production_ids


class PersonQuerySet(models.QuerySet):
    """People scoped by the productions a user may see."""

    def for_user(self, user, action: str = "view"):
        """Self always; production-wide roles see their productions' people; office also edits."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        roles = OFFICE_ROLES if action != "view" else PRODUCTION_WIDE_ROLES
        pids = production_ids(user, roles)
        office = production_ids(user, OFFICE_ROLES)
        return self.filter(
            models.Q(user=user)
            | models.Q(engagements__production_id__in=pids)
            | models.Q(home_production_id__in=office)
        ).distinct()

    def search(self, text: str):
        """Case-insensitive match on first, last or known-as name and e-mail (web and API)."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            models.Q(first_name__icontains=text)
            | models.Q(last_name__icontains=text)
            | models.Q(known_as__icontains=text)
            | models.Q(email__icontains=text)
        )


def _company_references() -> list[tuple[models.QuerySet, str, str]]:
    """Every way a production references a company: (rows, company column, production column).
    Productions and contracts sit above people (STYLE.md): their models are reached by name."""
    from django.apps import apps

    production = apps.get_model("productions", "Production")
    contract = apps.get_model("contracts", "Contract")
    party = apps.get_model("contracts", "ContractParty")
    contact = apps.get_model("people", "CompanyContact")
    representation = apps.get_model("people", "Representation")
    return [
        (production.objects, "studio_id", "id"),
        (production.objects, "production_company_id", "id"),
        (contract.objects, "agency_id", "production_id"),
        (contract.objects, "loan_out_company_id", "production_id"),
        (party.objects, "company_id", "contract__production_id"),
        (representation.objects, "agency_id", "person__engagements__production_id"),
        (contact.objects, "company_id", "person__engagements__production_id"),
    ]


def company_production_ids(company_ids) -> dict[int, set[int]]:
    """The productions that reference each company: its home production (whose office added it),
    the productions it is studio or production company of, the productions where a person it
    represents or employs is engaged, and the productions of contracts naming it."""
    from django.apps import apps

    ids = list(company_ids)
    found: dict[int, set[int]] = {pk: set() for pk in ids}
    homes = apps.get_model("people", "Company").objects.filter(pk__in=ids)
    for pk, home in homes.values_list("pk", "home_production_id"):
        if home is not None:
            found[pk].add(home)
    for rows, company, production in _company_references():
        pairs = rows.filter(**{f"{company}__in": ids}).values_list(company, production)
        for pk, pid in pairs.distinct():
            if pid is not None:
                found[pk].add(pid)
    return found


class CompanyQuerySet(models.QuerySet):
    """Companies, scoped like people: visible to the productions that reference them."""

    def referenced_by(self, production_ids):
        """Companies some of these productions reference (see `company_production_ids`)."""
        q = models.Q(home_production_id__in=production_ids)
        for rows, company, production in _company_references():
            used = rows.filter(**{f"{production}__in": production_ids}).values(company)
            q |= models.Q(pk__in=used)
        return self.filter(q)

    def for_user(self, user, action: str = "view"):
        """View: members of a production that references the company. Change: office staff of
        the one production that references it; a company several productions share is changed
        by none of them (site administrators only), like a person is not split between offices."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if action == "view":
            return self.referenced_by(production_ids(user))
        office = set(production_ids(user, OFFICE_ROLES))
        candidates = self.referenced_by(office)
        refs = company_production_ids(candidates.values_list("pk", flat=True))
        return self.filter(pk__in=[pk for pk, pids in refs.items() if len(pids) == 1])
