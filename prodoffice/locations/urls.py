"""Location pages: the list, a location, its availability, the set-to-location mapping."""

from django.urls import path

from prodoffice.web.views import locations

production_urlpatterns = [
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
]

urlpatterns = []
