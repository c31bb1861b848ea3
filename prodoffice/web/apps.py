from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "prodoffice.web"
    label = "web"
    verbose_name = "Web interface"
