"""Account services: creation and password policy, deactivation ending sessions (S-09), TOTP."""

from __future__ import annotations

import base64

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from prodoffice.accounts import services
from prodoffice.accounts.models import User
from prodoffice.audit.models import AuditEvent
from tests.support.factories import PersonFactory

pytestmark = pytest.mark.django_db

STRONG = "tide-lantern-harbour-93"


def _replay(client: Client) -> Client:
    """A fresh client carrying the same session cookie, as an attacker replaying it would."""
    replay = Client()
    replay.cookies = client.cookies
    return replay


def test_user_create_hashes_password_and_is_audited(world):
    user = services.user_create(
        actor=world.office, username="newhire", email="New@Example.test", password=STRONG
    )
    assert user.check_password(STRONG)
    assert user.password != STRONG
    assert AuditEvent.objects.filter(action="user.create", target_id=str(user.pk)).exists()


def test_user_create_refuses_common_and_short_passwords(world):
    for weak in ("password123", "short"):
        with pytest.raises(ValidationError) as exc:
            services.user_create(actor=None, username=f"u{len(weak)}", password=weak)
        assert "password" in exc.value.message_dict
    assert not User.objects.filter(username__in=["u11", "u5"]).exists()


def test_user_create_without_password_cannot_sign_in():
    user = services.user_create(actor=None, username="nopass")
    assert not user.has_usable_password()


def test_user_create_refuses_duplicate_username_and_email(world):
    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=None, username="OFFICE", password=STRONG)
    assert "username" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=None, username="x2", email="CREW_A@example.test")
    assert "email" in exc.value.message_dict


def test_user_create_refused_to_crew(world):
    with pytest.raises(PermissionDenied):
        services.user_create(actor=world.crew_a, username="sneaky", password=STRONG)


def test_deactivation_kills_sessions_and_tokens(world, client_for):
    client = client_for(world.crew_b)
    assert client.get("/").status_code in (200, 302)
    Token.objects.create(user=world.crew_b)
    services.user_deactivate(actor=world.office, user=world.crew_b)
    world.crew_b.refresh_from_db()
    assert not world.crew_b.is_active
    assert services.user_sessions(world.crew_b) == []
    assert not Token.objects.filter(user=world.crew_b).exists()
    response = _replay(client).get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    event = AuditEvent.objects.get(action="user.deactivate", target_id=str(world.crew_b.pk))
    assert event.changes == {"is_active": [True, False]}


def test_deactivation_leaves_other_users_sessions(world, client_for):
    client_for(world.crew_b)
    client_for(world.crew_a)
    services.user_deactivate(actor=None, user=world.crew_b)
    assert len(services.user_sessions(world.crew_a)) == 1


def test_deactivation_permissions(world):
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=world.crew_a, user=world.crew_b)
    # An office of one production cannot switch off someone who also works elsewhere.
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=world.office, user=world.other_office)
    with pytest.raises(ValidationError):
        services.user_deactivate(actor=world.office, user=world.office)
    assert User.objects.filter(is_active=True).count() == 7


def test_password_change_logs_out_other_sessions(world, client_for):
    client = client_for(world.crew_a)
    services.user_set_password(actor=world.crew_a, user=world.crew_a, password=STRONG)
    response = _replay(client).get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    event = AuditEvent.objects.get(action="user.set_password")
    assert STRONG not in str(event.changes)


def test_set_password_refused_for_someone_else_without_rights(world):
    with pytest.raises(PermissionDenied):
        services.user_set_password(actor=world.crew_a, user=world.crew_b, password=STRONG)


def test_reactivated_user_signs_in_again(world):
    services.user_deactivate(actor=None, user=world.crew_b)
    services.user_activate(actor=None, user=world.crew_b)
    response = Client().post(
        "/accounts/login/", {"username": "crew_b", "password": "correct-horse-battery-staple-42"}
    )
    assert response.status_code == 302
    assert "/accounts/login/" not in response["Location"]


def test_totp_enrol_is_idempotent_and_gives_base32_secret(world):
    first = services.totp_enrol(actor=None, user=world.office)
    again = services.totp_enrol(actor=None, user=world.office)
    assert first.pk == again.pk
    secret = services.totp_secret(first)
    assert base64.b32decode(secret) == first.bin_key
    assert secret in first.config_url


def test_link_person_gives_self_service_and_refuses_taken_person(world):
    user = services.user_create(actor=None, username="linked", password=STRONG)
    person = PersonFactory()
    services.user_link_person(actor=None, user=user, person=person)
    person.refresh_from_db()
    assert person.user_id == user.pk
    with pytest.raises(ValidationError):
        services.user_link_person(actor=None, user=user, person=world.person_a)


def test_session_listing_ignores_expired_sessions(world, client_for):
    client_for(world.crew_a)
    Session.objects.update(expire_date="2000-01-01T00:00:00Z")
    assert services.user_sessions(world.crew_a) == []


def test_office_cannot_take_over_an_account_outside_its_productions(world):
    loose = services.user_create(actor=None, username="loose", password=STRONG)
    with pytest.raises(PermissionDenied):
        services.user_set_password(actor=world.office, user=loose, password="x" + STRONG)
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=world.office, user=loose)
    services.user_set_password(actor=world.office, user=world.crew_a, password="x" + STRONG)
    world.crew_a.refresh_from_db()
    assert world.crew_a.check_password("x" + STRONG)


def _events(user, action):
    return AuditEvent.objects.filter(action=action, target_id=str(user.pk), actor=user)


def test_token_issue_is_audited_once_and_revoke_is_audited(world):
    token = services.token_issue(actor=world.crew_a)
    assert services.token_issue(actor=world.crew_a).key == token.key  # reused, not audited again
    assert _events(world.crew_a, "user.token_issue").count() == 1
    assert services.token_revoke(actor=world.crew_a) is True
    assert not Token.objects.filter(user=world.crew_a).exists()
    assert _events(world.crew_a, "user.token_revoke").count() == 1


def test_token_revoke_without_a_token_writes_no_event(world):
    assert services.token_revoke(actor=world.crew_a) is False
    assert not _events(world.crew_a, "user.token_revoke").exists()


def test_totp_confirm_saves_the_device_with_its_key_and_is_audited(world):
    key = "3132333435363738393031323334353637383930"
    draft = TOTPDevice(key=key)
    code = f"{totp(draft.bin_key, draft.step, draft.t0, draft.digits):06d}"
    with pytest.raises(ValidationError) as refused:
        services.totp_confirm(actor=world.office, user=world.office, key=key, token="000000")
    assert "token" in refused.value.message_dict
    assert not TOTPDevice.objects.filter(user=world.office).exists()
    device = services.totp_confirm(actor=world.office, user=world.office, key=key, token=code)
    assert device.confirmed and device.key == key and device.name == services.TOTP_DEVICE_NAME
    assert _events(world.office, "user.totp_enrol").count() == 1
