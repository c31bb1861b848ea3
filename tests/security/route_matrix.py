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
#: The schedule (script, boards, calendar, DOOD): the production-wide roles.
SCHEDULE = Access(ok_for=frozenset({"office", "head", "executive"}))
SCHEDULE_READERS = SCHEDULE
#: The script and its breakdown: production-wide roles (crew see none of it).
BREAKDOWN_READERS = Access(ok_for=frozenset({"office", "head", "executive"}))

REDIRECT_OR_OK = frozenset({200, 302})
#: An allowed form POST: saved (redirect or HTMX 204) or re-rendered with errors.
POST_OK = frozenset({200, 204, 302, 422})
#: POST-only views: a GET is refused before anything else (even before the sign-in check).
NO_GET = Access(ok_for=frozenset(), denied=405, stranger=405, anon=405)
#: Catch-alls that answer "not found" to anyone, whatever the method (nothing to change).
NOWHERE = Access(ok_for=frozenset(), denied=404, stranger=404, anon=404)
#: Nobody among the personas (site administrators only): the shared catalogue's writes.
NOBODY = Access(ok_for=frozenset())


# --- conflicts ---
#: The schedule, locations and conflicts: the production-wide roles (scheduling querysets).
SCHEDULE_READERS = Access(ok_for=frozenset({"office", "head", "executive"}))


def _unavailability_body(prefix: str = "") -> dict:
    return {f"{prefix}start_date": "2027-04-01", f"{prefix}end_date": "2027-04-02",
            f"{prefix}kind": "personal"}  # fmt: skip


# --- lang ---
LANG_READERS = Access(ok_for=frozenset({"office", "head", "executive"}))


def _subtitle_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("m.srt", b"1\n00:00:01,000 --> 00:00:03,000\nHola.\n")


def _script_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("s.csv", b"character,original\nNORA,Hello?\n")


def _session_body(o) -> dict:
    session = o.recording_session
    return {
        "voice_role": session.voice_role_id,
        "room": session.room_id,
        "starts_at": "2027-03-02T10:00:00Z",
        "ends_at": "2027-03-02T11:00:00Z",
        "level": "pencil",
    }


# --- end lang ---


def posting(access: Access) -> Access:
    """The same access for a form POST."""
    return access.but(ok=POST_OK)


def _engagement_body(o):
    # The side's person as an Electrician (lighting & grip: the head's own department).
    electrician = o.engagement.position.department.positions.get(title="Electrician")
    return {"person": o.person.pk, "position": electrician.pk, "status": "prospect"}


def _status(value):
    return lambda o: {"status": value}


