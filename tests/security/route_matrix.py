"""S-01: the expected answer of every route and API operation, per role and object.

A route or operation without an entry here fails `test_s01_matrix.py`: adding a page means saying
who may open it. Relations (see harness.relation): office, head (lighting & grip, which holds
crew_a's Grip engagement), executive, self (crew_a on their own engagement or person), crew
(crew_b; crew_a on production-level pages), stranger (no membership in the object's production:
outsider, other_office on production A, everyone but other_office on the other production),
anon. Unless stated, strangers get 404, members without access 403 or 404, anonymous a redirect
to sign in (web) or 401/403 (API).
"""

from __future__ import annotations

from tests.security.harness import DENY, NOT_FOUND, Access, Entry

_MEMBER = frozenset({"office", "head", "executive", "self", "crew"})

EVERYONE = Access(ok_for=_MEMBER | {"stranger", "anon"})
SIGNED_IN = Access(ok_for=_MEMBER | {"stranger"})
MEMBERS = Access(ok_for=_MEMBER)
#: The whole crew list: production-wide roles, and crew_a on their own object.
WIDE = Access(ok_for=frozenset({"office", "head", "executive", "self"}))
OFFICE = Access(ok_for=frozenset({"office"}))
#: Editors of an engagement: office, and the head of its department.
EDITORS = Access(ok_for=frozenset({"office", "head"}))
SELF_OR_OFFICE = Access(ok_for=frozenset({"office", "self"}))

REDIRECT_OR_OK = frozenset({200, 302})
#: An allowed form POST: saved (redirect or HTMX 204) or re-rendered with errors.
POST_OK = frozenset({200, 204, 302, 422})
#: POST-only views: a GET is refused before anything else (even before the sign-in check).
NO_GET = Access(ok_for=frozenset(), denied=405, stranger=405, anon=405)
#: Catch-alls that answer "not found" to anyone, whatever the method (nothing to change).
NOWHERE = Access(ok_for=frozenset(), denied=404, stranger=404, anon=404)


def posting(access: Access) -> Access:
    """The same access for a form POST."""
    return access.but(ok=POST_OK)


def _engagement_body(o):
    # The side's person as an Electrician (lighting & grip: the head's own department).
    electrician = o.engagement.position.department.positions.get(title="Electrician")
    return {"person": o.person.pk, "position": electrician.pk, "status": "prospect"}


def _status(value):
    return lambda o: {"status": value}


