"""The calendar feeds page: who makes which feed, the URL shown once, revocation."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from prodoffice.scheduling.models import FeedKind, FeedToken
from prodoffice.scheduling.services.feeds import feed_create

pytestmark = pytest.mark.django_db

FEED_URL = re.compile(r'value="(http://testserver/feeds/([A-Za-z0-9_-]+)\.ics)"')


def page(world) -> str:
    return reverse("web:feeds", args=[world.production.code])


def test_office_makes_a_production_feed_and_sees_its_url_once(world, client_for):
    client = client_for(world.office)
    response = client.post(page(world), {"kind": "production"})
    assert response.status_code == 302
    html = client.get(page(world)).content.decode()
    url = FEED_URL.search(html).group(1)
    assert 'data-copy="#new-feed-url"' in html and "copy.js" in html
    assert client.get(url).status_code == 200
    assert FEED_URL.search(client.get(page(world)).content.decode()) is None  # shown once
    feed = FeedToken.objects.get()
    assert feed.kind == FeedKind.PRODUCTION and feed.created_by == world.office


def test_crew_make_a_feed_of_their_own_days_only(world, client_for):
    client = client_for(world.crew_a)
    html = client.get(page(world)).content.decode()
    assert 'id="new-person-feed"' in html and 'id="new-production-feed"' not in html
    assert client.post(page(world), {"kind": "production"}).status_code == 403
    assert client.post(page(world), {"kind": "person"}).status_code == 302
    assert FeedToken.objects.get().person == world.person_a


@pytest.mark.parametrize("role", ["executive", "office"])
def test_members_without_engagement_cannot_make_a_person_feed(world, client_for, role):
    client = client_for(getattr(world, role))
    html = client.get(page(world)).content.decode()
    assert 'id="new-person-feed"' not in html and 'id="no-feeds"' in html
    assert client.post(page(world), {"kind": "person"}).status_code == 403
    assert not FeedToken.objects.exists()


def test_bad_kind_is_named(world, client_for):
    client = client_for(world.office)
    response = client.post(page(world), {"kind": "everything"}, follow=True)
    assert "kind: choose production or person" in response.content.decode()
    assert not FeedToken.objects.exists()


def test_crew_see_their_own_feeds_the_office_sees_all(world, client_for):
    feed_create(actor=world.crew_a, production=world.production, person=world.person_a)
    feed_create(actor=world.crew_b, production=world.production, person=world.person_b)
    feed_create(actor=world.office, production=world.production)

    def rows(user) -> int:  # one Revoke button per active feed listed
        return client_for(user).get(page(world)).content.decode().count('data-confirm="Revoke')

    assert rows(world.office) == 3
    assert rows(world.crew_a) == 1
    assert rows(world.head) == 0


def test_revoke_own_feed_and_not_anothers(world, client_for):
    mine, secret = feed_create(
        actor=world.crew_a, production=world.production, person=world.person_a
    )
    theirs, _ = feed_create(actor=world.crew_b, production=world.production, person=world.person_b)
    client = client_for(world.crew_a)

    def revoke(feed):
        return client.post(reverse("web:feed_revoke", args=[world.production.code, feed.public_id]))

    assert revoke(theirs).status_code == 404
    assert revoke(mine).status_code == 302
    assert client.get(reverse("web:feed", args=[secret])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert client.get(reverse("web:feed_revoke", args=[world.production.code, mine.public_id]))
