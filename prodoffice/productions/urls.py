"""The production's pages: phase, org chart, set-up, access, audit, crew list, people, meetings."""

from django.urls import path

from prodoffice.productions.views import (
    access,
    audit,
    availability,
    crew,
    meetings,
    org_chart,
    people,
    setup,
)

production_urlpatterns = [
    path("phase/", setup.set_phase, name="phase"),
    path("org-chart/", org_chart.org_chart, name="org_chart"),
    path("settings/", setup.production_edit, name="production_edit"),
    path("catalogue/", setup.catalogue, name="catalogue"),
    path("catalogue/departments/new/", setup.department_new, name="department_new"),
    path("catalogue/positions/new/", setup.position_new, name="position_new"),
    path("catalogue/positions/<int:pk>/edit/", setup.position_edit, name="position_edit"),
    path("audit/", audit.audit, name="audit"),
    path("access/", access.members, name="members"),
    path("access/<int:pk>/remove/", access.member_remove, name="member_remove"),
    path("crew/", crew.crew_list, name="crew"),
    path("crew/print/", crew.crew_print, name="crew_print"),
    path("crew/import/", crew.crew_import_page, name="crew_import"),
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
    path("people/<uuid:public_id>/data/", people.person_data, name="person_data"),
    path("people/<uuid:public_id>/erase/", people.person_erase, name="person_erase"),
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
    path(
        "meetings/<uuid:public_id>/attendance/all/",
        meetings.meeting_attendance_all,
        name="meeting_attendance_all",
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
]

urlpatterns = [
    path("productions/new/", setup.production_new, name="production_new"),
]
