"""Breakdown desk pages: sheet per scene, suggestions, PDFs, cast review, elements, categories."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    Scene,
    SceneElement,
    SuggestionDismissal,
)
from prodoffice.scheduling.services.script import script_import
from prodoffice.scheduling.tests.scripts_for_tests import BREAKDOWN_DRAFT
from tests.support.factories import EngagementFactory, position
from tests.support.security import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def storm(world):
    script_import(
        actor=world.office,
        production=world.production,
        filename="storm.fountain",
        data=BREAKDOWN_DRAFT.encode(),
    )
    return world


def scene(world, number="1") -> Scene:
    return Scene.objects.get(script__production=world.production, number=number)


def url(name, world, *args):
    return reverse(f"web:{name}", args=[world.production.code, *args])


@pytest.mark.parametrize("persona", ["office", "head", "executive"])
def test_scene_sheet_shows_facts_text_and_elements(storm, client_for, persona):
    s = scene(storm)
    response = client_for(getattr(storm, persona)).get(url("scene", storm, s.public_id))
    html = response.content.decode()
    assert response.status_code == 200
    assert "KITCHEN" in html and "Night" in html and s.pages in html
    assert "Ann lights a CANDLE" in html  # the scene text
    assert "Cast Members" in html and "ANN" in html and "BOB" in html
    # Only the office gets the suggestion and add forms.
    assert ("Suggested from the text" in html) is (persona == "office")
    assert ("Create &amp; add" in html) is (persona == "office")


def test_scene_is_linked_from_the_scenes_table(storm, client_for):
    html = client_for(storm.office).get(url("script", storm)).content.decode()
    assert url("scene", storm, scene(storm).public_id) in html


def test_crew_and_other_productions_get_no_scene(storm, client_for):
    target = url("scene", storm, scene(storm).public_id)
    assert client_for(storm.crew_b).get(target).status_code in (403, 404)
    assert client_for(storm.other_office).get(target).status_code == 404


def test_add_existing_and_create_new_element_inline(storm, client_for):
    s, office = scene(storm), client_for(storm.office)
    props = BreakdownCategory.objects.get(production=storm.production, ucid=104)
    response = office.post(
        url("scene_element_add", storm, s.public_id),
        {"new-name": "Red umbrella", "new-category": props.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204 and response["HX-Location"].endswith(f"{s.public_id}/")
    umbrella = Element.objects.get(name="Red umbrella")
    assert SceneElement.objects.filter(scene=s, element=umbrella).exists()
    scene2 = scene(storm, "2")
    office.post(url("scene_element_add", storm, scene2.public_id), {"element": umbrella.public_id})
    assert SceneElement.objects.filter(scene=scene2, element=umbrella).exists()


def test_create_element_errors_name_the_field(storm, client_for):
    s = scene(storm)
    response = client_for(storm.office).post(
        url("scene_element_add", storm, s.public_id),
        {"new-name": "", "new-category": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "This field is required" in response.content.decode()
    assert not SceneElement.objects.filter(scene=s, from_script=False).exists()


def test_remove_link_and_refusals(storm, client_for):
    s, office = scene(storm), client_for(storm.office)
    props = BreakdownCategory.objects.get(production=storm.production, ucid=104)
    candle = Element.objects.create(production=storm.production, category=props, name="Candle")
    SceneElement.objects.create(scene=s, element=candle)
    office.post(url("scene_element_remove", storm, s.public_id, candle.public_id))
    assert not SceneElement.objects.filter(scene=s, element=candle).exists()
    ann = Element.objects.get(name="ANN")
    response = office.post(url("scene_element_remove", storm, s.public_id, ann.public_id))
    assert response.status_code == 302
    assert SceneElement.objects.filter(scene=s, element=ann).exists()  # ANN speaks there
    head = client_for(storm.head)
    SceneElement.objects.create(scene=s, element=candle)
    response = head.post(url("scene_element_remove", storm, s.public_id, candle.public_id))
    assert response.status_code == 403
    assert SceneElement.objects.filter(scene=s, element=candle).exists()


def test_accept_and_dismiss_suggestions(storm, client_for):
    s, office = scene(storm), client_for(storm.office)
    target = url("scene_suggestion", storm, s.public_id)
    office.post(target, {"name": "Candle", "ucid": "104", "decision": "accept"})
    office.post(target, {"name": "Rain", "ucid": "105", "decision": "dismiss"})
    assert SceneElement.objects.filter(scene=s, element__name="Candle").exists()
    assert SuggestionDismissal.objects.filter(scene=s, key="105:rain").exists()
    html = office.get(url("scene", storm, s.public_id)).content.decode()
    assert 'data-key="105:rain"' not in html and 'data-key="104:candle"' not in html
    assert 'data-key="101:diners"' in html


def test_scene_pdf_is_a_breakdown_sheet(storm, client_for):
    s = scene(storm)
    response = client_for(storm.executive).get(url("scene_pdf", storm, s.public_id))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    if text is None:
        pytest.skip("pdftotext not installed")
    assert "BREAKDOWN SHEET" in text and "KITCHEN" in text
    assert "CAST MEMBERS" in text.upper() and "ANN" in text and "BOB" in text


def test_all_sheets_pdf_has_one_page_per_scene(storm, client_for):
    response = client_for(storm.office).get(url("script_breakdown_pdf", storm))
    assert response.status_code == 200
    text = pdf_text(response.content)
    if text is None:
        pytest.skip("pdftotext not installed")
    assert "KITCHEN" in text and "STREET" in text and "ROBERT" in text
    assert text.count("\f") >= 2  # a form feed after each page


def test_all_sheets_pdf_without_a_script_is_404(world, client_for):
    assert client_for(world.office).get(url("script_breakdown_pdf", world)).status_code == 404


def test_cast_review_map_and_merge(storm, client_for):
    office = client_for(storm.office)
    html = office.get(url("cast_review", storm)).content.decode()
    assert "BOB" in html and "ROBERT" in html and "Needs review" in html
    actor = EngagementFactory(
        production=storm.production, position=position("Lead Actor"), cast_number=5
    )
    bob = Element.objects.get(name="BOB")
    robert = Element.objects.get(name="ROBERT")
    office.post(
        url("cast_review_update", storm, bob.public_id),
        {"decision": "map", "engagement": str(actor.public_id)},
    )
    bob.refresh_from_db()
    assert bob.engagement == actor and bob.board_id == "5"
    office.post(
        url("cast_review_update", storm, bob.public_id),
        {"decision": "merge", "into": str(robert.public_id)},
    )
    robert.refresh_from_db()
    assert not Element.objects.filter(pk=bob.pk).exists()
    assert robert.engagement == actor


def test_cast_review_refuses_a_foreign_engagement(storm, client_for):
    bob = Element.objects.get(name="BOB")
    response = client_for(storm.office).post(
        url("cast_review_update", storm, bob.public_id),
        {"decision": "map", "engagement": str(storm.other_engagement.public_id)},
        follow=True,
    )
    assert "choose a cast member of this production" in response.content.decode()
    bob.refresh_from_db()
    assert bob.engagement is None


def test_cast_review_is_for_the_office(storm, client_for):
    assert client_for(storm.head).get(url("cast_review", storm)).status_code == 403


def test_elements_list_filters_and_search(storm, client_for):
    office = client_for(storm.office)
    response = office.get(url("elements", storm), {"category": "100"})
    names = {e.name for e in response.context["page"].object_list}
    assert names == {"ANN", "BOB", "ROBERT"}
    response = office.get(url("elements", storm), {"q": "rob"})
    assert [e.name for e in response.context["page"].object_list] == ["ROBERT"]


def test_element_edit_saves_dood_rules_and_names_bad_fields(storm, client_for):
    office = client_for(storm.office)
    bob = Element.objects.get(name="BOB")
    cast = BreakdownCategory.objects.get(production=storm.production, ucid=100)
    target = url("element_edit", storm, bob.public_id)
    assert "SAG-AFTRA" in office.get(target).content.decode()
    body = {"name": "Bob", "board_id": "9", "category": cast.pk, "drop_min_days": "14"}
    response = office.post(target, {**body, "drop_allowed": "on"})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert (bob.name, bob.board_id, bob.drop_allowed, bob.drop_min_days, bob.hold_allowed) == (
        "Bob",
        "9",
        True,
        14,
        False,
    )
    response = office.post(target, {**body, "drop_min_days": "0"})
    assert response.status_code == 200 and "drop_min_days" in response.context["form"].errors


def test_categories_rename_and_recolour(storm, client_for):
    office = client_for(storm.office)
    response = office.post(
        url("categories", storm),
        {"ucid": "104", "c104-name": "Hand props", "c104-colour": "#123456"},
    )
    assert response.status_code == 302
    props = BreakdownCategory.objects.get(production=storm.production, ucid=104)
    assert (props.name, props.colour) == ("Hand props", "#123456")
    response = office.post(
        url("categories", storm), {"ucid": "104", "c104-name": "Props", "c104-colour": "red"}
    )
    assert "hex colour" in response.content.decode()
    assert (
        client_for(storm.head)
        .post(url("categories", storm), {"ucid": "104", "c104-name": "X", "c104-colour": "#000000"})
        .status_code
        == 403
    )


def test_scene_and_elements_pages_cost_the_same_queries_for_more_elements(storm, client_for):
    office, s = client_for(storm.office), scene(storm)
    office.get(url("scene", storm, s.public_id))  # warm the session and membership caches
    counts = []
    for extra in (0, 25):
        props = BreakdownCategory.objects.get(production=storm.production, ucid=104)
        for i in range(extra):
            element = Element.objects.create(
                production=storm.production, category=props, name=f"Prop {i}"
            )
            SceneElement.objects.create(scene=s, element=element)
        with CaptureQueriesContext(connection) as page_queries:
            office.get(url("scene", storm, s.public_id))
        with CaptureQueriesContext(connection) as list_queries:
            office.get(url("elements", storm))
        counts.append((len(page_queries), len(list_queries)))
    assert counts[0] == counts[1]
