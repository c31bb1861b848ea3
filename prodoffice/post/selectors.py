"""Reads of the post app that span relations: cut versions by reference, change lists."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from prodoffice.post.changelist import ChangeList, compare
from prodoffice.post.models import CutEvent, CutVersion

_REFERENCE = re.compile(r"^(?P<code>[^:]+):(?P<name>.+):v(?P<number>\d+)$")


def is_reference(text: str) -> bool:
    """`CODE:NAME:vN` names a stored version (anything else is a file path)."""
    return bool(_REFERENCE.match(text))


def version_by_reference(reference: str, user=None) -> CutVersion:
    """The stored version `CODE:NAME:vN`, as the user may see it (None: the system)."""
    match = _REFERENCE.match(reference)
    if not match:
        raise ValidationError(f"{reference}: not a version reference (CODE:NAME:vN).")
    versions = CutVersion.objects.select_related("cut__production")
    if user is not None:
        versions = versions.for_user(user)
    version = versions.filter(
        cut__production__code=match["code"],
        cut__name__iexact=match["name"],
        number=int(match["number"]),
    ).first()
    if version is None:
        raise ValidationError(f"{reference}: no such cut version.")
    return version


def version_events(version: CutVersion) -> list[CutEvent]:
    """The events of a version in track and record order."""
    return list(CutEvent.objects.filter(version=version).order_by("track", "index"))


def version_change_list(old: CutVersion, new: CutVersion) -> ChangeList:
    """The change list from one stored version to another."""
    return compare(version_events(old), version_events(new))