# --- post ---
#: Post: the production-wide roles read it; the office and post supervisors change it.
POST_READERS = Access(ok_for=frozenset({"office", "head", "executive"}))
# --- end post ---
# --- paper ---
#: Readiness: the production-wide roles (as locations).
PAPER_READERS = Access(ok_for=frozenset({"office", "head", "executive"}))
#: The matrix's permit belongs to lighting & grip: the office and that department's head.
PAPER_DOCUMENT = Access(ok_for=frozenset({"office", "head"}), denied=NOT_FOUND)
# --- end paper ---


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
    "web:crew_import": Entry(
        "production",
        OFFICE,
        post=OFFICE.but(ok=frozenset({400})),
        body=lambda o: {"step": "confirm", "sha256": "0" * 64},
        note="a confirmation naming no previewed file re-renders the form with 400",
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
    # S-14/S-15: a person's data export (the person and their office); erasure (the office of
    # every production they worked on). The matrix's people are engaged, so an allowed erasure
    # is refused with the form (200), never carried out.
    "web:person_data": Entry("person", SELF_OR_OFFICE),
    "web:person_erase": Entry(
        "person", OFFICE, post=posting(OFFICE), body=lambda o: {"basis": "Request"}
    ),
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
    "web:meeting_attendance_all": Entry(
        "meeting", NO_GET, post=posting(OFFICE), body={"status": "present"}
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
        post=OFFICE.but(ok=frozenset({400})),
        body=lambda o: {"step": "confirm", "sha256": "0" * 64},
        note="a confirmation naming no previewed draft re-renders the form with 400, like /verify/",
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
        NOBODY,
        post=NOBODY,
        kwargs={"pk": "objs.engagement.position_id"},
        body=lambda o: {"title": "Grip", "responsibilities": "Rigging."},
        note="a shared catalogue position: read-only to every production (S-03); the office "
        "edits its local positions (tests/security/test_s03_catalogue_scoped.py)",
    ),
    # --- board ---
    # Boards, the calendar and the DOOD: read by the production-wide roles (and assistant
    # directors, none among the personas), changed by the office (and ADs; tests in web/tests).
    "web:boards": Entry(
        "production",
        SCHEDULE,
        post=posting(OFFICE),
        body=lambda o: {"name": "What-if", "source": "empty"},
    ),
    "web:board": Entry("board", SCHEDULE),
    "web:board_dood": Entry("board", SCHEDULE, variants=("?category=Cast+Members",)),
    "web:board_copy": Entry("board", NO_GET, post=posting(OFFICE), body=lambda o: {"name": "Copy"}),
    "web:board_working": Entry("board", NO_GET, post=posting(OFFICE)),
    "web:board_rename": Entry("board", NO_GET, post=posting(OFFICE), body=lambda o: {"name": "B"}),
    "web:board_delete": Entry("board", NO_GET, post=posting(OFFICE)),
    "web:board_palette": Entry(
        "board",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {
            "white": "#ffffff",
            "yellow": "#ffff00",
            "blue": "#0000ff",
            "green": "#00ff00",
        },
    ),
    "web:board_unplaced": Entry("board", NO_GET, post=posting(OFFICE)),
    "web:board_move": Entry(
        "board",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"strip": o.board.strips.order_by("position").first().pk, "position": 2},
    ),
    "web:board_boneyard": Entry(
        "board",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"strip": o.board.strips.order_by("position").first().pk, "to": "boneyard"},
        note="a day break is refused by name (422): only scene strips go to the boneyard",
    ),
    "web:board_insert": Entry(
        "board", NO_GET, post=posting(OFFICE), body=lambda o: {"kind": "day_break", "position": 1}
    ),
    "web:board_strip_remove": Entry(
        "board",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"strip": o.board.strips.order_by("position").first().pk},
    ),
    "web:calendar": Entry(
        "production",
        SCHEDULE,
        post=posting(OFFICE),
        body=lambda o: {
            "start_date": "2027-03-01",
            "working_weekdays": ["0", "1", "2", "3", "4"],
            "days-TOTAL_FORMS": "0",
            "days-INITIAL_FORMS": "0",
        },
    ),
    # --- reports ---
    # Schedule reports of a board and their downloads: read like the script (production-wide
    # roles); crew 403, other productions 404. Other formats (xlsx, pdf) are the same view.
    "web:board_schedule": Entry("board", SCHEDULE_READERS),
    "web:board_one_liner": Entry("board", SCHEDULE_READERS),
    "web:board_elements": Entry("board", SCHEDULE_READERS),
    "web:board_schedule_export": Entry("board", SCHEDULE_READERS, kwargs={"fmt": "=csv"}),
    "web:board_one_liner_export": Entry("board", SCHEDULE_READERS, kwargs={"fmt": "=xlsx"}),
    "web:board_elements_export": Entry("board", SCHEDULE_READERS, kwargs={"fmt": "=csv"}),
    "web:board_dood_export": Entry("board", SCHEDULE_READERS, kwargs={"fmt": "=csv"}),
    # --- breakdown ---
    # Read like the script (production-wide roles); changed by the office (can_manage_breakdown).
    "web:scene": Entry("scene", BREAKDOWN_READERS, note="crew read no breakdown"),
    "web:scene_element_add": Entry(
        "scene",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"new-name": "Matrix prop", "new-category": o.element.category_id},
    ),
    "web:scene_element_remove": Entry(
        "scene", NO_GET, post=posting(OFFICE), kwargs={"element_id": "objs.element.public_id"}
    ),
    "web:scene_suggestion": Entry(
        "scene",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"name": "Candle", "ucid": "104", "decision": "dismiss"},
    ),
    "web:scene_pdf": Entry("scene", BREAKDOWN_READERS),
    "web:script_breakdown_pdf": Entry("production", BREAKDOWN_READERS),
    "web:cast_review": Entry("production", OFFICE, note="the review step is the office's task"),
    "web:cast_review_update": Entry(
        "element", NO_GET, post=posting(OFFICE), body=lambda o: {"decision": "reviewed"}
    ),
    "web:elements": Entry("production", BREAKDOWN_READERS, variants=("?q=Canary", "?category=104")),
    "web:element_edit": Entry(
        "element",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"name": "Lamp", "category": o.element.category_id, "drop_min_days": "10"},
    ),
    "web:categories": Entry(
        "production",
        BREAKDOWN_READERS,
        post=posting(OFFICE),
        body=lambda o: {"ucid": "104", "c104-name": "Hand props", "c104-colour": "#123456"},
    ),
    # --- feeds ---
    "web:feed": Entry(
        "feed",
        EVERYONE,
        kwargs={"token": "objs.feed_secret"},
        note="the secret is the credential (calendar apps cannot sign in): with a valid one "
        "anyone gets the .ics, even signed out; unknown or revoked secrets answer 404 to "
        "everyone (tests/security/test_feeds_tokens.py)",
    ),
    "web:feeds": Entry(
        "production",
        MEMBERS,
        post=posting(OFFICE),
        body=lambda o: {"kind": "production"},
        note="every member lists their own feeds; production feeds are the office's; "
        "a person feed is made by that person only "
        "(prodoffice/scheduling/tests/test_feeds_pages.py)",
    ),
    "web:feed_revoke": Entry(
        "feed",
        NO_GET,
        post=posting(SELF_OR_OFFICE),
        note="the feed's person (crew_a on side a) and the office; others cannot see it: 404",
    ),
    "web:uss_export": Entry(
        "production",
        Access(ok_for=frozenset({"office", "head", "executive"})),
        note="the schedule is read by the production-wide roles, like the script page",
    ),
    "web:interchange": Entry(
        "production",
        OFFICE,
        post=OFFICE.but(ok=frozenset({400})),
        body=lambda o: {"step": "confirm", "sha256": "0" * 64},
        note="a confirmation naming no previewed file re-renders the form with 400, like /verify/",
    ),
    # --- conflicts ---
    "web:engagement_availability": Entry(
        "engagement",
        WIDE,
        post=posting(SELF_OR_OFFICE),
        body=lambda o: _unavailability_body("unavail-"),
        note="read with the engagement; the office and the person themself add dates",
    ),
    "web:engagement_availability_remove": Entry(
        "unavailability",
        NO_GET,
        post=posting(SELF_OR_OFFICE),
        kwargs={"code": "objs.production.code", "public_id": "engagement.public_id"},
    ),
    "web:locations": Entry("production", SCHEDULE_READERS),
    "web:location_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"name": "Harbour Office", "currency": "USD"},
    ),
    "web:location_sets": Entry(
        "production",
        SCHEDULE_READERS,
        post=posting(OFFICE),
        body=lambda o: {"set_name": "KITCHEN", "location": o.location.pk},
    ),
    "web:location": Entry("location", SCHEDULE_READERS),
    "web:location_edit": Entry(
        "location", OFFICE, post=posting(OFFICE), body=lambda o: {"name": "New Mill"}
    ),
    "web:location_availability": Entry(
        "location",
        SCHEDULE_READERS,
        post=posting(OFFICE),
        body=lambda o: {**_unavailability_body("unavail-"), "unavail-reason": "Filming elsewhere"},
    ),
    "web:location_availability_remove": Entry(
        "location_unavailability",
        NO_GET,
        post=posting(OFFICE),
        kwargs={"code": "objs.production.code", "public_id": "location.public_id"},
    ),
    "web:conflicts": Entry("production", SCHEDULE_READERS),
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
    # --- contracts desk ---
    # The desk: office and department heads (existence and status), studio executives (counts
    # and totals); other members are sent on to "my contracts" (302).
    "web:contracts": Entry(
        "production",
        Access(ok_for=frozenset({"office", "head", "executive", "crew"}), ok=REDIRECT_OR_OK),
        variants=(
            "?q=Canary",
            "?q=987654",
            "?status=draft&sort=-title",
            "?department=lighting-grip",
        ),
    ),
    "web:contract_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"contract_type": "crew", "title": "Matrix memo"},
    ),
    "web:my_contracts": Entry("production", MEMBERS, note="one's own contracts as a party"),
    "web:contracts_bulk": Entry(
        "production",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"action": "send", "contracts": str(o.contract.public_id)},
    ),
    "web:contract_job": Entry("bulk_job", OFFICE),
    "web:contract": Entry(
        "contract",
        Access(ok_for=frozenset({"office", "self", "head"})),
        post=posting(OFFICE),
        body=lambda o: {"action": "void", "reason": "matrix"},
        note="heads see existence and status; only the office acts",
    ),
    "web:contract_edit": Entry(
        "contract", OFFICE, post=posting(OFFICE), body=lambda o: {"title": "Renamed"}
    ),
    "web:contract_document": Entry(
        "contract",
        Access(ok_for=frozenset({"office", "self"}), ok=REDIRECT_OR_OK),
        note="a draft has no document: those allowed are sent back with the reason",
    ),
    "web:contract_preview": Entry(
        "contract",
        Access(ok_for=frozenset({"office"}), ok=REDIRECT_OR_OK),
        note="a draft's PDF; a sent contract sends the office back to its page with the reason",
    ),
    # --- end contracts desk ---
    # --- contracts sign ---
    "web:sign_link": Entry(
        None,
        NOWHERE,
        post=NOWHERE,
        kwargs={"token": "=not-a-token"},
        body={"code": "12345678", "action": "consent"},
        note="the link's token (with the access code) is the credential, signed in or not: an "
        "unknown token is a 404 page to anyone (steps and 410s: web/tests/test_signing_pages.py)",
    ),
    "web:sign_link_document": Entry(
        None,
        NOWHERE,
        kwargs={"token": "=not-a-token"},
        note="the PDF of a verified link only; an unknown token is a 404 to anyone",
    ),
    "web:verify": Entry(
        None,
        EVERYONE,
        post=EVERYONE.but(ok=frozenset({400})),
        note="open to anyone (parties without accounts check their copy), throttled per "
        "address; an empty form is refused naming the field (verdicts: test_verify_page.py)",
    ),
    "web:contract_sign": Entry(
        "contract",
        Access(ok_for=frozenset({"self"}), denied=NOT_FOUND),
        post=Access(ok_for=frozenset({"self"}), ok=frozenset({302, 409}), denied=NOT_FOUND),
        body={"action": "consent"},
        note="the contract's parties only (others, the office too, 404); the matrix's draft "
        "has nothing to sign, so the party's consent is refused 409",
    ),
    "web:contract_sign_document": Entry(
        "contract",
        Access(ok_for=frozenset({"self"}), ok=frozenset({200, 409}), denied=NOT_FOUND),
        note="a party's PDF after consent; the matrix's draft has none yet (409)",
    ),
    # --- end contracts sign ---
    # --- post ---
    "web:post": Entry("production", POST_READERS),
    "web:post_template": Entry(
        "production",
        NO_GET,
        post=posting(OFFICE),
        body={"template": "small", "picture_lock": "2027-06-01"},
    ),
    "web:post_task_status": Entry(
        "post_task", NO_GET, post=posting(OFFICE), body={"status": "in_progress"}
    ),
    "web:post_mine": Entry("production", MEMBERS),
    "web:post_cuts": Entry(
        "production",
        POST_READERS,
        post=posting(OFFICE).but(ok=POST_OK | {400}),
        body={"fps": "24"},
        note="a POST without a file re-renders the form with 400 (an upload page)",
    ),
    "web:post_changes": Entry("production", POST_READERS),
    "web:post_conform": Entry(
        "production",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"old": o.cut_version_old.pk, "new": o.cut_version.pk},
    ),
    "web:post_rooms": Entry("production", POST_READERS),
    "web:post_room_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body={
            "new_facility": "Sound House",
            "name": "Stage X",
            "kind": "mix_stage",
            "monitoring": "atmos",
            "opens_at": "08:00",
            "closes_at": "22:00",
        },
    ),
    "web:post_room_week": Entry("room", POST_READERS),
    "web:post_room_ics": Entry("room", POST_READERS),
    "web:post_person_week": Entry("engagement", WIDE),
    "web:post_bookings": Entry(
        "production",
        POST_READERS,
        post=posting(OFFICE),
        body=lambda o: {
            "room": o.room.pk,
            "start": "2027-03-09T10:00",
            "end": "2027-03-09T11:00",
            "level": "pencil",
        },
    ),
    "web:post_deliveries": Entry(
        "production",
        POST_READERS,
        post=posting(OFFICE),
        body={"territory": "Spain", "due": "2027-09-01"},
    ),
    "web:post_task_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body={"kind": "qc", "name": "QC 2", "start_date": "2027-06-01", "end_date": "2027-06-02"},
    ),
    "web:post_task_edit": Entry(
        "post_task",
        OFFICE,
        post=posting(OFFICE),
        body={"kind": "mix", "name": "Mix", "start_date": "2027-06-03", "end_date": "2027-06-04"},
    ),
    "web:post_task_delete": Entry("post_task", NO_GET, post=posting(OFFICE)),
    "web:post_task_depend": Entry(
        "post_task",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"depends_on": o.post_task_qc.pk},
    ),
    "web:post_booking_level": Entry(
        "booking", NO_GET, post=posting(OFFICE), body={"level": "preliminary"}
    ),
    "web:post_booking_cancel": Entry("booking", NO_GET, post=posting(OFFICE)),
    "web:post_room_feed_rotate": Entry("room", NO_GET, post=posting(OFFICE)),
    "web:post_room_feed": Entry(
        "room",
        EVERYONE,
        kwargs={"token": "objs.room_feed_secret"},
        note="the secret is the credential, as the personal calendar feeds; unknown or revoked "
        "secrets answer 404 (post/tests/test_manage.py)",
    ),
    "web:post_cues": Entry("production", POST_READERS, post=posting(OFFICE), body={}),
    "web:post_shots": Entry("production", POST_READERS, post=posting(OFFICE), body={}),
    "web:post_cue_edit": Entry(
        "adr_cue",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {
            "cue": "1B",
            "character": "Mara",
            "cut_version": o.adr_cue.cut_version_id,
            "record_in": 0,
            "record_out": 12,
            "status": "open",
        },
    ),
    "web:post_cue_status": Entry("adr_cue", NO_GET, post=posting(OFFICE), body=_status("done")),
    "web:post_cue_delete": Entry("adr_cue", NO_GET, post=posting(OFFICE)),
    "web:post_shot_edit": Entry(
        "vfx_shot",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {
            "shot": "VFX011",
            "cut_version": o.vfx_shot.cut_version_id,
            "record_in": 0,
            "record_out": 12,
            "status": "open",
        },
    ),
    "web:post_shot_status": Entry("vfx_shot", NO_GET, post=posting(OFFICE), body=_status("done")),
    "web:post_shot_delete": Entry("vfx_shot", NO_GET, post=posting(OFFICE)),
    "web:post_deliverable_status": Entry(
        "deliverable", NO_GET, post=posting(OFFICE), body={"status": "accepted"}
    ),
    "web:post_deliverable_upload": Entry("deliverable", NO_GET, post=posting(OFFICE)),
    "web:post_deliverable_file": Entry("deliverable", POST_READERS, note="an attachment, nosniff"),
    # --- end post ---
    # --- lang ---
    # The language desk: the production-wide roles read, the office changes (languages querysets).
    "web:languages": Entry("production", LANG_READERS),
    "web:language_add": Entry(
        "production", NO_GET, post=posting(OFFICE), body={"language": "de", "role": "target"}
    ),
    "web:language_work_new": Entry(
        "production", NO_GET, post=posting(OFFICE), body={"language": "es", "kind": "translation"}
    ),
    "web:language_work_status": Entry(
        "language_work", NO_GET, post=posting(OFFICE), body={"status": "in_progress"}
    ),
    "web:linguist_new": Entry(
        "production",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {
            "person": o.person.pk,
            "source": "en",
            "target": "fr",
            "proficiency": "fluent",
            "years_experience": 3,
            "currency": "EUR",
            "rate_unit": "word",
        },
    ),
    "web:linguist_contract": Entry(
        "linguist",
        NO_GET,
        post=posting(OFFICE),
        note="drafts a language contract on the contract desk",
    ),
    "web:subtitle_upload": Entry(
        "production",
        OFFICE,
        post=OFFICE.but(ok=frozenset({302, 400})),
        body=lambda o: {
            "file": _subtitle_file(),
            "language": "es",
            "kind": "subtitles",
            "fps": "24",
        },
    ),
    "web:subtitle_batch_qc": Entry(
        "production",
        LANG_READERS,
        post=LANG_READERS.but(ok=frozenset({200, 400})),
        body=lambda o: {"files": [_subtitle_file()], "language": "es", "fps": "24"},
        note="checks files and keeps nothing",
    ),
    "web:subtitle_track": Entry("subtitle_track", LANG_READERS),
    "web:subtitle_report_export": Entry("subtitle_track", LANG_READERS, kwargs={"fmt": "=xlsx"}),
    "web:subtitle_download": Entry("subtitle_track", LANG_READERS, kwargs={"fmt": "=vtt"}),
    "web:subtitle_cut_review": Entry(
        "subtitle_track",
        NO_GET,
        post=posting(OFFICE),
        body={"cut_version": "0"},
        note="an unknown cut version is refused as a message; the office is sent back to the track",
    ),
    "web:language_glossary": Entry(
        "production", LANG_READERS, post=posting(OFFICE), body={"language": "es", "term": "Harbour"}
    ),
    "web:language_glossary_seed": Entry(
        "production", NO_GET, post=posting(OFFICE), body={"language": "es"}
    ),
    "web:language_dubbing": Entry("production", LANG_READERS),
    "web:language_voice_cast": Entry(
        "production", NO_GET, post=posting(OFFICE), body={"language": "de", "character": "Ann"}
    ),
    "web:language_session_new": Entry(
        "production",
        NO_GET,
        post=posting(OFFICE),
        body={"voice_role": "0"},
        note="an unknown voice role re-renders the form",
    ),
    "web:language_interpreter_new": Entry(
        "production",
        NO_GET,
        post=posting(OFFICE),
        body={"linguist": "0"},
        note="an unknown interpreter re-renders the form",
    ),
    "web:language_session_status": Entry(
        "recording_session", NO_GET, post=posting(OFFICE), body={"status": "done"}
    ),
    "web:language_script_line_new": Entry(
        "production",
        NO_GET,
        post=posting(OFFICE),
        body={"language": "de", "character": "ELI", "original": "Bye."},
    ),
    "web:language_script_import": Entry(
        "production",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"language": "de", "file": _script_file()},
    ),
    "web:language_script_export": Entry(
        "production", LANG_READERS, kwargs={"fmt": "=csv"}, variants=("?language=de",)
    ),
    "web:language_dubbed_link": Entry(
        "production_language",
        NO_GET,
        post=posting(OFFICE),
        note="finds or adds the dubbed version in the territories' delivery schedules",
    ),
    # --- end lang ---
    # --- call ---
    "web:callsheets": Entry("production", SCHEDULE_READERS),
    "web:callsheet_new": Entry(
        "production", NO_GET, post=posting(OFFICE), body={"date": "2027-03-01"}
    ),
    "web:callsheet": Entry(
        "callsheet",
        SCHEDULE_READERS,
        post=posting(OFFICE),
        body={"action": "refresh"},
        note="readers see the sheet; the office (and ADs) edit, re-read, publish, send",
    ),
    "web:callsheet_pdf": Entry("callsheet", SCHEDULE_READERS),
    "web:callsheet_call": Entry(
        "callsheet",
        NO_GET,
        post=posting(OFFICE),
        body=lambda o: {"engagement": str(o.engagement.public_id), "at": "06:00"},
    ),
    "web:callsheet_board": Entry(
        "callsheet",
        OFFICE,
        post=posting(OFFICE),
        body={"recipient": "0"},
        note="the 2nd AD's and coordinator's board; an unknown recipient is said so (302)",
    ),
    "web:my_schedule": Entry("production", MEMBERS, note="one's own work days and calls"),
    "web:callsheet_settings": Entry(
        "production",
        SCHEDULE_READERS,
        post=posting(OFFICE),
        body={"cutoff_time": "20:00", "unions_text": "IATSE=ten"},
        note="the rules: readers see them, the office changes them (a bad line re-renders)",
    ),
    "web:callsheet_link": Entry(
        None,
        NOWHERE,
        post=NOWHERE,
        kwargs={"token": "=not-a-token"},
        note="the personal link's token is the credential: unknown tokens are a 404 to anyone "
        "(states and leaks: callsheets/tests/test_distribution.py)",
    ),
    "web:callsheet_link_pdf": Entry(None, NOWHERE, kwargs={"token": "=not-a-token"}),
    "web:callsheet_link_sides": Entry(None, NOWHERE, kwargs={"token": "=not-a-token"}),
    "web:my_sides": Entry(
        "callsheet",
        MEMBERS.but(ok=404, denied=404),
        note="one's own sides of a published sheet; the matrix's sheet is a draft, so nobody has "
        "sides of it (404); sides themselves: callsheets/tests/test_sides.py",
    ),
    # --- end call ---
    # --- paper ---
    "web:readiness": Entry("production", PAPER_READERS, variants=("?start=2027-03-01",)),
    "web:paperwork": Entry(
        "production", MEMBERS, variants=("?q=Canary", "?kind=release", "?export=csv")
    ),
    "web:paperwork_binder": Entry("production", MEMBERS, note="only the documents one may read"),
    "web:paperwork_due": Entry("production", MEMBERS, variants=("?days=90",)),
    "web:document_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"kind": "coi", "title": "Matrix COI"},
    ),
    "web:document": Entry("document", PAPER_DOCUMENT),
    "web:document_edit": Entry(
        "document", OFFICE, post=posting(OFFICE), body=lambda o: {"title": "Renamed permit"}
    ),
    "web:document_status": Entry(
        "document",
        NO_GET,
        post=posting(OFFICE),
        body={"status": "applied"},
        note="the head reads the permit but may not move it (403); approval: tests in locations/",
    ),
    "web:document_upload": Entry(
        "document", NO_GET, post=posting(OFFICE), note="no file sent: the office meets 422"
    ),
    "web:document_depend": Entry(
        "document", NO_GET, post=posting(OFFICE), body=lambda o: {"on": o.document_coi.pk}
    ),
    "web:document_file": Entry(
        "document", PAPER_DOCUMENT, kwargs={"version": "=1"}, note="an attachment, nosniff"
    ),
    "web:location_owners_copy": Entry("location", OFFICE, note="the owner's one-page PDF"),
    "web:paperwork_rules": Entry("production", PAPER_READERS),
    "web:paperwork_rule_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body={"name": "Port film office", "lead_business_days": 5, "max_days_ahead": 30},
    ),
    "web:paperwork_rule_edit": Entry(
        "rule",
        OFFICE,
        post=posting(OFFICE),
        body={"name": "Harbour film office", "lead_business_days": 4, "max_days_ahead": 30},
    ),
    "web:location_day_add": Entry(
        "location",
        NO_GET,
        post=posting(OFFICE),
        body={"day-date": "2027-03-02", "day-kind": "prep"},
    ),
    "web:location_day_remove": Entry(
        "location_day",
        NO_GET,
        post=posting(OFFICE),
        kwargs={"code": "objs.production.code", "public_id": "location.public_id"},
    ),
    "web:location_photos": Entry(
        "location",
        SCHEDULE_READERS,
        post=posting(OFFICE),
        note="no file sent: the office meets 422",
    ),
    "web:location_photo": Entry(
        "location_photo",
        SCHEDULE_READERS,
        kwargs={"code": "objs.production.code", "public_id": "location.public_id"},
        note="PNG or JPEG checked by content, nosniff, sandboxed",
    ),
    "web:location_photo_remove": Entry(
        "location_photo",
        NO_GET,
        post=posting(OFFICE),
        kwargs={"code": "objs.production.code", "public_id": "location.public_id"},
    ),
    "web:location_candidates": Entry("production", SCHEDULE_READERS, variants=("?set=x",)),
    "web:location_candidate_new": Entry(
        "production",
        OFFICE,
        post=posting(OFFICE),
        body=lambda o: {"set_name": "INT. SHED", "location": o.location.pk, "basis": "flat"},
    ),
    "web:location_candidate_edit": Entry(
        "candidate",
        OFFICE,
        post=posting(OFFICE),
        body={"price": "950", "basis": "per_day", "currency": "USD"},
    ),
    "web:location_candidate_remove": Entry("candidate", NO_GET, post=posting(OFFICE)),
    "web:document_delete": Entry(
        "document",
        NO_GET,
        post=posting(OFFICE),
        note="kept five years: the office is sent back with the refusal",
    ),
    "web:document_file_delete": Entry(
        "document",
        NO_GET,
        post=posting(OFFICE),
        kwargs={"version": "=1"},
        note="kept five years: the office is sent back with the refusal",
    ),
    # --- end paper ---
}

