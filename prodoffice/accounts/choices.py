"""Roles of a production membership."""

from django.db import models


class Role(models.TextChoices):
    PRODUCER = "producer", "Producer"
    PRODUCTION_MANAGER = "production_manager", "Production manager"
    COORDINATOR = "coordinator", "Production coordinator"
    OFFICE_ASSISTANT = "office_assistant", "Office assistant"
    DEPARTMENT_HEAD = "department_head", "Department head"
    CREW = "crew", "Crew"
    CAST = "cast", "Cast"
    STUDIO_EXECUTIVE = "studio_executive", "Studio executive"


#: Full control of a production, and the only role that sees rates and personal data of others.
OFFICE_ROLES = frozenset(
    {Role.PRODUCER, Role.PRODUCTION_MANAGER, Role.COORDINATOR, Role.OFFICE_ASSISTANT}
)
#: Roles that see the whole crew list (without personal data unless office).
PRODUCTION_WIDE_ROLES = OFFICE_ROLES | {Role.DEPARTMENT_HEAD, Role.STUDIO_EXECUTIVE}
#: Self-service roles: their own profile and engagement only.
SELF_ROLES = frozenset({Role.CREW, Role.CAST})
