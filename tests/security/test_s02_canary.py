"""S-02: crew A's canaries (rate 987654.32, passport ZZCANARY123, address, date of birth) never
reach anyone but the office and crew A, on any page, export, search, PDF, API answer or error."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse

from prodoffice.audit.models import AuditEvent
from tests.security import harness as h
from tests.security.route_matrix import OPERATIONS, ROUTES
from tests.support.personas import CANARY_ADDRESS, CANARY_PASSPORT, CANARY_RATE
from tests.support.security import find_canaries, response_text

pytestmark = pytest.mark.django_db

#: Who must never see crew A's pay or private details.
READERS_WITHOUT_ACCESS = ("crew_b", "head", "executive", "other_office", "outsider")
#: Fewer URLs than this means the crawl lost its routes (a broken matrix or URL filling).
MIN_URLS = 60
_MISSING = "00000000-0000-4000-8000-000000000000"


def _route_urls(objects) -> list[str]:
    urls = []
    for route in h.routes():
        entry = ROUTES.get(route.name)
        if entry is None or entry.get is None or not entry.get.ok_for:
            continue  # POST-only views; a route without an entry fails S-01
        for side in h.SIDES if entry.target else ("a",):
            url = h.route_url(route, entry, objects[side])
            urls += [url, *(url + v for v in entry.variants)]
    return urls


def _api_urls(objects) -> list[str]:
    urls = []
    for key, method, path in h.operations():
        entry = OPERATIONS.get(key)
        if method != "GET" or entry is None:
            continue
        for side in h.SIDES if entry.target else ("a",):
            url = h.op_url(path, entry, objects[side])
            urls += [url, *(url + v for v in entry.variants)]
    return urls


def _extra_urls(objects) -> list[str]:
    """Exports in every format, searches for the canaries, error pages."""
    code = objects["a"].production.code
    urls = ["/api/schema/", "/no-such-page/", f"/p/{code}/crew/{_MISSING}/", f"/p/{code}/audit/"]
    # A vanished export route is reported by S-01 as a stale matrix entry.
    with contextlib.suppress(NoReverseMatch):
        urls += [reverse("web:crew_export", args=[code, f]) for f in ("csv", "xlsx", "json")]
    # Partial values: a full canary in the query would be echoed back in the search box.
    searches = ("987654", "ZZCANARY", "Canary Wharf", "1980-05")
    urls += [f"/api/v1/people/?q={q}" for q in searches]
    urls += [f"/api/v1/engagements/?search={q}" for q in searches]
    urls += [f"/p/{code}/people/?q={q}" for q in searches]
    urls += [f"/api/v1/engagements/?ordering=-rate&rate={q}" for q in ("987654.32",)]
    return urls


HTMX = {"HX-Request": "true", "HX-Target": "crew-results"}


def crawl(client, urls, headers=None) -> dict[str, list[str]]:
    """GET every URL; the canaries found in each answer."""
    found = {}
    for url in urls:
        response = client.get(url, headers=headers)
        hits = find_canaries(response_text(response))
        if hits:
            found[url] = hits
    return found


def _lists(urls) -> list[str]:
    return [u for u in urls if "?" in u]


@pytest.fixture
def history(world):
    """The canaries pass through the services once, so the audit log has had its chance to
    record them (it must redact them, S-13)."""
    from prodoffice.people.services import person_update
    from prodoffice.productions.services.engagements import engagement_update

    e, p = world.engagement_a, world.person_a
    engagement_update(actor=world.office, engagement=e, rate=Decimal("1.00"))
    engagement_update(actor=world.office, engagement=e, rate=CANARY_RATE)
    person_update(actor=world.office, person=p, passport_number="X1", address_line1="1 Elm St")
    dob = p.date_of_birth
    person_update(actor=world.office, person=p, date_of_birth=None)
    person_update(
        actor=world.office,
        person=p,
        passport_number=CANARY_PASSPORT,
        address_line1=CANARY_ADDRESS,
        date_of_birth=dob,
    )
    return AuditEvent.objects.all()


def test_s02_audit_log_never_records_the_canaries(history):
    """S-13: the audit trail notes that pay, a passport or a birth date changed, never the
    values (every private person field is redacted: audit.services.redacted_fields)."""
    assert history.filter(action__startswith="person.").exists()
    rows = [f"{e.action} {e.changes} {e.message} {e.target_label}" for e in history]
    canaries = {"rate", "passport", "date of birth", "address"}
    assert not [r for r in rows if set(find_canaries(r)) & canaries]


@pytest.fixture
def crawl_urls(objects, history) -> list[str]:
    urls = _route_urls(objects) + _api_urls(objects) + _extra_urls(objects)
    return list(dict.fromkeys(urls))


@pytest.mark.parametrize("role", READERS_WITHOUT_ACCESS)
def test_s02_canaries_never_reach_other_readers(role, crawl_urls, web, api):
    """Pages with a session, API answers with a token: no rate, passport, address or birth date."""
    web_urls = [u for u in crawl_urls if not u.startswith("/api/v1/")]
    api_urls = [u for u in crawl_urls if u.startswith("/api/v1/")]
    # Lists also answer HTMX with their results fragment only: crawl those fragments too.
    fragments = {u + " (htmx)": hit for u, hit in crawl(web[role], _lists(web_urls), HTMX).items()}
    leaks = {**crawl(web[role], web_urls), **crawl(api[role], api_urls), **fragments}
    print(f"S-02: {len(crawl_urls)} URLs tried as {role}")
    assert len(crawl_urls) >= MIN_URLS, crawl_urls
    assert not leaks, f"canaries leaked to {role}: {leaks}"


@pytest.mark.parametrize("role", ["office", "crew_a"])
def test_s02_office_and_crew_a_do_see_the_canaries(role, crawl_urls, web):
    """The crawl has teeth: the same URLs (the API through the session) show them to those
    allowed."""
    found = crawl(web[role], crawl_urls)
    seen = {name for hits in found.values() for name in hits}
    assert {"rate", "passport", "address", "date of birth"} <= seen, (seen, found)


def test_s02_canaries_are_recognised_in_every_spelling():
    """The detector catches the rate however a locale formats it."""
    for text in ("987654.32", "987,654.32", "987654,32", "987.654,32", "$987,654.32"):
        assert find_canaries(text) == ["rate"], text
    assert find_canaries("zzcanary123 17 canary wharf lane 17/05/1980") == [
        "passport",
        "address",
        "date of birth",
    ]
    assert find_canaries("98765432 1987-06-54") == []
