"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from prodoffice.accounts.models import Membership, User
from prodoffice.people.models import Company, Person
from prodoffice.productions.models import Department, Engagement, Position, Production

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Studio {n}")
    kind = "studio"


class ProductionFactory(DjangoModelFactory):
    class Meta:
        model = Production

    title = factory.Sequence(lambda n: f"Production {n}")
    code = factory.Sequence(lambda n: f"PROD{n:03d}")
    kind = "feature"
    phase = "pre_production"
    time_zone = "America/Los_Angeles"
    currency = "USD"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"person{n}@example.test")
    phone = "+12135550143"
    years_experience = 10


def position(title: str) -> Position:
    """A seeded catalogue position by title."""
    return Position.objects.select_related("department").get(title=title)


def department(slug: str) -> Department:
    """A seeded catalogue department by slug."""
    return Department.objects.get(slug=slug)


class EngagementFactory(DjangoModelFactory):
    class Meta:
        model = Engagement

    production = factory.SubFactory(ProductionFactory)
    person = factory.SubFactory(PersonFactory)
    position = factory.LazyFunction(lambda: position("Grip"))
    status = "confirmed"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    production = factory.SubFactory(ProductionFactory)
    role = "coordinator"
