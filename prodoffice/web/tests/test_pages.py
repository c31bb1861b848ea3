"""Every page renders for the office with the right content, and other productions answer 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _pages(world, meeting):
    code = world.production.code
    e, p = world.engagement_a, world.person_a
    return {
        "web:dashboard": ([code], "Confirmed headcount by department"),
        "web:crew": ([code], 'id="crew-table"'),
        "web:crew_print": ([code], "crew &amp; cast list"),
        "web:engagement": ([code, e.public_id], "Ada Canary"),
        "web:engagement_edit": ([code, e.public_id], 'id="engagement-form"'),
        "web:engagement_new": ([code], "Add someone to the crew"),
        "web:people": ([code], 'id="people-table"'),
        "web:person": ([code, p.public_id], "Private details"),
        "web:person_edit": ([code, p.public_id], 'id="person-form"'),
        "web:companies": ([code], "Companies"),
        "web:company_new": ([code], 'id="company-form"'),
        "web:org_chart": ([code], 'id="org-chart"'),
        "web:meetings": ([code], "Production meeting 1"),
        "web:meeting": ([code, meeting.public_id], "Shoot the night exteriors first."),
        "web:meeting_new": ([code], 'id="meeting-form"'),
        "web:audit": ([code], 'id="audit-table"'),
        "web:members": ([code], 'id="membership-form"'),
    }


def test_every_page_renders_for_the_office(world, meeting, office):
    for name, (args, expected) in _pages(world, meeting).items():
        response = office.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert expected in response.content.decode(), name


def test_shell_shows_current_production_and_navigation(world, office, code):
    html = office.get(reverse("web:dashboard", args=[code])).content.decode()
    assert 'id="production-switcher"' in html
    assert "NIGHTJAR" in html and "Pre-production" in html
    assert 'id="sign-out"' in html and 'id="sidenav"' in html
    assert "<script>" not in html and "onclick" not in html


def test_other_production_pages_answer_404(world, meeting, client_for):
    outsider = client_for(world.other_office)
    for name, (args, _) in _pages(world, meeting).items():
        assert outsider.get(reverse(name, args=args)).status_code == 404, name


def test_foreign_object_in_own_production_url_is_404(world, office, code):
    url = reverse("web:engagement", args=[code, world.other_engagement.public_id])
    assert office.get(url).status_code == 404


def test_office_only_pages_refuse_crew(world, client_for, code):
    crew = client_for(world.crew_b)
    assert crew.get(reverse("web:audit", args=[code])).status_code == 403
    assert crew.get(reverse("web:members", args=[code])).status_code == 403
    assert crew.get(reverse("web:engagement_new", args=[code])).status_code == 403


def test_anonymous_is_sent_to_login(world, client, code):
    response = client.get(reverse("web:crew", args=[code]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_home_redirects_to_first_production(world, office):
    response = office.get(reverse("web:home"))
    assert response.status_code == 302 and "/p/" in response["Location"]


def test_dashboard_phase_transition_by_office(world, office, code):
    response = office.post(reverse("web:phase", args=[code]), {"status": "production"})
    assert response.status_code == 302
    world.production.refresh_from_db()
    assert world.production.phase == "production"


def test_phase_change_is_post_only(world, office, code):
    assert office.get(reverse("web:phase", args=[code])).status_code == 405


def test_crew_member_sees_no_rates_or_passport(world, client_for, code):
    crew = client_for(world.crew_b)
    for url in (
        reverse("web:crew", args=[code]),
        reverse("web:dashboard", args=[code]),
        reverse("web:org_chart", args=[code]),
        reverse("web:people", args=[code]),
        reverse("web:person", args=[code, world.person_b.public_id]),
    ):
        html = crew.get(url).content.decode()
        assert "987654" not in html and "ZZCANARY123" not in html, url


def test_error_templates_render(client):
    from django.template import loader

    assert "Something went wrong" in loader.get_template("errors/500.html").render()


def test_crew_dashboard_shows_their_own_work_instead_of_the_headcount(world, client_for, code):
    html = client_for(world.crew_b).get(reverse("web:dashboard", args=[code])).content.decode()
    assert "Your engagement" in html and 'id="headcount-chart"' not in html
    assert 'id="phase-actions"' not in html


def test_kept_side_navigation_follows_each_users_role(world, client_for, code):
    """The navigation is drawn once per combination of what it shows and kept (ADR 0023): the
    office's kept copy never reaches crew, and each sees their own entries and active page."""
    from prodoffice.web.templatetags.web_tags import _sidenav

    members, audit = reverse("web:members", args=[code]), reverse("web:audit", args=[code])
    crew_url = reverse("web:crew", args=[code])
    for _ in range(2):  # drawn, then kept
        office = client_for(world.office).get(crew_url).content.decode()
        crew = client_for(world.crew_a).get(crew_url).content.decode()
        assert members in office and audit in office
        assert members not in crew and audit not in crew and 'id="sidenav"' in crew
        assert f'aria-current="page" href="{crew_url}"' in office + crew
    dashboard = client_for(world.office).get(reverse("web:dashboard", args=[code])).content
    assert f'aria-current="page" href="{crew_url}"'.encode() not in dashboard
    assert _sidenav.cache_info().hits >= 2
