"""Shared pytest fixtures: personas, web and API clients, a meeting, the persona production."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from prodoffice.productions.models import Meeting
from prodoffice.productions.services import meetings
from tests.support.personas import World, build_world

# Timing is for benchmarks/, never for tests: a loaded machine must not fail a property test.
hypothesis_settings.register_profile("prodoffice", deadline=None)
hypothesis_settings.load_profile("prodoffice")


def pytest_collection_modifyitems(config, items):
    """A transactional test flushes the database afterwards, and the flush's post-migrate signal
    recreates the content types; the next test that restores the serialized database (every
    browser test) then fails on them. So every transactional test restores it too."""
    unsafe = [
        item.nodeid
        for item in items
        for mark in item.iter_markers("django_db")
        if mark.kwargs.get("transaction") and not mark.kwargs.get("serialized_rollback")
    ]
    if unsafe:
        raise pytest.UsageError(
            "django_db(transaction=True) needs serialized_rollback=True: " + ", ".join(unsafe)
        )


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    """No second factor unless a test asks for it; throttles and uploads in a temporary place."""
    settings.PRODOFFICE_MFA_REQUIRED = False
    # Argon2 is slow by design; the S-10 test asserts the production hasher separately.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # The demo creates the office seal key when there is none: never in the working tree's var/.
    settings.PRODOFFICE_SIGNING_DIR = tmp_path / "signing"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Background tasks run inline (no worker process in tests).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db) -> World:
    """Two productions with a user for every role (see tests.support.personas)."""
    return build_world()


@pytest.fixture
def client_for():
    """A logged-in web client for a user."""

    def make(user) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture
def api_for():
    """An authenticated API client for a user."""

    def make(user) -> APIClient:
        c = APIClient()
        c.force_authenticate(user)
        return c

    return make


@pytest.fixture
def meeting(world) -> Meeting:
    """A production meeting with an agenda point, a decision, an action item and an attendee."""
    m = meetings.meeting_create(
        actor=None, production=world.production, title="Production meeting 1", location="Office"
    )
    meetings.agenda_item_add(actor=None, meeting=m, title="Locations recce")
    meetings.decision_add(actor=None, meeting=m, text="Shoot the night exteriors first.")
    meetings.action_item_add(
        actor=None, meeting=m, text="Book the condor", assignee=world.engagement_b
    )
    meetings.attendance_set(actor=None, meeting=m, engagement=world.engagement_a, status="invited")
    return m


@pytest.fixture
def office(world, client_for):
    """A web client signed in as the production's coordinator."""
    return client_for(world.office)


@pytest.fixture
def code(world) -> str:
    """The persona production's code."""
    return world.production.code
