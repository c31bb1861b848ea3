"""Cut awareness: a newer cut version flags the subtitle events its changes touch and reopens
the language work timed against the older version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from prodoffice.audit.services import record
from prodoffice.languages import qc
from prodoffice.languages.choices import WorkStatus
from prodoffice.languages.cut import affected_events, old_ranges
from prodoffice.languages.models import CutImpact, SubtitleVersion, WorkItem
from prodoffice.languages.services._common import require_office
from prodoffice.post.selectors import version_change_list

#: What a changed cut does to work in each state: approved work reopens, work in review goes back.
_REOPEN = {WorkStatus.APPROVED: WorkStatus.REOPENED, WorkStatus.IN_REVIEW: WorkStatus.IN_PROGRESS}


def check_cut_pair(version: SubtitleVersion, new_cut) -> None:
    """The version is timed against an older version of the same cut, of the same production."""
    old = version.cut_version
    if old is None:
        raise ValidationError(
            {"cut_version": "This subtitle version is not linked to a cut version."}
        )
    if new_cut.cut_id != old.cut_id or new_cut.number <= old.number:
        raise ValidationError(
            {"cut_version": f"{new_cut.reference} is not a later version of {old.reference}."}
        )


@transaction.atomic
def subtitle_cut_review(
    *, actor, version: SubtitleVersion, new_cut, on_cut_import: bool = False
) -> CutImpact:
    """Flag the events of a subtitle version that the new cut changed; reopen the affected work.
    `on_cut_import`: the review is the consequence of a cut import that post's service already
    authorized (a post supervisor need not be the language office to bring in a cut)."""
    track = version.subtitle_file
    if not on_cut_import:
        require_office(actor, track.production)
    check_cut_pair(version, new_cut)
    ranges = old_ranges(version_change_list(version.cut_version, new_cut))
    document = qc.read_bytes(
        bytes(version.data),
        filename=version.filename,
        format=version.format,
        language=track.language,
    )
    events = affected_events(document.events, ranges, version.fps)
    impact, _ = CutImpact.objects.update_or_create(
        subtitle_version=version, cut_version=new_cut, defaults={"events": events, "ranges": ranges}
    )
    impact.reopened = _reopen(actor, track, version.cut_version, events) if events else 0
    impact.save(update_fields=["reopened", "updated_at"])
    record(
        actor=actor,
        action="subtitle.cut_review",
        target=track,
        production=track.production,
        changes={"events": [None, len(events)]},
        message=new_cut.reference,
    )
    return impact


def _reopen(actor, track, old_cut, events: list[int]) -> int:
    items = WorkItem.objects.select_for_update().filter(
        Q(subtitle_file=track) | Q(language__iexact=track.language, cut_version=old_cut),
        production=track.production,
        status__in=list(_REOPEN),
    )
    reason = f"the cut changed under events {', '.join(map(str, events[:20]))}"
    items = list(items.order_by("pk"))
    for item in items:
        before, item.status = item.status, _REOPEN[item.status]
        item.save(update_fields=["status", "updated_at"])
        record(
            actor=actor,
            action="work.status",
            target=item,
            production=item.production,
            changes={"status": [before, item.status]},
            message=reason,
        )
    return len(items)


def subtitles_on_new_cut(*, actor, new_cut, on_cut_import: bool = False) -> list[CutImpact]:
    """Review every subtitle track whose latest version is timed against an older version of this
    cut (what to run when a new cut version arrives)."""
    older = SubtitleVersion.objects.filter(
        cut_version__cut_id=new_cut.cut_id, cut_version__number__lt=new_cut.number
    ).select_related("subtitle_file__production", "cut_version")
    latest = {}
    for version in older.order_by("subtitle_file_id", "number"):
        latest[version.subtitle_file_id] = version
    current = [
        v for v in latest.values() if v.subtitle_file.versions.order_by("-number").first() == v
    ]
    return [
        subtitle_cut_review(actor=actor, version=v, new_cut=new_cut, on_cut_import=on_cut_import)
        for v in current
    ]
