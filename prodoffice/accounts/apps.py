from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prodoffice.accounts"
    label = "accounts"
    verbose_name = "Accounts and access"