# --- web pages and other non-API routes, by route name -------------------------------------------
ROUTES: dict[str, Entry] = {
    "web:home": Entry(None, SIGNED_IN.but(ok=REDIRECT_OR_OK), note="to the first dashboard"),
    "web:healthz": Entry(None, EVERYONE),
    "accounts:login": Entry(
        None,
        EVERYONE.but(ok=REDIRECT_OR_OK),
        post=EVERYONE.but(ok=REDIRECT_OR_OK),
        note="signed-in users are sent on; a failed sign-in re-renders the form",
    ),
    "accounts:logout": Entry(
        None,
        Access(ok_for=frozenset(), denied=405, stranger=405, anon=405),
        post=EVERYONE.but(ok=302),
        note="POST only: a GET cannot sign anyone out (S-06)",
    ),
    "api-schema": Entry(None, EVERYONE, note="the API description is public documentation"),
    "api-docs": Entry(None, EVERYONE, note="the interactive docs page is public"),
    "/api/": Entry(None, NOWHERE, note="catch-all under /api/: a JSON 404 for everyone"),
    "accounts:two_factor": Entry(
        None,
        SIGNED_IN,
        post=SIGNED_IN.but(ok=POST_OK),
        body=lambda o: {"token": "000000"},
        note="enrol or verify one's own second factor; a wrong code re-renders the form",
    ),
    # /p/<code>/ pages: members of the production only; other productions answer 404.
    "web:dashboard": Entry("production", MEMBERS),
    "web:phase": Entry("production", NO_GET, post=posting(OFFICE), body=_status("production")),
    "web:org_chart": Entry("production", MEMBERS),
    "web:audit": Entry("production", OFFICE, variants=("?action=engagement.update",)),
    "web:members": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"user": "outsider", "role": "crew"},
    ),
    "web:member_remove": Entry(
        "membership", NO_GET, post=posting(OFFICE), kwargs={"code": "objs.production.code"}
    ),
    "web:crew": Entry(
        "production",
        MEMBERS,
        variants=("?q=Canary", "?sort=-start&status=confirmed", "?department=lighting-grip"),
        note="crew see their own line only",
    ),
    "web:crew_print": Entry("production", MEMBERS, variants=("?q=Canary",)),
    "web:crew_export": Entry(
        "production", MEMBERS, kwargs={"fmt": "=csv"}, variants=(), note="xlsx/json: S-02"
    ),
    "web:engagement_new": Entry(
        "production", EDITORS, post=posting(EDITORS), body=_engagement_body
    ),
    "web:engagement_validate": Entry(
        "production", NO_GET, post=posting(EDITORS), body=_engagement_body
    ),
    "web:engagement": Entry("engagement", WIDE, variants=("?tab=history",)),
    "web:engagement_edit": Entry(
        "engagement", EDITORS, post=posting(EDITORS), body=lambda o: {"notes": "x"}
    ),
    "web:engagement_edit_validate": Entry(
        "engagement", NO_GET, post=posting(EDITORS), body=lambda o: {"notes": "x"}
    ),
    "web:engagement_status": Entry(
        "engagement", NO_GET, post=posting(EDITORS), body=_status("wrapped")
    ),
    "web:people": Entry("production", MEMBERS, variants=("?q=Canary",)),
    "web:person_quick_add": Entry(
        "production",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {
            "quick-first_name": "New",
            "quick-last_name": "Hire",
            "quick-years_experience": 3,
        },
    ),
    "web:person": Entry("person", WIDE),
    "web:person_edit": Entry(
        "person", SELF_OR_OFFICE, post=posting(SELF_OR_OFFICE), body=lambda o: {"bio": "x"}
    ),
    "web:person_add": Entry(
        "person",
        NO_GET,
        post=posting(SELF_OR_OFFICE),
        kwargs={"kind": "=credit"},
        body=lambda o: {"credit-title": "Heat", "credit-year": 1995, "credit-position": "Grip"},
    ),
    "web:companies": Entry("production", MEMBERS),
    "web:company_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"name": "Acme", "kind": "vendor"},
    ),
    "web:company": Entry("company", MEMBERS, kwargs={"code": "objs.production.code"}),
    "web:meetings": Entry("production", MEMBERS),
    "web:meeting_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"title": "Recce", "kind": "production"},
    ),
    "web:meeting": Entry("meeting", MEMBERS, note="both crew are invited (lighting & grip)"),
    "web:meeting_status": Entry("meeting", NO_GET, post=posting(OFFICE), body=_status("held")),
    "web:meeting_attendance": Entry(
        "meeting",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"engagement": o.engagement.public_id, "status": "present"},
    ),
    "web:meeting_add": Entry(
        "meeting",
        NO_GET,
        post=posting(OFFICE),
        kwargs={"kind": "=decision"},
        body=lambda o: {"decision-text": "Shoot the night exteriors first."},
    ),
    "web:action_done": Entry(
        "action",
        NO_GET,
        post=posting(SELF_OR_OFFICE),
        kwargs={"code": "objs.production.code", "public_id": "meeting.public_id"},
        body=lambda o: {"done": "1"},
        note="the office and the assignee (crew_a) tick it off",
    ),
    "web:meeting_minutes": Entry("meeting", MEMBERS),
    # The script: read by the production-wide roles (scheduling querysets), imported by the office.
    "web:script": Entry(
        "production",
        Access(ok_for=frozenset({"office", "head", "executive"})),
        note="crew read their schedule from call sheets, not the script",
    ),
    "web:script_import": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"step": "confirm", "sha256": "0" * 64},
        note="a confirmation naming no previewed draft re-renders the form",
    ),
    # Opening productions and the shared catalogue: office staff of any production.
    "web:production_new": Entry(
        None,
        OFFICE.but(stranger=DENY),
        post=posting(OFFICE.but(stranger=DENY)),
        body=lambda o: {"title": "Harbor", "code": "HARBOR", "kind": "feature"},
    ),
    "web:production_edit": Entry(
        "production", OFFICE, post=posting(OFFICE), body=lambda o: {"title": "Renamed"}
    ),
    "web:catalogue": Entry("production", MEMBERS),
    "web:department_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"name": "Drones", "slug": "drones", "order": 500},
    ),
    "web:position_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"title": "Drone Pilot", "department": o.engagement.position.department_id},
    ),
    "web:position_edit": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        kwargs={"pk": "objs.engagement.position_id"},
        body=lambda o: {"title": "Grip", "responsibilities": "Rigging."},
        note="the shared catalogue, reached through a production the user is a member of",
    ),
    # --- opt ---
    # The optimizer: board editors (the office) start runs and decide on proposals; the
    # board's readers (production-wide roles) follow a run.
    "web:board_optimize": Entry(
        "board",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"time_limit": "5", "max_pages": "5", "company_move_cost": "0"},
        note="a valid POST queues a run (the worker never sees it: rolled back)",
    ),
    "web:optimization": Entry(
        "optimization",
        Access(ok_for=frozenset({"office", "head", "executive"})),
        post=posting(OFFICE),
        body=lambda o: {"action": "stop"},
        note="readers follow a run; only board editors stop, accept or discard",
    ),
}