# --- API operations, by "METHOD /path" as in the OpenAPI schema ----------------------------------
# `get` holds the access of the operation's own method. Writes answer 201/200/204; a create whose
# production (in the body) the caller may not change is refused as an unknown reference (400),
# the same answer as a code that does not exist, so nobody can probe other productions' codes.
API_WRITE_OK = frozenset({200, 201, 204})
DENY_OR_UNKNOWN = frozenset({400, 403, 404})
#: Lists are filtered to what the caller may see: everyone signed in gets 200.
API_LIST = SIGNED_IN
#: Opening a production: office staff of any production.
OFFICE_ANYWHERE = OFFICE.but(ok=API_WRITE_OK, stranger=DENY)
#: The shared catalogue's writes: site administrators only (none of the personas), S-03.
ADMINS_ONLY = NOBODY.but(stranger=DENY)


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

# --- contracts ---
#: A contract: the office, its parties (crew_a on side "a") and the head of its engagement's
#: department (existence and status only) see it; the rest of the production gets 404.
CONTRACT_VIEW = Access(ok_for=frozenset({"office", "self", "head"}))
#: Domain verbs on the matrix's draft: the authorized caller passes authorization and may then
#: meet the lifecycle's refusal (409, e.g. "nothing to sign" on a draft); others 403/404.
CONTRACT_STATE = frozenset({200, 201, 409})
CONTRACT_OFFICE = api_write(OFFICE).but(ok=CONTRACT_STATE)
CONTRACT_PARTY = api_write(Access(ok_for=frozenset({"self"}))).but(ok=CONTRACT_STATE)
#: Operations that read no cookie (no session, no CSRF token): their credentials are the
#: signing link's token and access code in the body, so a forged cross-site request has nothing
#: to ride on. S-06 checks instead that a signed-in session gives them no power.
CSRF_FREE = frozenset(
    f"POST /api/v1/signing/{verb}/" for verb in ("consent", "document", "sign", "decline")
)
# --- contracts sign ---
CSRF_FREE |= {"POST /api/v1/signing/withdraw-consent/"}
# --- end contracts sign ---
CONTRACT_OPERATIONS: dict[str, Entry] = {
    "GET /api/v1/contracts/": Entry(None, API_LIST, variants=("?status=draft",)),
    "POST /api/v1/contracts/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "contract_type": "crew", "title": "M"},
    ),
    "GET /api/v1/contracts/totals/": Entry(
        None,
        Access(ok_for=frozenset(), denied=400, stranger=400),
        note="without ?production=CODE every signed-in caller gets 400 naming the parameter",
    ),
    "GET /api/v1/contracts/{id}/": Entry("contract", CONTRACT_VIEW),
    "PATCH /api/v1/contracts/{id}/": Entry(
        "contract", api_write(OFFICE), body=lambda o: {"title": "Renamed"}
    ),
    "POST /api/v1/contracts/{id}/parties/": Entry(
        "contract",
        api_write(OFFICE).but(denied=DENY_OR_UNKNOWN),
        body=lambda o: {
            "person": o.person.public_id,
            "company": o.company.public_id,
            "role": "loan_out",
        },
        note="the head cannot see the person: 'unknown person' (400) or 403",
    ),
    "DELETE /api/v1/contracts/{id}/parties/{item_id}/": Entry(
        "contract", api_write(OFFICE), kwargs={"item_id": "objs.contract_party.public_id"}
    ),
    "POST /api/v1/contracts/{id}/send/": Entry("contract", api_write(OFFICE), body={}),
    "POST /api/v1/contracts/{id}/void/": Entry(
        "contract", api_write(OFFICE), body={"reason": "matrix"}
    ),
    "POST /api/v1/contracts/{id}/new-version/": Entry("contract", CONTRACT_OFFICE, body={}),
    "POST /api/v1/contracts/{id}/amendments/": Entry(
        "contract", CONTRACT_OFFICE, body={"title": "Amendment"}
    ),
    "POST /api/v1/contracts/{id}/countersign/": Entry(
        "contract", CONTRACT_OFFICE, body={"otp_code": "123456"}
    ),
    "POST /api/v1/contracts/{id}/consent/": Entry("contract", CONTRACT_PARTY, body={}),
    "POST /api/v1/contracts/{id}/sign/": Entry(
        "contract", CONTRACT_PARTY, body={"typed_name": "Ada Canary"}
    ),
    "POST /api/v1/contracts/{id}/decline/": Entry(
        "contract", CONTRACT_PARTY, body={"reason": "No."}
    ),
    **{
        f"POST /api/v1/signing/{verb}/": Entry(
            None,
            Access(ok_for=frozenset(), denied=404, stranger=404, anon=404),
            body={"token": "not-a-token", "code": "12345678", "typed_name": "X", "reason": "X"},
            note="link calls: an unknown token answers 404 to anyone (tests in contracts/)",
        )
        for verb in ("consent", "document", "sign", "decline")
    },
    "GET /api/v1/contracts/{id}/preview/": Entry(
        "contract",
        Access(ok_for=frozenset({"office"}), ok=frozenset({200, 409})),
        note="a draft's PDF for the office; 409 once sent",
    ),
    "GET /api/v1/contracts/{id}/document/": Entry(
        "contract",
        Access(ok_for=frozenset({"office", "self"}), ok=frozenset({200, 409})),
        note="a draft has no document yet: 409 for those allowed to ask",
    ),
}


