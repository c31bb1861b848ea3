"""The location map in the browser: drawn without tiles from the production's own coordinates;
a click on it fills the latitude and longitude fields, and the location saves with them."""

from __future__ import annotations

from playwright.sync_api import expect

from prodoffice.locations.tests.factories import LocationFactory
from tests.browser.helpers import BROWSER, unlabelled_controls

pytestmark = BROWSER


def test_a_click_on_the_map_sets_the_coordinates(signed_in, lantern):
    production = lantern.production
    LocationFactory(production=production, name="Harbour", latitude=50.10, longitude=-5.50)
    LocationFactory(production=production, name="Chapel", latitude=50.20, longitude=-5.30)
    mill = LocationFactory(production=production, name="Old Mill")
    page = signed_in
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"/p/{production.code}/locations/{mill.public_id}/edit/")
    svg = page.locator("#location-map svg")
    expect(svg.locator(".map-point")).to_have_count(2)
    box = svg.bounding_box()
    svg.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    lat = float(page.get_by_label("Latitude").input_value())
    lon = float(page.get_by_label("Longitude").input_value())
    # The middle of the two dots' bounding box.
    assert abs(lat - 50.15) < 0.01 and abs(lon + 5.40) < 0.01
    expect(svg.locator(".map-marker")).to_have_count(1)
    assert unlabelled_controls(page) == []
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(f"**/locations/{mill.public_id}/")
    mill.refresh_from_db()
    assert (round(float(mill.latitude), 2), round(float(mill.longitude), 2)) == (50.15, -5.4)
    assert all(
        url.startswith("http://127.0.0.1") or url.startswith("http://localhost") for url in requests
    ), "the map fetched something from elsewhere"