# --- API operations, by "METHOD /path" as in the OpenAPI schema ----------------------------------
# `get` holds the access of the operation's own method. Writes answer 201/200/204; a create whose
# production (in the body) the caller may not change is refused as an unknown reference (400),
# the same answer as a code that does not exist, so nobody can probe other productions' codes.
API_WRITE_OK = frozenset({200, 201, 204})
DENY_OR_UNKNOWN = frozenset({400, 403, 404})
#: Lists are filtered to what the caller may see: everyone signed in gets 200.
API_LIST = SIGNED_IN
#: Creating shared things (productions, companies): office staff of any production.
OFFICE_ANYWHERE = OFFICE.but(ok=API_WRITE_OK, stranger=DENY)


def api_write(access: Access) -> Access:
    """The same access for an API write. Users without any writing role (outsider, executive)
    are refused 403 up front, before any lookup, so that 403 says nothing about the object;
    other_office (a writer) must still get 404 on production A's objects (S-03)."""
    return access.but(ok=API_WRITE_OK, stranger=DENY)


def api_create(access: Access) -> Access:
    """A create naming its production in the body: refusals may be "unknown production"."""
    return access.but(ok=API_WRITE_OK, denied=DENY_OR_UNKNOWN, stranger=DENY_OR_UNKNOWN)


def _new_engagement(o):
    electrician = o.engagement.position.department.positions.get(title="Electrician")
    return {
        "production": o.production.code,
        "person": o.person.public_id,
        "position": electrician.pk,
    }


def _person_child(name, body):
    """The add and remove operations of a person's child list."""
    item = f"objs.{name.rstrip('s') if name != 'unions' else 'union'}.pk"
    return {
        f"POST /api/v1/people/{{id}}/{name}/": Entry(
            "person", api_write(SELF_OR_OFFICE), body=body
        ),
        f"DELETE /api/v1/people/{{id}}/{name}/{{item_id}}/": Entry(
            "person", api_write(SELF_OR_OFFICE), kwargs={"item_id": item}
        ),
    }


_BAD_LOGIN = Access(ok_for=frozenset(), denied=401, stranger=401, anon=401)

