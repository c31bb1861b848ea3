from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "prodoffice.audit"
    label = "audit"
    verbose_name = "Audit log"
