from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "prodoffice.scheduling"
    label = "scheduling"
    verbose_name = "Script, breakdown and schedule"
