"""Distribution of a published version: recipients queued in one write, personal links mailed
in the background with each person's slip, confirmations by link, resends, the alarm mail.

Links carry a secret stored only as its SHA-256 (like the contract signing links); a resend
issues a fresh one. The slip and the e-mail show the person their own call only.
"""

from __future__ import annotations

import hashlib
import secrets
from email import parser as email_parser
from email import policy as email_policy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.core.mail.message import make_msgid
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.callsheets import tasks
from prodoffice.callsheets.choices import DELIVERY_TRANSITIONS, DeliveryState, SheetStatus
from prodoffice.callsheets.models import CallSheet, Recipient
from prodoffice.callsheets.permissions import can_edit_callsheets
from prodoffice.callsheets.selectors.draft import settings_for
from prodoffice.callsheets.selectors.slip import render_slip_pdf, render_slip_pdfs, slip_context
from prodoffice.core.services import require
from prodoffice.core.text import neutralise
from prodoffice.core.transitions import check_transition
from prodoffice.productions.models import Engagement

_MAIL_DOMAIN = "callsheets.prodoffice"
_REFUSED = "Only the production office and the assistant directors send call sheets."


def token_hash(token: str) -> str:
    """Links are looked up by the SHA-256 of their token (never stored in clear)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def personal_url(token: str) -> str:
    base = getattr(settings, "PRODOFFICE_BASE_URL", "") or "http://127.0.0.1:8000"
    return f"{base.rstrip('/')}/callsheet/{token}/"


@transaction.atomic
def callsheet_send(*, actor, sheet: CallSheet) -> int:
    """Queue the published version to everyone it calls (those without e-mail: undeliverable);
    the `send_sheet` task mails them. How many were queued."""
    require(can_edit_callsheets(actor, sheet.production), _REFUSED)
    sheet = CallSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.status != SheetStatus.PUBLISHED:
        raise ValidationError({"status": "Publish the call sheet before sending it."})
    snapshot, now = sheet.snapshot, timezone.now()
    called = _called(snapshot)
    known = set(Recipient.objects.filter(sheet=sheet).values_list("engagement_id", flat=True))
    people = Engagement.objects.filter(pk__in=[pk for pk in called if pk not in known])
    new = [_recipient(sheet, e, snapshot, now) for e in people.select_related("person")]
    Recipient.objects.bulk_create(new)
    queued = sum(r.state == DeliveryState.QUEUED for r in new)
    sheet.sent_at = now
    sheet.save(update_fields=["sent_at", "updated_at"])
    record(
        actor=actor,
        action="callsheet.send",
        target=sheet,
        production=sheet.production,
        message=f"{queued} queued, {len(new) - queued} without e-mail",
    )
    tasks.send_sheet.enqueue(sheet.pk)
    return queued


def _called(snapshot: dict) -> list[int]:
    pks = [row["engagement_pk"] for row in snapshot.get("cast", []) if row.get("engagement_pk")]
    for group in snapshot.get("crew", []):
        pks += [person["engagement_pk"] for person in group["people"]]
    return list(dict.fromkeys(pks))


def _recipient(sheet, engagement, snapshot, now) -> Recipient:
    email = engagement.person.email
    state = DeliveryState.QUEUED if email else DeliveryState.UNDELIVERABLE
    changes = snapshot.get("changes", {}).get(str(engagement.public_id), [])
    return Recipient(
        sheet=sheet,
        engagement=engagement,
        email=email,
        state=state,
        changes=changes,
        queued_at=now if email else None,
    )


def sheet_mail_queued(*, sheet_id: int) -> int:
    """Mail every queued recipient of a sheet, their slips laid out in one pass; idempotent."""
    queued = list(
        Recipient.objects.filter(sheet_id=sheet_id, state=DeliveryState.QUEUED).select_related(
            "sheet", "engagement__person"
        )
    )
    pdfs = render_slip_pdfs([slip_context(r.sheet, r) for r in queued])
    return sum(
        recipient_mail(recipient_id=r.pk, pdf=pdf) for r, pdf in zip(queued, pdfs, strict=True)
    )


def recipient_mail(*, recipient_id: int, pdf: bytes | None = None) -> bool:
    """Issue a fresh link, mail it with the slip; sent, or bounced with the reason.

    The link is committed before the mail leaves, so a crash after it leaves a working link."""
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().filter(pk=recipient_id).first()
        if recipient is None or recipient.state != DeliveryState.QUEUED:
            return False
        token = secrets.token_urlsafe(32)
        recipient.token_hash = token_hash(token)
        recipient.save(update_fields=["token_hash", "updated_at"])
    recipient = Recipient.objects.select_related("sheet__production", "engagement__person").get(
        pk=recipient_id
    )
    try:
        _mail(recipient, token, pdf)
    except Exception as exc:
        return _mark(recipient_id, DeliveryState.BOUNCED, error=str(exc)[:300])
    return _mark(recipient_id, DeliveryState.SENT)


def _mail(recipient: Recipient, token: str, pdf: bytes | None) -> None:
    sheet = recipient.sheet
    context = slip_context(sheet, recipient)
    production = sheet.production
    subject = (
        f"{production.title}: call sheet for {sheet.date:%a %d %b} "
        f"(day {sheet.shoot_day}, v{sheet.version}) – your call {context['me']['call']}"
    )
    lines = [f"Hello {recipient.engagement.person},", ""]
    lines += [f"What changed for you: {c}" for c in recipient.changes]
    lines += [
        f"Your call: {context['me']['call']}.",
        "",
        f"Your copy, and the button to confirm: {personal_url(token)}",
        "",
    ]
    message_id = make_msgid(idstring=f"callsheet.{recipient.pk}", domain=_MAIL_DOMAIN)
    message = EmailMessage(
        neutralise(subject),
        neutralise("\n".join(lines)),
        None,
        [recipient.email],
        headers={"Message-ID": message_id},
    )
    message.attach(
        f"call-sheet-{sheet.date.isoformat()}-v{sheet.version}.pdf",
        pdf or render_slip_pdf(context),
        "application/pdf",
    )
    Recipient.objects.filter(pk=recipient.pk).update(message_id=message_id)
    message.send()


def _mark(recipient_id: int, state: str, *, error: str = "") -> bool:
    with transaction.atomic():
        recipient = Recipient.objects.select_for_update().get(pk=recipient_id)
        check_transition(DELIVERY_TRANSITIONS, recipient.state, state, field="state")
        stamp = "sent_at" if state == DeliveryState.SENT else "bounced_at"
        recipient.state, recipient.error = state, error
        setattr(recipient, stamp, timezone.now())
        recipient.save(update_fields=["state", "error", stamp, "updated_at"])
    return state == DeliveryState.SENT


@transaction.atomic
def recipient_resend(*, actor, recipient: Recipient) -> Recipient:
    """Send one person a fresh link (their e-mail as the crew list has it now)."""
    require(can_edit_callsheets(actor, recipient.sheet.production), _REFUSED)
    recipient = (
        Recipient.objects.select_for_update()
        .select_related("sheet", "engagement__person")
        .get(pk=recipient.pk)
    )
    if recipient.sheet.status != SheetStatus.PUBLISHED:
        raise ValidationError({"sheet": "A newer version replaced this one: send that one."})
    if recipient.state == DeliveryState.CONFIRMED:
        raise ValidationError({"state": "Already confirmed: nothing to resend."})
    email = recipient.engagement.person.email
    if not email:
        raise ValidationError({"email": f"{recipient.engagement.person} has no e-mail address."})
    before = recipient.state
    recipient.email, recipient.state, recipient.queued_at = (
        email,
        DeliveryState.QUEUED,
        timezone.now(),
    )
    recipient.save(update_fields=["email", "state", "queued_at", "updated_at"])
    record(
        actor=actor,
        action="callsheet.resend",
        target=recipient.sheet,
        production=recipient.sheet.production,
        changes={"state": [before, "queued"]},
        message=str(recipient.engagement.person),
    )
    tasks.send_recipient.enqueue(recipient.pk)
    return recipient


def recipient_by_token(token: str) -> Recipient | None:
    """The recipient of a personal link, or None (unknown, or a link replaced by a resend)."""
    if not token or len(token) > 128:
        return None
    return (
        Recipient.objects.select_related("sheet__production", "engagement__person")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def recipient_open(*, recipient: Recipient) -> None:
    """The first opening of a personal link (an unreliable signal: previews open links too)."""
    Recipient.objects.filter(pk=recipient.pk, opened_at__isnull=True).update(
        opened_at=timezone.now()
    )


@transaction.atomic
def recipient_confirm(*, recipient: Recipient) -> Recipient:
    """The person confirms their call by their link; the office's named people are told."""
    recipient = (
        Recipient.objects.select_for_update()
        .select_related("sheet__production", "engagement__person")
        .get(pk=recipient.pk)
    )
    if recipient.sheet.status != SheetStatus.PUBLISHED:
        raise ValidationError(
            {"sheet": "A newer version of this call sheet was sent to you: confirm that one."}
        )
    check_transition(DELIVERY_TRANSITIONS, recipient.state, DeliveryState.CONFIRMED, field="state")
    recipient.state, recipient.confirmed_at = DeliveryState.CONFIRMED, timezone.now()
    recipient.save(update_fields=["state", "confirmed_at", "updated_at"])
    record(
        actor=None,
        action="callsheet.confirm",
        target=recipient.sheet,
        production=recipient.sheet.production,
        message=str(recipient.engagement.person),
    )
    transaction.on_commit(lambda: _tell_office(recipient))
    return recipient


