from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "prodoffice.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from prodoffice.core import checks  # noqa: F401  (registers the system checks)
