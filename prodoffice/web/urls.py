"""Web pages: the home redirect, health, and everything under /p/<code>/ for one production."""

from django.urls import include, path

from prodoffice.web.views import (
    availability,
    boards,
    breakdown,
    conflicts,
    contracts,
    crew,
    feeds,
    interchange,
    locations,
    meetings,
    pages,
    people,
    production,
    reports,
    scripts,
    setup,
    signing,
)
from prodoffice.web.views.optimizer import board_optimize, optimization_detail

app_name = "web"

production_patterns = [
    path("", production.dashboard, name="dashboard"),
    path("phase/", production.set_phase, name="phase"),
    path("org-chart/", production.org_chart, name="org_chart"),
    path("settings/", setup.production_edit, name="production_edit"),
    path("catalogue/", setup.catalogue, name="catalogue"),
    path("catalogue/departments/new/", setup.department_new, name="department_new"),
    path("catalogue/positions/new/", setup.position_new, name="position_new"),
    path("catalogue/positions/<int:pk>/edit/", setup.position_edit, name="position_edit"),
    path("audit/", production.audit, name="audit"),
    path("access/", production.members, name="members"),
    path("access/<int:pk>/remove/", production.member_remove, name="member_remove"),
    path("crew/", crew.crew_list, name="crew"),
    path("crew/print/", crew.crew_print, name="crew_print"),
    path("crew/export.<str:fmt>", crew.crew_export, name="crew_export"),
    path("crew/new/", crew.engagement_create, name="engagement_new"),
    path("crew/validate/", crew.engagement_validate, name="engagement_validate"),
    path("crew/<uuid:public_id>/", crew.engagement_detail, name="engagement"),
    path("crew/<uuid:public_id>/edit/", crew.engagement_edit, name="engagement_edit"),
    path(
        "crew/<uuid:public_id>/validate/",
        crew.engagement_validate,
        name="engagement_edit_validate",
    ),
    path("crew/<uuid:public_id>/status/", crew.engagement_status, name="engagement_status"),
    path("people/", people.people_list, name="people"),
    path("people/quick-add/", people.person_quick_add, name="person_quick_add"),
    path("people/<uuid:public_id>/", people.person_detail, name="person"),
    path("people/<uuid:public_id>/edit/", people.person_edit, name="person_edit"),
    path(
        "people/<uuid:public_id>/add/<slug:kind>/",
        people.person_add_child,
        name="person_add",
    ),
    path("companies/", people.companies_list, name="companies"),
    path("companies/new/", people.company_create, name="company_new"),
    path("companies/<uuid:public_id>/", people.company_detail, name="company"),
    path("meetings/", meetings.meetings_list, name="meetings"),
    path("meetings/new/", meetings.meeting_create, name="meeting_new"),
    path("meetings/<uuid:public_id>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<uuid:public_id>/status/", meetings.meeting_status, name="meeting_status"),
    path(
        "meetings/<uuid:public_id>/attendance/",
        meetings.meeting_attendance,
        name="meeting_attendance",
    ),
    path("meetings/<uuid:public_id>/add/<slug:kind>/", meetings.meeting_add, name="meeting_add"),
    path(
        "meetings/<uuid:public_id>/actions/<int:pk>/done/",
        meetings.action_done,
        name="action_done",
    ),
    path(
        "meetings/<uuid:public_id>/minutes.pdf",
        meetings.meeting_minutes_pdf,
        name="meeting_minutes",
    ),
    path("script/", scripts.script_detail, name="script"),
    path("script/import/", scripts.script_import_view, name="script_import"),
    # --- board: stripboards, the production calendar, the day-out-of-days page ---
    path("boards/", boards.boards_list, name="boards"),
    path("boards/<uuid:public_id>/", boards.board_detail, name="board"),
    path("boards/<uuid:public_id>/dood/", boards.board_dood, name="board_dood"),
    path("boards/<uuid:public_id>/copy/", boards.board_copy, name="board_copy"),
    path("boards/<uuid:public_id>/working/", boards.board_working, name="board_working"),
    path("boards/<uuid:public_id>/rename/", boards.board_rename, name="board_rename"),
    path("boards/<uuid:public_id>/delete/", boards.board_delete, name="board_delete"),
    path("boards/<uuid:public_id>/palette/", boards.board_palette, name="board_palette"),
    path("boards/<uuid:public_id>/unplaced/", boards.board_add_unplaced, name="board_unplaced"),
    path("boards/<uuid:public_id>/move/", boards.board_move, name="board_move"),
    path("boards/<uuid:public_id>/boneyard/", boards.board_boneyard, name="board_boneyard"),
    path("boards/<uuid:public_id>/insert/", boards.board_insert, name="board_insert"),
    path("boards/<uuid:public_id>/remove/", boards.board_strip_remove, name="board_strip_remove"),
    path("calendar/", boards.calendar_view, name="calendar"),
    # --- reports: schedule reports of a board and their exports (pdf|csv|xlsx) ---
    path(
        "boards/<uuid:public_id>/schedule/",
        reports.board_schedule_page,
        name="board_schedule",
    ),
    path(
        "boards/<uuid:public_id>/one-liner/",
        reports.board_one_liner_page,
        name="board_one_liner",
    ),
    path(
        "boards/<uuid:public_id>/elements/",
        reports.board_elements_page,
        name="board_elements",
    ),
    path(
        "boards/<uuid:public_id>/schedule.<str:fmt>",
        reports.board_report_export,
        {"kind": "schedule"},
        name="board_schedule_export",
    ),
    path(
        "boards/<uuid:public_id>/one-liner.<str:fmt>",
        reports.board_report_export,
        {"kind": "one-liner"},
        name="board_one_liner_export",
    ),
    path(
        "boards/<uuid:public_id>/elements.<str:fmt>",
        reports.board_report_export,
        {"kind": "elements"},
        name="board_elements_export",
    ),
    path(
        "boards/<uuid:public_id>/dood.<str:fmt>",
        reports.board_report_export,
        {"kind": "dood"},
        name="board_dood_export",
    ),
    # --- breakdown desk: sheets per scene, suggestions, cast review, elements, categories ---
    path("scenes/<uuid:public_id>/", breakdown.scene_detail, name="scene"),
    path(
        "scenes/<uuid:public_id>/elements/add/",
        breakdown.scene_element_add,
        name="scene_element_add",
    ),
    path(
        "scenes/<uuid:public_id>/elements/<uuid:element_id>/remove/",
        breakdown.scene_element_remove,
        name="scene_element_remove",
    ),
    path(
        "scenes/<uuid:public_id>/suggestions/",
        breakdown.scene_suggestion,
        name="scene_suggestion",
    ),
    path("scenes/<uuid:public_id>/breakdown.pdf", breakdown.scene_pdf, name="scene_pdf"),
    path("script/breakdown.pdf", breakdown.script_pdf, name="script_breakdown_pdf"),
    path("breakdown/cast/", breakdown.cast_review_view, name="cast_review"),
    path(
        "breakdown/cast/<uuid:public_id>/",
        breakdown.cast_review_update,
        name="cast_review_update",
    ),
    path("breakdown/elements/", breakdown.elements_list, name="elements"),
    path("breakdown/elements/<uuid:public_id>/", breakdown.element_edit, name="element_edit"),
    path("breakdown/categories/", breakdown.categories_view, name="categories"),
    # --- feeds: calendar feeds and USS interchange ---
    path("calendar-feeds/", feeds.feeds_page, name="feeds"),
    path("calendar-feeds/<uuid:public_id>/revoke/", feeds.feed_revoke_view, name="feed_revoke"),
    path("script/export.uss", interchange.uss_download, name="uss_export"),
    path("interchange/", interchange.interchange_page, name="interchange"),
    # --- conflicts: availability, locations, conflicts ---
    path(
        "crew/<uuid:public_id>/availability/",
        availability.engagement_availability,
        name="engagement_availability",
    ),
    path(
        "crew/<uuid:public_id>/availability/<int:pk>/remove/",
        availability.engagement_availability_remove,
        name="engagement_availability_remove",
    ),
    path("locations/", locations.location_list, name="locations"),
    path("locations/new/", locations.location_create, name="location_new"),
    path("locations/sets/", locations.set_mapping, name="location_sets"),
    path("locations/<uuid:public_id>/", locations.location_detail, name="location"),
    path("locations/<uuid:public_id>/edit/", locations.location_edit, name="location_edit"),
    path(
        "locations/<uuid:public_id>/availability/",
        locations.location_availability,
        name="location_availability",
    ),
    path(
        "locations/<uuid:public_id>/availability/<int:pk>/remove/",
        locations.location_availability_remove,
        name="location_availability_remove",
    ),
    path("conflicts/", conflicts.conflicts_page, name="conflicts"),
    # --- opt: the shooting-order optimizer on a board, and its runs ---
    path("boards/<uuid:public_id>/optimize/", board_optimize, name="board_optimize"),
    path(
        "optimizations/<uuid:public_id>/",
        optimization_detail,
        name="optimization",
    ),
    # --- contracts desk ---
    path("contracts/", contracts.contract_desk, name="contracts"),
    path("contracts/new/", contracts.contract_create, name="contract_new"),
    path("contracts/mine/", contracts.my_contracts, name="my_contracts"),
    path("contracts/bulk/", contracts.contracts_bulk, name="contracts_bulk"),
    path("contracts/jobs/<uuid:public_id>/", contracts.contract_job, name="contract_job"),
    path("contracts/<uuid:public_id>/", contracts.contract_detail, name="contract"),
    path("contracts/<uuid:public_id>/edit/", contracts.contract_edit, name="contract_edit"),
    path(
        "contracts/<uuid:public_id>/preview.pdf",
        contracts.contract_preview,
        name="contract_preview",
    ),
    path(
        "contracts/<uuid:public_id>/document/",
        contracts.contract_document,
        name="contract_document",
    ),
    # --- end contracts desk ---
    # --- contracts signing ---
    path("contracts/<uuid:public_id>/sign/", signing.contract_sign, name="contract_sign"),
    path(
        "contracts/<uuid:public_id>/sign/document.pdf",
        signing.contract_sign_document,
        name="contract_sign_document",
    ),
    # --- end contracts signing ---
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("productions/new/", setup.production_new, name="production_new"),
    # The token is the credential (calendar apps cannot sign in): no session needed.
    path("feeds/<str:token>.ics", feeds.feed_ics, name="feed"),
    path("p/<str:code>/", include(production_patterns)),
    # --- contracts signing ---
    # The link's token is the credential of parties without an account (with the access code).
    path("sign/<str:token>/", signing.sign_link, name="sign_link"),
    path("sign/<str:token>/document.pdf", signing.sign_link_document, name="sign_link_document"),
    # Anyone may check a PDF's office seal (throttled; nothing is stored).
    path("verify/", signing.verify, name="verify"),
    # --- end contracts signing ---
]
