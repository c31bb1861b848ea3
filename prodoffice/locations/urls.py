"""Location pages: the list, a location, its availability (the sets page: scheduling/urls.py);
the paperwork desk: legal register, documents, due list, readiness board, owner's copy."""

from django.urls import path

from prodoffice.locations import views
from prodoffice.locations.views import paperwork, scouting

production_urlpatterns = [
    path("locations/", views.location_list, name="locations"),
    path("locations/new/", views.location_create, name="location_new"),
    path("locations/<uuid:public_id>/", views.location_detail, name="location"),
    path("locations/<uuid:public_id>/edit/", views.location_edit, name="location_edit"),
    path(
        "locations/<uuid:public_id>/availability/",
        views.location_availability,
        name="location_availability",
    ),
    path(
        "locations/<uuid:public_id>/availability/<int:pk>/remove/",
        views.location_availability_remove,
        name="location_availability_remove",
    ),
    path("locations/candidates/", scouting.candidate_compare, name="location_candidates"),
    path("locations/candidates/new/", scouting.candidate_add, name="location_candidate_new"),
    path(
        "locations/candidates/<int:pk>/edit/",
        scouting.candidate_edit,
        name="location_candidate_edit",
    ),
    path(
        "locations/candidates/<int:pk>/remove/",
        scouting.candidate_remove,
        name="location_candidate_remove",
    ),
    path("locations/<uuid:public_id>/photos/", scouting.location_photos, name="location_photos"),
    path(
        "locations/<uuid:public_id>/photos/<int:pk>/",
        scouting.location_photo_file,
        name="location_photo",
    ),
    path(
        "locations/<uuid:public_id>/photos/<int:pk>/remove/",
        scouting.location_photo_remove,
        name="location_photo_remove",
    ),
    path("locations/<uuid:public_id>/days/", views.location_day_add, name="location_day_add"),
    path(
        "locations/<uuid:public_id>/days/<int:pk>/remove/",
        views.location_day_remove,
        name="location_day_remove",
    ),
    path(
        "locations/<uuid:public_id>/owners-copy.pdf",
        paperwork.owners_copy,
        name="location_owners_copy",
    ),
    path("readiness/", paperwork.readiness_board, name="readiness"),
    path("paperwork/", paperwork.paperwork_list, name="paperwork"),
    path("paperwork/binder.pdf", paperwork.paperwork_binder, name="paperwork_binder"),
    path("paperwork/due/", paperwork.paperwork_due_page, name="paperwork_due"),
    path("paperwork/new/", paperwork.document_create, name="document_new"),
    path("paperwork/rules/", paperwork.rule_list, name="paperwork_rules"),
    path("paperwork/rules/new/", paperwork.rule_edit, name="paperwork_rule_new"),
    path("paperwork/rules/<int:pk>/edit/", paperwork.rule_edit, name="paperwork_rule_edit"),
    path("paperwork/<uuid:public_id>/", paperwork.document_detail, name="document"),
    path("paperwork/<uuid:public_id>/edit/", paperwork.document_edit, name="document_edit"),
    path("paperwork/<uuid:public_id>/status/", paperwork.document_status, name="document_status"),
    path("paperwork/<uuid:public_id>/upload/", paperwork.document_upload, name="document_upload"),
    path("paperwork/<uuid:public_id>/depend/", paperwork.document_depend, name="document_depend"),
    path(
        "paperwork/<uuid:public_id>/files/<int:version>/",
        paperwork.document_file,
        name="document_file",
    ),
    path("paperwork/<uuid:public_id>/delete/", paperwork.document_delete, name="document_delete"),
    path(
        "paperwork/<uuid:public_id>/files/<int:version>/delete/",
        paperwork.document_file_delete,
        name="document_file_delete",
    ),
]

urlpatterns = []