OPERATIONS: dict[str, Entry] = {
    "POST /api/v1/auth/token/": Entry(
        None,
        _BAD_LOGIN,
        body=lambda o: {"username": "crew_a", "password": "not-the-password-at-all"},
        note="a wrong password is 401 for anyone; S-07 covers lock-out and the real sign-in",
    ),
    "DELETE /api/v1/auth/token/": Entry(None, api_write(SIGNED_IN)),
    "GET /api/v1/me/": Entry(None, SIGNED_IN),
    "GET /api/v1/": Entry(None, SIGNED_IN),
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
    "GET /api/v1/people/{id}/data/": Entry("person", SELF_OR_OFFICE),
    # Refused (400, still engaged) for the office: the matrix never erases anyone.
    "POST /api/v1/people/{id}/erase/": Entry(
        "person",
        api_write(OFFICE).but(ok=frozenset({400})),
        body=lambda o: {"basis": "Request"},
    ),
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
    # Companies are scoped like people (S-03): visible to the productions that reference them,
    # changed by the office of the one production that does; a new one belongs to its production.
    "POST /api/v1/companies/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "name": "Grip Trucks", "kind": "vendor"},
    ),
    "GET /api/v1/companies/{id}/": Entry("company", MEMBERS),
    "PATCH /api/v1/companies/{id}/": Entry(
        "company", api_write(OFFICE), body=lambda o: {"website": "https://example.org"}
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
        # A cast member cannot hold the countersigning permission: the change says so too.
        body=lambda o: {"role": "cast", "can_countersign": False},
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
    "POST /api/v1/meetings/{id}/attendance/mark-all/": Entry(
        "meeting", api_write(OFFICE), body={"status": "present"}
    ),
    "GET /api/v1/departments/": Entry(None, API_LIST),
    # A production's office adds local entries; the shared catalogue is read-only (S-03).
    "POST /api/v1/departments/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "name": "Drones", "slug": "drones"},
    ),
    "GET /api/v1/departments/{id}/": Entry("shared_department", MEMBERS, kwargs={"id": "pk"}),
    "PATCH /api/v1/departments/{id}/": Entry(
        "shared_department", ADMINS_ONLY, kwargs={"id": "pk"}, body=lambda o: {"order": 7}
    ),
    "GET /api/v1/positions/": Entry(None, API_LIST),
    "POST /api/v1/positions/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "production": o.production.code,
            "title": "Drone Pilot",
            "department": "lighting-grip",
        },
    ),
    "GET /api/v1/positions/{id}/": Entry("shared_position", MEMBERS, kwargs={"id": "pk"}),
    "PATCH /api/v1/positions/{id}/": Entry(
        "shared_position",
        ADMINS_ONLY,
        kwargs={"id": "pk"},
        body=lambda o: {"responsibilities": "Rigging."},
    ),
    "GET /api/v1/audit-events/": Entry(None, API_LIST),
    "GET /api/v1/audit-events/{id}/": Entry(
        "audit", OFFICE.but(denied=NOT_FOUND), kwargs={"id": "pk"}
    ),
    # --- contracts ---
    **CONTRACT_OPERATIONS,
    # --- breakdown ---
    "GET /api/v1/scenes/": Entry(
        None, API_LIST, variants=("?production=NIGHTJAR&current=true", "?ordering=-pages")
    ),
    "GET /api/v1/scenes/{id}/": Entry("scene", BREAKDOWN_READERS),
    "GET /api/v1/elements/": Entry(None, API_LIST, variants=("?q=Canary", "?category=100")),
    "GET /api/v1/elements/{id}/": Entry("element", BREAKDOWN_READERS),
    "PATCH /api/v1/elements/{id}/": Entry(
        "element", api_write(OFFICE), body=lambda o: {"notes": "Keep it dry.", "category": 114}
    ),
    # --- stripboards ---
    "GET /api/v1/boards/": Entry(None, API_LIST, variants=("?production=NIGHTJAR&working=true",)),
    "GET /api/v1/boards/{id}/": Entry("board", SCHEDULE_READERS),
    "GET /api/v1/boards/{id}/conflicts/": Entry("board", SCHEDULE_READERS),
    "POST /api/v1/boards/{id}/move/": Entry(
        "board", api_write(OFFICE), body={"from_position": 1, "to_position": 2}
    ),
    "POST /api/v1/boards/{id}/working/": Entry("board", api_write(OFFICE), body={}),
    "GET /api/v1/optimizations/": Entry(None, API_LIST),
    "GET /api/v1/optimizations/{id}/": Entry("optimization", SCHEDULE_READERS),
    # --- conflicts ---
    "GET /api/v1/engagements/{id}/unavailability/": Entry("engagement", WIDE),
    "POST /api/v1/engagements/{id}/unavailability/": Entry(
        "engagement", api_write(SELF_OR_OFFICE), body=lambda o: _unavailability_body()
    ),
    "DELETE /api/v1/engagements/{id}/unavailability/{item_id}/": Entry(
        "unavailability",
        api_write(SELF_OR_OFFICE),
        kwargs={"id": "engagement.public_id", "item_id": "pk"},
    ),
    # --- contracts tasks ---
    "POST /api/v1/contracts/{id}/remind/": Entry(
        "contract",
        CONTRACT_OFFICE,
        body={},
        note="the matrix's contract is a draft: the office meets 409 (nobody to remind)",
    ),
    # --- end contracts tasks ---
    # --- contracts sign ---
    "POST /api/v1/contracts/{id}/withdraw-consent/": Entry(
        "contract", CONTRACT_PARTY, body={}, note="the draft has no consent to withdraw: 409"
    ),
    "POST /api/v1/signing/withdraw-consent/": Entry(
        None,
        Access(ok_for=frozenset(), denied=404, stranger=404, anon=404),
        body={"token": "not-a-token", "code": "12345678"},
        note="a link call: an unknown token answers 404 to anyone (tests: test_withdraw.py)",
    ),
    # --- end contracts sign ---
    # --- post ---
    "GET /api/v1/rooms/": Entry(None, API_LIST, variants=("?production=NIGHTJAR",)),
    "GET /api/v1/rooms/{id}/": Entry("room", MEMBERS, kwargs={"id": "pk"}),
    "GET /api/v1/bookings/": Entry(None, API_LIST, variants=("?production=NIGHTJAR",)),
    "POST /api/v1/bookings/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "room": o.room.pk,
            "start": "2027-03-09T10:00:00Z",
            "end": "2027-03-09T11:00:00Z",
            "level": "pencil",
            "production": o.production.code,
            "task": None,
            "engagements": [],
        },
    ),
    "GET /api/v1/bookings/{id}/": Entry("booking", POST_READERS, kwargs={"id": "pk"}),
    "GET /api/v1/post-tasks/": Entry(None, API_LIST, variants=("?needs_conform=true",)),
    "GET /api/v1/post-tasks/{id}/": Entry("post_task", POST_READERS, kwargs={"id": "pk"}),
    "GET /api/v1/cut-versions/": Entry(None, API_LIST),
    "GET /api/v1/cut-versions/{id}/": Entry("cut_version", POST_READERS, kwargs={"id": "pk"}),
    "GET /api/v1/cut-versions/{id}/changes/": Entry(
        "cut_version", POST_READERS, kwargs={"id": "pk"}
    ),
    "POST /api/v1/bookings/{id}/level/": Entry(
        "booking", api_write(OFFICE), kwargs={"id": "pk"}, body={"level": "preliminary"}
    ),
    "POST /api/v1/bookings/{id}/cancel/": Entry("booking", api_write(OFFICE), kwargs={"id": "pk"}),
    "POST /api/v1/post-tasks/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "production": o.production.code,
            "kind": "qc",
            "name": "QC 2",
            "start_date": "2027-06-01",
            "end_date": "2027-06-02",
        },
    ),
    "PATCH /api/v1/post-tasks/{id}/": Entry(
        "post_task", api_write(OFFICE), kwargs={"id": "pk"}, body={"name": "Final mix"}
    ),
    "DELETE /api/v1/post-tasks/{id}/": Entry("post_task", api_write(OFFICE), kwargs={"id": "pk"}),
    "POST /api/v1/post-tasks/{id}/depend/": Entry(
        "post_task",
        api_write(OFFICE),
        kwargs={"id": "pk"},
        body=lambda o: {"depends_on": o.post_task_qc.pk},
    ),
    "POST /api/v1/post-tasks/{id}/undepend/": Entry(
        "post_task",
        api_write(OFFICE),
        kwargs={"id": "pk"},
        body=lambda o: {"depends_on": o.post_task_lock.pk},
    ),
    "GET /api/v1/deliverables/": Entry(None, API_LIST, variants=("?status=delivered",)),
    "GET /api/v1/deliverables/{id}/": Entry("deliverable", POST_READERS, kwargs={"id": "pk"}),
    "POST /api/v1/deliverables/{id}/status/": Entry(
        "deliverable", api_write(OFFICE), kwargs={"id": "pk"}, body={"status": "accepted"}
    ),
    "GET /api/v1/deliverables/{id}/file/": Entry("deliverable", POST_READERS, kwargs={"id": "pk"}),
    "POST /api/v1/deliverables/{id}/file/": Entry(
        "deliverable",
        api_write(OFFICE),
        kwargs={"id": "pk"},
        body={"filename": "qc2.pdf", "content_base64": "JVBERi0xLjQgcWM="},
    ),
    "GET /api/v1/adr-cues/": Entry(None, API_LIST, variants=("?needs_conform=true",)),
    "GET /api/v1/adr-cues/{id}/": Entry("adr_cue", POST_READERS, kwargs={"id": "pk"}),
    "POST /api/v1/adr-cues/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "production": o.production.code,
            "cut_version": o.cut_version.pk,
            "cue": "2B",
            "character": "Jon",
            "record_in": 0,
            "record_out": 10,
        },
    ),
    "GET /api/v1/vfx-shots/": Entry(None, API_LIST),
    "GET /api/v1/vfx-shots/{id}/": Entry("vfx_shot", POST_READERS, kwargs={"id": "pk"}),
    "POST /api/v1/vfx-shots/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "production": o.production.code,
            "cut_version": o.cut_version.pk,
            "shot": "VFX020",
            "record_in": 0,
            "record_out": 10,
        },
    ),
    "PATCH /api/v1/adr-cues/{id}/": Entry(
        "adr_cue", api_write(OFFICE), kwargs={"id": "pk"}, body={"character": "Jon"}
    ),
    "DELETE /api/v1/adr-cues/{id}/": Entry("adr_cue", api_write(OFFICE), kwargs={"id": "pk"}),
    "POST /api/v1/adr-cues/{id}/status/": Entry(
        "adr_cue", api_write(OFFICE), kwargs={"id": "pk"}, body={"status": "done"}
    ),
    "PATCH /api/v1/vfx-shots/{id}/": Entry(
        "vfx_shot", api_write(OFFICE), kwargs={"id": "pk"}, body={"vendor": "Lumen"}
    ),
    "DELETE /api/v1/vfx-shots/{id}/": Entry("vfx_shot", api_write(OFFICE), kwargs={"id": "pk"}),
    "POST /api/v1/vfx-shots/{id}/status/": Entry(
        "vfx_shot", api_write(OFFICE), kwargs={"id": "pk"}, body={"status": "done"}
    ),
    "POST /api/v1/rooms/{id}/link/": Entry(
        "room",
        api_write(OFFICE),
        kwargs={"id": "pk"},
        note="the secret URL is in this answer only (post/tests/test_items_links.py)",
    ),
    "POST /api/v1/rooms/{id}/unlink/": Entry("room", api_write(OFFICE), kwargs={"id": "pk"}),
    # --- end post ---
    # --- lang ---
    "GET /api/v1/linguists/": Entry(None, API_LIST, variants=("?source=en&target=es",)),
    "GET /api/v1/linguists/{id}/": Entry("linguist", LANG_READERS),
    "GET /api/v1/language-work/": Entry(None, API_LIST, variants=("?status=open",)),
    "GET /api/v1/language-work/{id}/": Entry("language_work", LANG_READERS),
    "POST /api/v1/language-work/{id}/status/": Entry(
        "language_work", api_write(OFFICE), body={"status": "in_progress"}
    ),
    "GET /api/v1/subtitle-files/": Entry(None, API_LIST, variants=("?language=es",)),
    "GET /api/v1/subtitle-files/{id}/": Entry("subtitle_track", LANG_READERS),
    "GET /api/v1/subtitle-files/{id}/qc/": Entry("subtitle_track", LANG_READERS),
    "POST /api/v1/subtitle-files/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "production": o.production.code,
            "language": "es",
            "filename": "m.srt",
            "content_base64": "MQowMDowMDowMSwwMDAgLS0+IDAwOjAwOjAzLDAwMApIb2xhLgo=",
        },
    ),
    "POST /api/v1/linguists/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "production": o.production.code,
            "person": str(o.person.public_id),
            "pairs": [{"source": "en", "target": "fr", "years_experience": 2}],
        },
    ),
    "POST /api/v1/language-work/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "language": "es", "kind": "qc"},
    ),
    "GET /api/v1/production-languages/": Entry(None, API_LIST, variants=("?role=target",)),
    "GET /api/v1/production-languages/{id}/": Entry("production_language", LANG_READERS),
    "POST /api/v1/production-languages/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "language": "it", "territories": ["IT"]},
    ),
    "POST /api/v1/production-languages/{id}/dubbed-deliverables/": Entry(
        "production_language", api_write(OFFICE)
    ),
    "GET /api/v1/dubbing-lines/": Entry(None, API_LIST, variants=("?language=de",)),
    "GET /api/v1/dubbing-lines/{id}/": Entry("dubbing_line", LANG_READERS),
    "POST /api/v1/dubbing-lines/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "production": o.production.code,
            "language": "de",
            "character": "ELI",
            "original": "Bye.",
        },
    ),
    "POST /api/v1/dubbing-lines/import/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "production": o.production.code,
            "language": "de",
            "filename": "s.csv",
            "content_base64": "Y2hhcmFjdGVyLG9yaWdpbmFsCk5PUkEsSGVsbG8/Cg==",
        },
    ),
    "GET /api/v1/recording-sessions/": Entry(None, API_LIST, variants=("?status=booked",)),
    "GET /api/v1/recording-sessions/{id}/": Entry("recording_session", LANG_READERS),
    "POST /api/v1/recording-sessions/": Entry("production", api_create(OFFICE), body=_session_body),
    "GET /api/v1/voice-roles/": Entry(None, API_LIST, variants=("?language=de",)),
    "GET /api/v1/voice-roles/{id}/": Entry(
        "recording_session", LANG_READERS, kwargs={"id": "voice_role_id"}
    ),
    "POST /api/v1/voice-roles/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "language": "de", "character": "Eli"},
    ),
    "POST /api/v1/recording-sessions/{id}/status/": Entry(
        "recording_session", api_write(OFFICE), body={"status": "done"}
    ),
    # --- end lang ---
    # --- call ---
    "GET /api/v1/callsheets/": Entry(
        None, API_LIST, variants=("?production=NIGHTJAR&status=draft", "?ordering=-date")
    ),
    "POST /api/v1/callsheets/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "date": "2027-03-01"},
        note="the open draft of the day is answered as it is",
    ),
    "GET /api/v1/callsheets/{id}/": Entry("callsheet", SCHEDULE_READERS),
    "GET /api/v1/callsheets/{id}/recipients/": Entry(
        "callsheet", OFFICE.but(denied=DENY_OR_UNKNOWN)
    ),
    "POST /api/v1/callsheets/{id}/publish/": Entry(
        "callsheet",
        api_write(OFFICE).but(ok=frozenset({200, 400})),
        body={"override_reason": "matrix"},
        note="the matrix's draft has open warnings: only a production manager overrides (400)",
    ),
    "POST /api/v1/callsheets/{id}/refresh/": Entry("callsheet", api_write(OFFICE), body={}),
    "POST /api/v1/callsheets/{id}/send/": Entry(
        "callsheet",
        api_write(OFFICE).but(ok=frozenset({400})),
        body={},
        note="a draft is not sent: publish first (400)",
    ),
    "POST /api/v1/callsheets/{id}/bounce/": Entry(
        "callsheet",
        api_write(OFFICE).but(ok=frozenset({400})),
        body={"email": "nobody@example.com"},
        note="the matrix's draft was never sent: no mail to bounce (400)",
    ),
    "POST /api/v1/callsheets/{id}/wrap/": Entry(
        "callsheet",
        api_write(OFFICE),
        body=lambda o: {"engagement": str(o.engagement.public_id), "at": "19:00"},
    ),
    "GET /api/v1/callsheet-settings/{code}/": Entry("production", SCHEDULE_READERS),
    "PATCH /api/v1/callsheet-settings/{code}/": Entry(
        "production", api_write(OFFICE), body={"cutoff_time": "19:30"}
    ),
    "GET /api/v1/my-schedule/": Entry(None, API_LIST, variants=("?production=NIGHTJAR",)),
    # --- end call ---
    # --- paper ---
    "GET /api/v1/documents/": Entry(None, API_LIST, note="filtered by Document.for_user"),
    "POST /api/v1/documents/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "kind": "coi", "title": "API COI"},
    ),
    "GET /api/v1/documents/{id}/": Entry("document", PAPER_DOCUMENT),
    "PATCH /api/v1/documents/{id}/": Entry(
        "document", api_write(OFFICE), body={"title": "Renamed permit"}
    ),
    "POST /api/v1/documents/{id}/status/": Entry(
        "document", api_write(OFFICE), body={"status": "applied"}
    ),
    "POST /api/v1/documents/{id}/depend/": Entry(
        "document", api_write(OFFICE), body=lambda o: {"on": str(o.document_coi.public_id)}
    ),
    "POST /api/v1/documents/{id}/upload/": Entry(
        "document",
        api_write(OFFICE),
        body={"filename": "v2.pdf", "content_base64": "JVBERi0xLjQK"},
    ),
    "DELETE /api/v1/documents/{id}/": Entry(
        "document",
        api_write(OFFICE).but(ok=frozenset({204, 400})),
        note="the matrix's permit is young: the office meets the five-year refusal (400)",
    ),
    "GET /api/v1/documents/{id}/files/{version}/": Entry(
        "document", PAPER_DOCUMENT, kwargs={"version": "=1"}, note="an attachment, nosniff"
    ),
    "GET /api/v1/locations/": Entry(None, API_LIST, note="filtered by Location.for_user"),
    "POST /api/v1/locations/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "name": "API location"},
    ),
    "GET /api/v1/locations/{id}/": Entry("location", PAPER_READERS),
    "PATCH /api/v1/locations/{id}/": Entry(
        "location", api_write(OFFICE), body={"scouting_status": "scouted"}
    ),
    "GET /api/v1/permit-offices/": Entry(None, API_LIST, note="shared examples and one's own"),
    "POST /api/v1/permit-offices/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {"production": o.production.code, "name": "API film office"},
    ),
    "GET /api/v1/permit-offices/{id}/": Entry("rule", PAPER_READERS, kwargs={"id": "pk"}),
    "PATCH /api/v1/permit-offices/{id}/": Entry(
        "rule", api_write(OFFICE), kwargs={"id": "pk"}, body={"lead_business_days": 4}
    ),
    "GET /api/v1/documents/readiness/{code}/": Entry("production", PAPER_READERS),
    "GET /api/v1/documents/due/{code}/": Entry("production", MEMBERS),
    "GET /api/v1/location-photos/": Entry(
        None, API_LIST, note="filtered by LocationPhoto.for_user"
    ),
    "POST /api/v1/location-photos/": Entry(
        "location",
        api_create(OFFICE),
        body=lambda o: {
            "location": str(o.location.public_id),
            "filename": "gate.png",
            "content_base64": "iVBORw0KGgoAAAAAAAAAAA==",
        },
        note="a location the caller may not change is an unknown reference (400)",
    ),
    "GET /api/v1/location-photos/{id}/": Entry(
        "location_photo", PAPER_READERS, kwargs={"id": "pk"}
    ),
    "DELETE /api/v1/location-photos/{id}/": Entry(
        "location_photo", api_write(OFFICE), kwargs={"id": "pk"}
    ),
    "GET /api/v1/location-photos/{id}/file/": Entry(
        "location_photo", PAPER_READERS, kwargs={"id": "pk"}, note="an attachment, nosniff"
    ),
    "GET /api/v1/location-candidates/": Entry(None, API_LIST, note="prices: the office's"),
    "POST /api/v1/location-candidates/": Entry(
        "production",
        api_create(OFFICE),
        body=lambda o: {
            "production": o.production.code,
            "set_name": "INT. SHED",
            "location": str(o.location.public_id),
            "basis": "flat",
        },
    ),
    "GET /api/v1/location-candidates/{id}/": Entry("candidate", PAPER_READERS, kwargs={"id": "pk"}),
    "PATCH /api/v1/location-candidates/{id}/": Entry(
        "candidate", api_write(OFFICE), kwargs={"id": "pk"}, body={"price": "950"}
    ),
    "DELETE /api/v1/location-candidates/{id}/": Entry(
        "candidate", api_write(OFFICE), kwargs={"id": "pk"}
    ),
    "GET /api/v1/location-candidates/comparison/{code}/": Entry(
        "production", PAPER_READERS, variants=("?set=x",)
    ),
    # --- end paper ---
}
