"""Location pages: the list, a location, its availability (the sets page: scheduling/urls.py)."""

from django.urls import path

from prodoffice.locations import views

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
]

urlpatterns = []
