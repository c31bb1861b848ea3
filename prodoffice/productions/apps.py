from django.apps import AppConfig


class ProductionsConfig(AppConfig):
    name = "prodoffice.productions"
    label = "productions"
    verbose_name = "Productions and crew"
