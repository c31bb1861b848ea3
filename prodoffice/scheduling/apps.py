from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "prodoffice.scheduling"
    label = "scheduling"
    verbose_name = "Script, breakdown and schedule"

    def demo_extend(self, production) -> None:
        """`prodoffice demo`: the HARBOR script, its calendar and a working board."""
        from prodoffice.scheduling.demo import demo_schedule

        demo_schedule(production)