def _tell_office(recipient: Recipient) -> None:
    """Confirmations go to the people the production names (2nd AD, coordinator ...)."""
    sheet = recipient.sheet
    rules = settings_for(sheet.production)
    if rules.pk is None:
        return
    to = [e.person.email for e in rules.confirm_to.select_related("person") if e.person.email]
    if to:
        send_mail(
            neutralise(
                f"{sheet.production.code} {sheet.date:%d %b}: "
                f"{recipient.engagement.person} confirmed"
            ),
            neutralise(
                f"{recipient.engagement.person} confirmed their call for "
                f"{sheet.date:%a %d %b} (v{sheet.version})."
            ),
            None,
            to,
        )


# --- bounces ---------------------------------------------------------------------------------


def _bounced_recipient(
    production, *, email: str = "", message_id: str = "", sheet=None
) -> Recipient:
    """The recipient a bounce names: by the Message-ID of the mail we sent, else the latest
    mail sent to that address on the production's current versions (or on `sheet`)."""
    rows = Recipient.objects.filter(sheet__production=production).select_related(
        "sheet", "engagement__person"
    )
    if sheet is not None:
        rows = rows.filter(sheet=sheet)
    if message_id:
        wanted = message_id.strip()
        if not wanted.startswith("<"):
            wanted = f"<{wanted}>"
        found = rows.filter(message_id=wanted).first()
        if found is None:
            raise ValidationError({"message_id": f"No call sheet mail {wanted} was sent here."})
        return found
    if not email or "@" not in email:
        raise ValidationError({"email": "Give the address that bounced, or the Message-ID."})
    found = (
        rows.filter(
            email__iexact=email.strip(),
            sheet__status__in=[SheetStatus.PUBLISHED, SheetStatus.SUPERSEDED],
            state__in=[DeliveryState.SENT, DeliveryState.QUEUED],
        )
        .order_by("-sent_at", "-pk")
        .first()
    )
    if found is None:
        raise ValidationError(
            {"email": f"No call sheet sent to {email.strip()} is waiting for delivery news."}
        )
    return found


