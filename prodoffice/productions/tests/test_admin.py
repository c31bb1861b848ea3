"""The admin reads domain data but never writes it (writes go through audited services)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(world, client_for):
    return client_for(UserFactory(username="root", is_staff=True, is_superuser=True))


@pytest.mark.parametrize(
    "model",
    ["productions/engagement", "productions/production", "people/person", "audit/auditevent"],
)
def test_admin_lists_but_cannot_add(admin_client_, model):
    assert admin_client_.get(f"/admin/{model}/").status_code == 200
    assert admin_client_.get(f"/admin/{model}/add/").status_code == 403


def test_admin_engagement_page_hides_pay(world, admin_client_):
    url = reverse("admin:productions_engagement_change", args=[world.engagement_a.pk])
    html = admin_client_.get(url).content.decode()
    assert "Ada Canary" in html and "987654" not in html


def test_admin_cannot_delete_a_person(world, admin_client_):
    url = reverse("admin:people_person_delete", args=[world.person_b.pk])
    assert admin_client_.post(url, {"post": "yes"}).status_code == 403
    world.person_b.refresh_from_db()
