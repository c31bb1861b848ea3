from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "prodoffice.people"
    label = "people"
    verbose_name = "People and companies"
