"""Factories of the paperwork desk (plain rows; services are tested through their own calls)."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from prodoffice.locations.models import Document, JurisdictionRule, Location, LocationDay


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Location {n}")
    kind = "practical"


class RuleFactory(DjangoModelFactory):
    class Meta:
        model = JurisdictionRule

    name = factory.Sequence(lambda n: f"Permit office {n}")
    lead_business_days = 3
    max_days_ahead = 30


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    kind = "location_agreement"
    status = "approved"
    title = factory.Sequence(lambda n: f"Document {n}")
    # Relative to today, so "valid now" stays true whenever the suite runs.
    effective_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(30))
    expiry_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(365))


class LocationDayFactory(DjangoModelFactory):
    class Meta:
        model = LocationDay

    kind = "shoot"
