"""Factories of the language desk's tests."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from prodoffice.languages.models import Linguist, LinguistPair, ProductionLanguage, WorkItem
from tests.support.factories import MembershipFactory, PersonFactory, ProductionFactory, UserFactory


class ProductionLanguageFactory(DjangoModelFactory):
    class Meta:
        model = ProductionLanguage

    production = factory.SubFactory(ProductionFactory)
    language = "es"
    role = "target"
    kinds = factory.LazyFunction(lambda: ["subtitles"])
    territories = factory.LazyFunction(lambda: ["ES"])


class LinguistFactory(DjangoModelFactory):
    class Meta:
        model = Linguist

    production = factory.SubFactory(ProductionFactory)
    person = factory.SubFactory(PersonFactory)
    name = factory.LazyAttribute(lambda o: str(o.person))
    specialisms = factory.LazyFunction(lambda: ["subtitling"])


class LinguistPairFactory(DjangoModelFactory):
    class Meta:
        model = LinguistPair

    linguist = factory.SubFactory(LinguistFactory)
    source = "en"
    target = "es"
    years_experience = 5
    rate = "987654.32"
    currency = "EUR"


class WorkItemFactory(DjangoModelFactory):
    class Meta:
        model = WorkItem

    production = factory.SubFactory(ProductionFactory)
    language = "es"
    kind = "subtitles"


def office(production, username: str = "coord"):
    """A production coordinator: the office, who manages the language desk."""
    user = UserFactory(username=username)
    MembershipFactory(user=user, production=production, role="coordinator")
    return user


def crew(production, username: str = "crew"):
    """A crew member: no view of the language desk."""
    user = UserFactory(username=username)
    MembershipFactory(user=user, production=production, role="crew")
    return user
