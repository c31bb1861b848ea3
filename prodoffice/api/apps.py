from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API plumbing: router, auth, pagination, error format, schema extensions."""

    name = "prodoffice.api"
    label = "api"
    verbose_name = "REST API"

    def ready(self) -> None:
        # Registers the schema extensions before any schema is generated.
        from prodoffice.api import schema  # noqa: F401
