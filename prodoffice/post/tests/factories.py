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