OPERATIONS: dict[str, Entry] = {
    "POST /api/v1/auth/token/": Entry(
        None,
        _BAD_LOGIN,
        body=lambda o: {"username": "crew_a", "password": "not-the-password-at-all"},
        note="a wrong password is 401 for anyone; S-07 covers lock-out and the real sign-in",
    ),
    "DELETE /api/v1/auth/token/": Entry(None, api_write(SIGNED_IN)),
    "GET /api/v1/me/": Entry(None, SIGNED_IN),
    "GET /api/v1/productions/": Entry(None, API_LIST),
    "POST /api/v1/productions/": Entry(
        None,
        OFFICE_ANYWHERE,
        body=lambda o: {"title": "New", "code": "NEWPROD", "kind": "feature"},
    ),
    "GET /api/v1/productions/{code}/": Entry("production", MEMBERS),
    "PATCH /api/v1/productions/{code}/": Entry(
        "production", api_write(OFFICE), body=lambda o: {"title": "Renamed"}
    ),
    "POST /api/v1/productions/{code}/phase/": Entry(
        "production", api_write(OFFICE), body=lambda o: {"phase": "production"}
    ),
    "GET /api/v1/engagements/": Entry(
        None, API_LIST, variants=("?search=987654", "?ordering=rate", "?q=Canary")
    ),
    "POST /api/v1/engagements/": Entry("production", api_create(EDITORS), body=_new_engagement),
    "GET /api/v1/engagements/{id}/": Entry("engagement", WIDE),
    "PATCH /api/v1/engagements/{id}/": Entry(
        "engagement", api_write(EDITORS), body=lambda o: {"notes": "Bring gloves."}
    ),
    "POST /api/v1/engagements/{id}/status/": Entry(
        "engagement", api_write(EDITORS), body=lambda o: {"status": "wrapped"}
    ),
    "GET /api/v1/people/": Entry(None, API_LIST, variants=("?q=Canary",)),
    "POST /api/v1/people/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "first_name": "Nu", "last_name": "Hire"},
    ),
    "GET /api/v1/people/{id}/": Entry("person", WIDE),
    "PATCH /api/v1/people/{id}/": Entry(
        "person", api_write(SELF_OR_OFFICE), body=lambda o: {"bio": "Grip since 1995."}
    ),
    **_person_child("credits", lambda o: {"title": "Ronin", "year": 1998, "position": "Grip"}),
    **_person_child("languages", lambda o: {"language": "de", "proficiency": "basic"}),
    **_person_child("unions", lambda o: {"union": "Teamsters"}),
    **_person_child(
        "representations", lambda o: {"kind": "manager", "agency": o.company.public_id}
    ),
    "GET /api/v1/companies/": Entry(None, API_LIST),
    "POST /api/v1/companies/": Entry(
        None, OFFICE_ANYWHERE, body=lambda o: {"name": "Grip Trucks Inc", "kind": "vendor"}
    ),
    "GET /api/v1/companies/{id}/": Entry("shared_company", MEMBERS),
    "PATCH /api/v1/companies/{id}/": Entry(
        "shared_company", OFFICE_ANYWHERE, body=lambda o: {"website": "https://example.org"}
    ),
    "GET /api/v1/memberships/": Entry(None, API_LIST),
    "POST /api/v1/memberships/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "user": "outsider", "role": "crew"},
    ),
    "GET /api/v1/memberships/{id}/": Entry(
        "membership", OFFICE.but(denied=NOT_FOUND), kwargs={"id": "pk"}
    ),
    "PATCH /api/v1/memberships/{id}/": Entry(
        "membership",
        api_write(OFFICE),
        kwargs={"id": "pk"},
        body=lambda o: {"role": "cast"},
    ),
    "DELETE /api/v1/memberships/{id}/": Entry("membership", api_write(OFFICE), kwargs={"id": "pk"}),
    "GET /api/v1/meetings/": Entry(None, API_LIST),
    "POST /api/v1/meetings/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "title": "Recce"},
    ),
    "GET /api/v1/meetings/{id}/": Entry("meeting", MEMBERS),
    "GET /api/v1/meetings/{id}/minutes.pdf": Entry("meeting", MEMBERS),
    "PATCH /api/v1/meetings/{id}/": Entry(
        "meeting", api_write(OFFICE), body=lambda o: {"title": "Lighting recce"}
    ),
    "POST /api/v1/meetings/{id}/status/": Entry(
        "meeting", api_write(OFFICE), body=lambda o: {"status": "held"}
    ),
    "POST /api/v1/meetings/{id}/agenda-items/": Entry(
        "meeting", api_write(OFFICE), body=lambda o: {"title": "Generators"}
    ),
    "POST /api/v1/meetings/{id}/decisions/": Entry(
        "meeting", api_write(OFFICE), body=lambda o: {"text": "Night exteriors first."}
    ),
    "POST /api/v1/meetings/{id}/action-items/": Entry(
        "meeting", api_write(OFFICE), body=lambda o: {"text": "Book the condor."}
    ),
    "POST /api/v1/meetings/{id}/action-items/{item_id}/done/": Entry(
        "action",
        api_write(SELF_OR_OFFICE),
        kwargs={"id": "meeting.public_id", "item_id": "pk"},
        body=lambda o: {"done": True},
        note="the office and the assignee (crew_a)",
    ),
    "POST /api/v1/meetings/{id}/attendance/": Entry(
        "meeting",
        api_write(OFFICE).but(denied=DENY_OR_UNKNOWN),
        note="crew_b cannot see engagement_a: 'unknown engagement' (400), as if it did not exist",
        body=lambda o: {"engagement": o.engagement.public_id, "status": "present"},
    ),
    "GET /api/v1/departments/": Entry(None, API_LIST),
    "POST /api/v1/departments/": Entry(
        None, OFFICE_ANYWHERE, body=lambda o: {"name": "Drones", "slug": "drones", "order": 500}
    ),
    "GET /api/v1/departments/{id}/": Entry("shared_department", MEMBERS, kwargs={"id": "pk"}),
    "PATCH /api/v1/departments/{id}/": Entry(
        "shared_department", OFFICE_ANYWHERE, kwargs={"id": "pk"}, body=lambda o: {"order": 7}
    ),
    "GET /api/v1/positions/": Entry(None, API_LIST),
    "POST /api/v1/positions/": Entry(
        None,
        OFFICE_ANYWHERE,
        body=lambda o: {"title": "Drone Pilot", "department": "lighting-grip"},
    ),
    "GET /api/v1/positions/{id}/": Entry("shared_position", MEMBERS, kwargs={"id": "pk"}),
    "PATCH /api/v1/positions/{id}/": Entry(
        "shared_position",
        OFFICE_ANYWHERE,
        kwargs={"id": "pk"},
        body=lambda o: {"responsibilities": "Rigging."},
    ),
    "GET /api/v1/audit-events/": Entry(None, API_LIST),
    "GET /api/v1/audit-events/{id}/": Entry(
        "audit", OFFICE.but(denied=NOT_FOUND), kwargs={"id": "pk"}
    ),
}
