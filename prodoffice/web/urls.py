"""Web pages: the home redirect, health, and everything under /p/<code>/ for one production."""

from django.urls import include, path

from prodoffice.web.views import crew, meetings, pages, people, production, scripts, setup
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
    # --- opt: the shooting-order optimizer on a board, and its runs ---
    path("boards/<uuid:public_id>/optimize/", board_optimize, name="board_optimize"),
    path(
        "optimizations/<uuid:public_id>/",
        optimization_detail,
        name="optimization",
    ),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("productions/new/", setup.production_new, name="production_new"),
    path("p/<str:code>/", include(production_patterns)),
]
