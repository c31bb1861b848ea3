"""Every write to user accounts: create, password, deactivate, link a person, TOTP, API tokens."""

from __future__ import annotations

import base64
import logging
from typing import Any

from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from prodoffice.accounts import permissions as perms
from prodoffice.accounts.choices import OFFICE_ROLES
from prodoffice.accounts.models import User
from prodoffice.audit.services import record
from prodoffice.core import context
from prodoffice.core.services import assign, require, validate

USER_FIELDS = ("username", "email", "first_name", "last_name")
TOTP_DEVICE_NAME = "Authenticator app"

log = logging.getLogger("prodoffice.auth")


def _may_manage(actor, user: User | None) -> bool:
    """Superusers manage anyone; office staff manage non-superusers who are only in their shows."""
    if actor is None or actor.is_superuser:
        return True
    if user is None:
        return perms.is_office_anywhere(actor)
    if user.is_superuser or user.is_staff:
        return False
    # Only people who work solely on the actor's productions: an account with no membership,
    # or one elsewhere too, is not this office's to lock out or take over.
    target_productions = set(user.memberships.values_list("production_id", flat=True))
    office_of = set(perms.production_ids(actor, OFFICE_ROLES))
    return bool(target_productions) and target_productions <= office_of


def _check_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}, code="weak_password") from exc


def _check_email_free(email: str, exclude_pk: int | None = None) -> None:
    if not email:
        return
    clash = User.objects.annotate(e=Lower("email")).filter(e=email.strip().lower())
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"email": f"{email} already belongs to another account."}, code="duplicate_email"
        )


@transaction.atomic
def user_create(*, actor, password: str | None = None, **values: Any) -> User:
    """Open an account; with no password the account cannot sign in until one is set."""
    require(_may_manage(actor, None), "Only office staff create accounts.")
    if User.objects.filter(username__iexact=values.get("username", "")).exists():
        raise ValidationError(
            {"username": f"The username {values['username']} is taken."}, code="duplicate"
        )
    _check_email_free(values.get("email", ""))
    user = User()
    assign(user, values, USER_FIELDS)
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    validate(user)
    user.save()
    record(actor=actor, action="user.create", target=user)
    return user


@transaction.atomic
def user_set_password(*, actor, user: User, password: str) -> User:
    """Set a new password; the user's other sessions stop working (their auth hash changes)."""
    if actor is not None and actor.pk != user.pk:
        require(_may_manage(actor, user), "You may not change this account's password.")
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(
        actor=actor, action="user.set_password", target=user, changes={"password": ["***", "***"]}
    )
    return user


def user_sessions(user: User) -> list[Session]:
    """The live server-side sessions that belong to a user."""
    key = str(user.pk)
    live = Session.objects.filter(expire_date__gt=timezone.now())
    return [s for s in live.iterator() if s.get_decoded().get("_auth_user_id") == key]


@transaction.atomic
def user_deactivate(*, actor, user: User) -> User:
    """Switch an account off and end every session and API token it holds (S-09)."""
    require(_may_manage(actor, user), "You may not deactivate this account.")
    if actor is not None and actor.pk == user.pk:
        raise ValidationError({"user": "You cannot deactivate your own account."})
    user = User.objects.select_for_update().get(pk=user.pk)
    sessions = user_sessions(user)
    Session.objects.filter(session_key__in=[s.session_key for s in sessions]).delete()
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    changes = {"is_active": [user.is_active, False]} if user.is_active else {}
    user.is_active = False
    user.save(update_fields=["is_active"])
    message = f"{len(sessions)} session(s) ended"
    record(actor=actor, action="user.deactivate", target=user, changes=changes, message=message)
    return user


@transaction.atomic
def user_activate(*, actor, user: User) -> User:
    """Switch a deactivated account back on (it signs in with its password again)."""
    require(_may_manage(actor, user), "You may not activate this account.")
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        record(
            actor=actor, action="user.activate", target=user, changes={"is_active": [False, True]}
        )
    return user


@transaction.atomic
def user_link_person(*, actor, user: User, person) -> None:
    """Tie an account to a directory person (self-service: own profile and engagements)."""
    require(_may_manage(actor, user) and (actor is None or perms.can_edit_person(actor, person)))
    if person.user_id not in (None, user.pk):
        raise ValidationError({"person": f"{person} already has an account."}, code="taken")
    if getattr(user, "person", None) is not None and user.person.pk != person.pk:
        raise ValidationError({"user": f"{user} is already linked to {user.person}."})
    if person.user_id != user.pk:
        type(person).objects.filter(pk=person.pk).update(user=user)
        person.user = user
        record(
            actor=actor,
            action="user.link_person",
            target=person,
            changes={"user": [None, str(user.pk)]},
        )


def totp_secret(device) -> str:
    """The base32 secret of a TOTP device, as authenticator apps take it."""
    return base64.b32encode(device.bin_key).decode("ascii")


@transaction.atomic
def totp_enrol(*, actor, user: User, name: str = TOTP_DEVICE_NAME, key: str | None = None):
    """Give the user a confirmed TOTP device (one per user: an existing one is kept)."""
    if actor is not None and actor.pk != user.pk:
        require(_may_manage(actor, user), "You may not enrol this account.")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    if device is None:
        extra = {"key": key} if key else {}
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True, **extra)
        record(actor=actor, action="user.totp_enrol", target=user, message=name)
    return device


def totp_matches(key: str, token: str) -> bool:
    """Check a code against a key not yet saved (one step of clock drift either way)."""
    device = TOTPDevice(key=key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return totp.verify(int(token), tolerance=1)


def totp_confirm(*, actor, user: User, key: str, token: str):
    """Finish a self-service enrolment: a code proves the authenticator app holds the key."""
    if not totp_matches(key, token):
        message = "That code doesn't match. Scan the QR code again and retry."
        raise ValidationError({"token": ValidationError(message, code="mismatch")})
    return totp_enrol(actor=actor, user=user, key=key)


@transaction.atomic
def token_issue(*, actor) -> Token:
    """The user's API token (one per user), created on first sign-in through the API (S-13)."""
    token, created = Token.objects.get_or_create(user=actor)
    if created:
        record(actor=actor, action="user.token_issue", target=actor)
    log.info(
        "api token %s for user %s from %s",
        "issued" if created else "reused",
        actor.pk,
        context.client_ip() or "-",
    )
    return token


@transaction.atomic
def token_revoke(*, actor) -> bool:
    """Delete the user's API token; every client holding it is signed out."""
    deleted, _ = Token.objects.filter(user=actor).delete()
    if deleted:
        record(actor=actor, action="user.token_revoke", target=actor)
    log.info("api token revoked for user %s from %s", actor.pk, context.client_ip() or "-")
    return bool(deleted)