@transaction.atomic
def recipient_bounce(
    *, actor, production, email: str = "", message_id: str = "", reason: str = "", sheet=None
) -> Recipient:
    """Record that a mail we sent bounced (the remote server's DSN, read by hand or from a
    file): the person shows as bounced on the confirmation board, ready for a resend."""
    require(can_edit_callsheets(actor, production), _REFUSED)
    recipient = _bounced_recipient(production, email=email, message_id=message_id, sheet=sheet)
    recipient = Recipient.objects.select_for_update().get(pk=recipient.pk)
    if recipient.state == DeliveryState.BOUNCED:
        return recipient
    check_transition(DELIVERY_TRANSITIONS, recipient.state, DeliveryState.BOUNCED, field="state")
    before = recipient.state
    recipient.state, recipient.bounced_at = DeliveryState.BOUNCED, timezone.now()
    recipient.error = neutralise(reason or "Bounced.")[:300]
    recipient.save(update_fields=["state", "bounced_at", "error", "updated_at"])
    record(
        actor=actor,
        action="callsheet.bounce",
        target=recipient.sheet,
        production=production,
        changes={"state": [before, DeliveryState.BOUNCED]},
        message=f"{recipient.engagement.person}: {recipient.error}",
    )
    return recipient


def parse_dsn(raw: bytes) -> list[dict]:
    """The failed recipients of a delivery status notification (RFC 3464): address, status,
    reason, and the Message-ID of the returned mail when its headers came back."""
    message = email_parser.BytesParser(policy=email_policy.default).parsebytes(raw)
    original_id = ""
    failed: list[dict] = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind in ("text/rfc822-headers", "message/rfc822"):
            original_id = original_id or _original_message_id(part)
        if kind != "message/delivery-status":
            continue
        blocks = part.get_payload()
        for block in blocks[1:] if isinstance(blocks, list) else []:
            action = str(block.get("Action", "")).strip().lower()
            if action != "failed":
                continue
            address = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
            address = address.split(";", 1)[-1].strip()
            status = str(block.get("Status", "")).strip()
            diagnostic = " ".join(str(block.get("Diagnostic-Code", "")).split(";")[-1].split())
            failed.append(
                {
                    "email": address,
                    "reason": f"{status} {diagnostic}".strip() or "Bounced.",
                }
            )
    return [dict(row, message_id=original_id) for row in failed]


def _original_message_id(part) -> str:
    payload = part.get_payload()
    if isinstance(payload, list) and payload:
        return str(payload[0].get("Message-ID", "")).strip()
    text = payload if isinstance(payload, str) else ""
    headers = email_parser.Parser(policy=email_policy.default).parsestr(text, headersonly=True)
    return str(headers.get("Message-ID", "")).strip()


def bounces_from_dsn(*, actor, production, raw: bytes, sheet=None) -> list[Recipient]:
    """Record every failed recipient of a DSN; refused as a whole when it names none."""
    rows = parse_dsn(raw)
    if not rows:
        raise ValidationError({"dsn": "No failed recipient in this delivery status notification."})
    with transaction.atomic():
        return [
            recipient_bounce(
                actor=actor,
                production=production,
                email=row["email"],
                message_id=row["message_id"] if _MAIL_DOMAIN in row["message_id"] else "",
                reason=row["reason"],
                sheet=sheet,
            )
            for row in rows
        ]
