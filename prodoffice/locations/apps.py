from django.apps import AppConfig


class LocationsConfig(AppConfig):
    name = "prodoffice.locations"
    label = "locations"
    verbose_name = "Locations"
