"""Sign-in, sign-out and the TOTP two-factor flow."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from prodoffice.audit.models import AuditEvent
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_and_sign_in(world, client):
    page = client.get(reverse("accounts:login"))
    assert page.status_code == 200 and 'for="id_username"' in page.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "office", "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_is_explained(world, client):
    response = client.post(reverse("accounts:login"), {"username": "office", "password": "no"})
    assert 'id="login-error"' in response.content.decode()


def test_sign_out_is_post_only_and_ends_the_session(world, office, code):
    assert office.get(reverse("accounts:logout")).status_code == 405
    office.post(reverse("accounts:logout"))
    assert office.get(reverse("web:crew", args=[code])).status_code == 302


def _code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def test_office_must_enrol_then_pages_open(world, settings, client, code):
    settings.PRODOFFICE_MFA_REQUIRED = True
    client.post(reverse("accounts:login"), {"username": "office", "password": PASSWORD})
    crew_url = reverse("web:crew", args=[code])
    response = client.get(crew_url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/")
    enrol = client.get(response["Location"])
    html = enrol.content.decode()
    assert "<svg" in html and 'id="totp-secret"' in html
    assert not TOTPDevice.objects.filter(user=world.office).exists()  # GET wrote nothing

    wrong = client.post(reverse("accounts:two_factor"), {"token": "000000", "next": crew_url})
    assert "doesn" in wrong.content.decode()
    key = client.session["prodoffice_totp_enrol_key"]
    device = TOTPDevice(user=world.office, key=key)
    done = client.post(
        reverse("accounts:two_factor"), {"token": _code_for(device), "next": crew_url}
    )
    assert done.status_code == 302 and done["Location"] == crew_url
    assert TOTPDevice.objects.get(user=world.office).confirmed
    assert client.get(crew_url).status_code == 200


def test_enrolment_through_the_page_is_audited(world, client):
    client.force_login(world.office)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice(user=world.office, key=client.session["prodoffice_totp_enrol_key"])
    client.post(reverse("accounts:two_factor"), {"token": _code_for(device)})
    event = AuditEvent.objects.get(action="user.totp_enrol", target_id=str(world.office.pk))
    assert event.actor == world.office and event.source == "web"


def test_enrolled_office_verifies_at_next_sign_in(world, settings, client, code):
    settings.PRODOFFICE_MFA_REQUIRED = True
    device = TOTPDevice.objects.create(user=world.office, name="app", confirmed=True)
    client.post(reverse("accounts:login"), {"username": "office", "password": PASSWORD})
    crew_url = reverse("web:crew", args=[code])
    assert client.get(crew_url).status_code == 302
    verify = client.get(reverse("accounts:two_factor"))
    assert "Enter your sign-in code" in verify.content.decode()
    client.post(reverse("accounts:two_factor"), {"token": _code_for(device), "next": crew_url})
    assert client.get(crew_url).status_code == 200


def test_crew_is_not_asked_for_a_second_factor(world, settings, client, code):
    settings.PRODOFFICE_MFA_REQUIRED = True
    client.post(reverse("accounts:login"), {"username": "crew_b", "password": PASSWORD})
    assert client.get(reverse("web:crew", args=[code])).status_code == 200


def test_next_parameter_cannot_leave_the_site(world, settings, client):
    settings.PRODOFFICE_MFA_REQUIRED = True
    device = TOTPDevice.objects.create(user=world.office, name="app", confirmed=True)
    client.post(reverse("accounts:login"), {"username": "office", "password": PASSWORD})
    response = client.post(
        reverse("accounts:two_factor"), {"token": _code_for(device), "next": "https://evil.test/"}
    )
    assert response.status_code == 302 and "evil.test" not in response["Location"]
