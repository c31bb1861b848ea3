"""Every write of editorial: importing a cut file as a new version of a cut (audited)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from prodoffice.audit.services import record
from prodoffice.core.services import integrity_as_validation, require, validate
from prodoffice.post.models import Cut, CutEvent, CutVersion
from prodoffice.post.permissions import can_manage_post
from prodoffice.post.reader import CutRefused, ReadCut, read_cut

_REFUSED = "Only the production office and post supervisors import cuts."


def _locked_cut(production, name: str) -> Cut:
    """The cut of that name, created on first import, locked so version numbers never clash."""
    name = " ".join(name.split())
    cut = Cut.objects.select_for_update().filter(production=production, name__iexact=name).first()
    if cut is None:
        cut = Cut(production=production, name=name)
        try:
            validate(cut)
        except ValidationError as exc:
            raise ValidationError({"name": exc.messages}) from exc
        with integrity_as_validation(f"The cut {name} was created at the same moment; retry."):
            cut.save()
    return cut


def _events(version: CutVersion, read: ReadCut) -> list[CutEvent]:
    return [
        CutEvent(
            version=version,
            index=e.index,
            track=e.track,
            kind=e.kind,
            clip_name=e.clip_name[:255],
            reel=e.reel,
            source_in=e.source_in,
            source_out=e.source_out,
            record_in=e.record_in,
            record_out=e.record_out,
        )
        for e in read.events
    ]


def _new_version(cut: Cut, read: ReadCut, data: bytes, filename: str, actor) -> CutVersion:
    last = cut.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = CutVersion(
        cut=cut,
        number=last + 1,
        fps_numerator=read.fps.numerator,
        fps_denominator=read.fps.denominator,
        duration_frames=read.duration_frames,
        start_frame=read.start_frame,
        source_format=read.format,
        source_name=filename[:200],
        sha256=read.sha256,
        imported_at=timezone.now(),
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
        clip_count=read.count("clip"),
        gap_count=read.count("gap"),
        transition_count=read.count("transition"),
        track_count=len(read.tracks),
    )
    version.source_file.save("cut.bin", ContentFile(data), save=False)
    version.save()
    return version


def cut_import(
    *, actor, production, data: bytes, filename: str, fps=24, name: str = ""
) -> CutVersion:
    """Read a cut file and keep it as the next version of the named cut (office, post)."""
    require(can_manage_post(actor, production), _REFUSED)
    try:
        read = read_cut(data, filename, fps)
    except CutRefused as exc:
        raise ValidationError({"file": ValidationError(str(exc), code="refused")}) from exc
    with transaction.atomic():
        cut = _locked_cut(production, name or read.name)
        version = _new_version(cut, read, data, filename, actor)
        CutEvent.objects.bulk_create(_events(version, read), batch_size=500)
        record(
            actor=actor,
            action="cut.import",
            target=version,
            production=production,
            message=f"{read.count('clip')} clips, {version.duration}",
        )
    return version
