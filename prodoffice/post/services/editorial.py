"""Every write of editorial: importing a cut file as a new version of a cut (audited)."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
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


_EVENT_FIELDS = ("version", "index", "track", "kind", "clip_name", "reel", "source_in",
                 "source_out", "record_in", "record_out")  # fmt: skip


def _insert_events(version: CutVersion, read: ReadCut) -> None:
    """The version's events in one `executemany`: building and preparing 500 model instances
    for `bulk_create` cost more than reading the file (benchmarks/post.py). The rows come from
    the reader, already typed; the table's constraints still check them."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(CutEvent._meta.get_field(f).column) for f in _EVENT_FIELDS)
    marks = ", ".join(["%s"] * len(_EVENT_FIELDS))
    # Names from the model, quoted; every value is a parameter.
    sql = f"INSERT INTO {quote(CutEvent._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    rows = [
        (version.pk, e.index, e.track[:16], e.kind, e.clip_name[:255], e.reel[:64], e.source_in,
         e.source_out, e.record_in, e.record_out)
        for e in read.events
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


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
        _insert_events(version, read)
        record(
            actor=actor,
            action="cut.import",
            target=version,
            production=production,
            message=f"{read.count('clip')} clips, {version.duration}",
        )
        _tell_downstream(actor, version)
    return version


def _tell_downstream(actor, version: CutVersion) -> None:
    """The apps above post that keep work timed against a cut (subtitles) review it, in this
    transaction, through their AppConfig's `cut_version_added` hook: post cannot import them."""
    for config in apps.get_app_configs():
        hook = getattr(config, "cut_version_added", None)
        if hook is not None:
            hook(actor=actor, version=version)
