from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "prodoffice.contracts"
    label = "contracts"
    verbose_name = "Contracts"
