from django.apps import AppConfig


class LocationsConfig(AppConfig):
    name = "prodoffice.locations"
    label = "locations"
    verbose_name = "Locations"

    def demo_extend(self, production) -> None:
        """`prodoffice demo`: HARBOR's locations, set mapping and paperwork in every state."""
        from prodoffice.locations.demo import demo_locations

        demo_locations(production)
