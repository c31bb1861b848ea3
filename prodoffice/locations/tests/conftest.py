"""Fixtures of the paperwork desk: a production manager and a location with its paperwork."""

from __future__ import annotations

import pytest

from prodoffice.locations.tests.factories import LocationFactory
from tests.support.factories import MembershipFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def manager(world):
    """The production manager of the persona production (approves paperwork)."""
    user = UserFactory(username="pm")
    MembershipFactory(user=user, production=world.production, role="production_manager")
    return user


@pytest.fixture
def mill(world):
    """A practical location of the persona production."""
    return LocationFactory(production=world.production, name="Old Mill")
