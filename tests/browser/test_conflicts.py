"""Availability, locations and conflicts in the browser: add dates in place, map sets, see the
conflicts page (screenshots for the docs)."""

from __future__ import annotations

import datetime

from playwright.sync_api import expect

from prodoffice.locations import services as locations
from prodoffice.productions.services.availability import unavailability_add
from prodoffice.scheduling.models import (
    BreakdownCategory,
    Element,
    Scene,
    SceneElement,
    Script,
    scene_sort_key,
)
from prodoffice.scheduling.services.boards import board_create, day_break_insert
from prodoffice.scheduling.services.calendar import calendar_set
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER

MONDAY = datetime.date(2027, 3, 1)
SETS = ["LIGHTHOUSE - LAMP ROOM", "HARBOUR", "LIGHTHOUSE - LAMP ROOM", "QUILL'S OFFICE"]


def _schedule(lantern):
    """Four scenes over three shoot days, Elsie in 1 and 3, Quill in 4; two locations."""
    production = lantern.production
    script = Script.objects.create(production=production, title="The Lantern Keeper",
                                   revision_colour="White", source_filename="lantern.fountain",
                                   source_format="fountain", sha256="0" * 64)  # fmt: skip
    scenes = [
        Scene.objects.create(
            script=script,
            number=str(n),
            sort_key=scene_sort_key(str(n)),
            position=n,
            eighths=6,
            set_name=name,
            heading=f"INT. {name} - DAY",
            int_ext="INT",
        )
        for n, name in enumerate(SETS, start=1)
    ]
    calendar_set(actor=None, production=production, start_date=MONDAY, working_weekdays=range(5))
    board = board_create(actor=None, production=production, name="Main")
    day_break_insert(actor=None, board=board, position=2)
    day_break_insert(actor=None, board=board, position=4)
    cast = BreakdownCategory.objects.create(production=production, ucid=100, name="Cast Members",
                                            colour="#e53935")  # fmt: skip
    elsie, quill = (lantern.engagements["Lead Actor"], lantern.engagements["Supporting Actor"])
    for eng, number, scene_ids in ((elsie, "1", (0, 2)), (quill, "2", (3,))):
        el = Element.objects.create(production=production, category=cast, board_id=number,
                                    name=eng.character.upper(), engagement=eng)  # fmt: skip
        for i in scene_ids:
            SceneElement.objects.create(scene=scenes[i], element=el)
    unavailability_add(actor=None, engagement=elsie, start_date=MONDAY.replace(day=2),
                       end_date=MONDAY.replace(day=2), kind="other_job",
                       reason="Commercial in Lisbon")  # fmt: skip
    lamp = locations.location_create(
        actor=None, production=production, name="Pendeen Lighthouse",
        address="Pendeen, Penzance TR19 7ED", latitude="50.1655", longitude="-5.6703",
        contact_name="Trinity House", contact_phone="+44 1736 788418",
        restrictions="No crew in the lamp room after dusk",
        parking="Car park by the keepers' cottages",
        truck_access="Narrow lane: 7.5 t maximum", base_camp="Keepers' cottages field",
        fee="2500", deposit="1000", currency="GBP", hospital_name="West Cornwall Hospital",
        hospital_address="St Clare Street, Penzance TR18 2PF", hospital_phone="+44 1736 874000",
    )  # fmt: skip
    locations.location_create(actor=None, production=production, name="Newlyn Harbour",
                              address="Newlyn, Penzance", backups=[lamp])  # fmt: skip
    locations.set_location_assign(actor=None, production=production, set_name=SETS[0],
                                  location=lamp)  # fmt: skip
    locations.location_unavailability_add(actor=None, location=lamp, start_date=MONDAY,
                                          end_date=MONDAY, reason="Lamp maintenance")  # fmt: skip
    return board


def test_conflicts_page_lists_cast_and_location_conflicts(signed_in, lantern):
    _schedule(lantern)
    page = signed_in
    nav = page.get_by_role("navigation", name="Main navigation")
    nav.get_by_role("link", name="Conflicts").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Conflicts (2)")
    table = page.locator("table")
    expect(table).to_contain_text("Marta Silva (1. ELSIE ROOK) is unavailable on Tue 2 Mar 2027")
    expect(table).to_contain_text("Pendeen Lighthouse is unavailable on Mon 1 Mar 2027")
    shoot(page, "conflicts")


def test_locations_list_detail_and_set_mapping(signed_in, lantern):
    _schedule(lantern)
    page = signed_in
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Locations"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Locations (2)")
    shoot(page, "locations")
    page.get_by_role("link", name="Pendeen Lighthouse").click()
    expect(page.locator("#hospital")).to_contain_text("West Cornwall Hospital")
    expect(page.locator("#location-fee")).to_contain_text("2,500")
    # Add unavailable dates in place: a bad range is refused next to the field, then fixed.
    page.get_by_text("Add unavailable dates").click()
    page.locator("#id_unavail-start_date").fill("2027-03-10")
    page.locator("#id_unavail-end_date").fill("2027-03-08")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#location-availability")).to_contain_text(
        "The end date is before the start date."
    )
    page.locator("#id_unavail-end_date").fill("2027-03-12")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#location-availability")).to_contain_text("Wed 10 Mar 2027")
    assert unlabelled_controls(page) == []
    shoot(page, "location")
    page.goto(f"/p/{lantern.production.code}/locations/sets/")
    page.get_by_label("Location of HARBOUR", exact=True).select_option(label="Newlyn Harbour")
    page.get_by_role("button", name="Save the location of HARBOUR").click()
    expect(page.locator("#messages")).to_contain_text("HARBOUR: Newlyn Harbour")
    assert unlabelled_controls(page) == []
    shoot(page, "location_sets")


def test_availability_section_on_the_engagement_page(signed_in, lantern):
    page = signed_in
    elsie = lantern.engagements["Lead Actor"]
    page.goto(f"/p/{lantern.production.code}/crew/{elsie.public_id}/")
    section = page.locator("#section-availability")
    expect(section).to_contain_text("No unavailable dates recorded.")
    section.get_by_text("Add unavailable dates").click()
    section.get_by_label("From").fill("2027-03-02")
    section.get_by_label("To").fill("2027-03-04")
    section.get_by_label("Kind").select_option(label="Other job")
    section.get_by_label("Reason").fill("Commercial in Lisbon")
    section.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#section-availability")).to_contain_text("Commercial in Lisbon")
    expect(page.locator("#messages")).to_contain_text("Marta Silva unavailable")
    assert unlabelled_controls(page) == []
    shoot(page, "engagement_availability")
