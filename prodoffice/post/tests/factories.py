"""Factories and small builders of the post tests."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from prodoffice.post.models import Cut
from tests.support.factories import MembershipFactory, UserFactory, department


class CutFactory(DjangoModelFactory):
    class Meta:
        model = Cut

    name = factory.Sequence(lambda n: f"Cut {n}")


def post_supervisor(production, username: str = "postsup"):
    """A department head of Editorial on the production: manages post."""
    user = UserFactory(username=username)
    MembershipFactory(
        user=user, production=production, role="department_head", department=department("editorial")
    )
    return user


def stage(production, name: str = "Stage A", kind: str = "mix_stage", **values):
    """A facility with one room (plain rows: the services are what the tests exercise)."""
    from prodoffice.post.models import Facility, Room

    facility, _ = Facility.objects.get_or_create(
        production=production,
        name="Harbour Post",
        defaults={"kind": "in_house", "time_zone": "UTC"},
    )
    values = {"nc_rating": 20, "treated": True, "monitoring": "atmos", **values}
    return Room.objects.create(facility=facility, name=name, kind=kind, **values)
