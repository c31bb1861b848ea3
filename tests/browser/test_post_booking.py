"""Post bookings: the coordinator books a mix stage, then a clash at confirmed level is refused
naming the booking in the way, and nothing more is saved; stepping the first booking down to
preliminary from the list frees the slot."""

from __future__ import annotations

from playwright.sync_api import expect

from prodoffice.post.models import Booking
from prodoffice.post.services import facilities
from tests.browser.helpers import BROWSER, shoot, unlabelled_controls

pytestmark = BROWSER


def test_office_books_a_mix_stage_and_sees_a_conflict_refused(signed_in, lantern):
    page = signed_in
    facility = facilities.facility_create(
        actor=None, production=lantern.production, name="Bayside Sound", kind="vendor"
    )
    facilities.room_create(
        actor=None, facility=facility, name="Mix Stage A", kind="mix_stage", nc_rating=15,
        monitoring="atmos",
    )  # fmt: skip
    nav = page.get_by_role("navigation", name="Main navigation")
    nav.get_by_role("link", name="Rooms").click()
    expect(page.locator("#rooms-table")).to_contain_text("NC-15")
    page.locator("#book-room").click()

    def book():
        page.get_by_label("Room").select_option(label="Mix Stage A (Bayside Sound)")
        page.get_by_label("Start").fill("2027-08-02T10:00")
        page.get_by_label("End").fill("2027-08-02T13:00")
        page.get_by_label("Level").select_option("confirmed")
        page.locator("#booking-submit").click()

    book()
    expect(page.locator("#bookings-table")).to_contain_text("Mix Stage A")
    first = Booking.objects.get()
    assert unlabelled_controls(page) == []
    book()
    expect(page.locator(".error-summary")).to_contain_text(f"booking #{first.pk}")
    shoot(page, "post_booking_conflict")
    assert Booking.objects.count() == 1
    # The first booking steps down to preliminary from the list; the slot is free to confirm.
    page.get_by_label(f"Change booking {first.pk} to").select_option("preliminary")
    page.locator(f"#level-submit-{first.pk}").click()
    expect(page.locator("#bookings-table")).to_contain_text("Preliminary")
    book()
    expect(page.locator("#bookings-table")).to_contain_text("Confirmed")
    assert Booking.objects.filter(level="confirmed").count() == 1
