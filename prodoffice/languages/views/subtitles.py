"""Subtitle pages: upload, a track with its QC report per event, exports, conversion, cut review,
and QC of many files at once."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from prodoffice.core.views import done, flash_form_errors, form_status, object_history, run_service
from prodoffice.languages import qc, selectors
from prodoffice.languages.conversion import CONVERTIBLE, EXTENSIONS, MEDIA_TYPES, convert
from prodoffice.languages.forms import BatchQcForm, CutReviewForm, SubtitleUploadForm
from prodoffice.languages.models import SubtitleFile, SubtitleVersion
from prodoffice.languages.permissions import can_manage_languages
from prodoffice.languages.reports import REPORT_FORMATS, report_export
from prodoffice.languages.services import cuts, subtitles
from prodoffice.languages.views._common import NAV, attachment, require_manage, require_view, scoped
from prodoffice.post.models import CutVersion
from prodoffice.productions.views.decorators import production_view

MAX_BATCH = 50


def _cut_versions(production):
    return (
        CutVersion.objects.filter(cut__production=production)
        .select_related("cut")
        .order_by("cut__name", "-number")
    )


def _track_url(production, track) -> str:
    return reverse("web:subtitle_track", args=[production.code, track.public_id])


@production_view
def subtitle_upload(request, production):
    """GET: the upload form; POST: keep the file as the next version of its track (office)."""
    require_manage(request, production)
    data = (request.POST, request.FILES) if request.method == "POST" else ()
    form = SubtitleUploadForm(*data, cut_versions=_cut_versions(production))
    if request.method == "POST" and form.is_valid():
        upload, values = form.cleaned_data["file"], form.cleaned_data
        version = run_service(
            form,
            lambda: subtitles.subtitle_version_upload(
                actor=request.user,
                production=production,
                language=values["language"],
                name=values["name"],
                filename=upload.name,
                data=upload.read(),
                fps=values["fps"] or None,
                kind=values["kind"],
                cut_version=values["cut_version"],
            ),
        )
        if version:
            messages.success(
                request,
                f"{version} kept: {version.event_count} events, "
                f"{version.violation_total} findings.",
            )
            return done(request, _track_url(production, version.subtitle_file))
    context = {"nav_active": NAV, "form": form}
    return render(request, "languages/upload.html", context, status=form_status(request, form, 400))


def _version(request, track) -> SubtitleVersion:
    versions = track.versions.select_related("cut_version__cut")
    number = request.GET.get("v")
    version = (
        versions.filter(number=int(number)).first()
        if (number or "").isdigit()
        else versions.first()
    )
    if version is None:
        raise Http404("No such version.")
    return version


@production_view
def subtitle_track(request, production, public_id):
    """A subtitle track: its versions, the QC report per event of one, what newer cuts changed."""
    require_view(request, production)
    track = scoped(request, production, SubtitleFile, public_id=public_id)
    version = _version(request, track)
    later = (
        _cut_versions(production).filter(
            cut=version.cut_version.cut, number__gt=version.cut_version.number
        )
        if version.cut_version
        else []
    )
    context = {
        "nav_active": NAV,
        "track": track,
        "version": version,
        "report": selectors.version_report(version),
        "versions": track.versions.defer("data").select_related("uploaded_by"),
        "impacts": version.impacts.select_related("cut_version__cut"),
        "review_form": CutReviewForm(cut_versions=later) if later else None,
        "can_manage": can_manage_languages(request.user, production),
        "formats": CONVERTIBLE,
        "history": object_history(request.user, track),
    }
    return render(request, "languages/track.html", context)


@production_view
def subtitle_report_export(request, production, public_id, fmt: str):
    """The QC report of a version as XLSX or PDF (any other format is 404)."""
    require_view(request, production)
    if fmt not in REPORT_FORMATS:
        raise Http404("No such export.")
    track = scoped(request, production, SubtitleFile, public_id=public_id)
    version = _version(request, track)
    data, content_type, filename = report_export(version, selectors.version_report(version), fmt)
    return attachment(data, content_type, filename)


@production_view
def subtitle_download(request, production, public_id, fmt: str):
    """A version as uploaded ('original') or converted to another format."""
    require_view(request, production)
    track = scoped(request, production, SubtitleFile, public_id=public_id)
    version = _version(request, track)
    if fmt == "original":
        return attachment(bytes(version.data), "application/octet-stream", version.filename)
    if fmt not in CONVERTIBLE:
        raise Http404("No such format.")
    document = qc.read_bytes(
        bytes(version.data),
        filename=version.filename,
        format=version.format,
        language=track.language,
    )
    name = f"{track.name}-v{version.number}.{EXTENSIONS[fmt]}".replace('"', "")
    return attachment(
        convert(document, fmt).encode("utf-8"), f"{MEDIA_TYPES[fmt]}; charset=utf-8", name
    )


@require_POST
@production_view
def subtitle_cut_review(request, production, public_id):
    """Check the version against a newer cut: flag the events it changed, reopen work (office)."""
    track = scoped(request, production, SubtitleFile, "change", public_id=public_id)
    version = _version(request, track)
    form = CutReviewForm(request.POST, cut_versions=_cut_versions(production))
    if form.is_valid():
        impact = run_service(
            form,
            lambda: cuts.subtitle_cut_review(
                actor=request.user, version=version, new_cut=form.cleaned_data["cut_version"]
            ),
        )
        if impact:
            messages.success(
                request,
                f"{len(impact.events)} events to review; {impact.reopened} work items reopened.",
            )
    flash_form_errors(request, form)
    return done(request, _track_url(production, track) + f"?v={version.number}")


@production_view
def subtitle_batch_qc(request, production):
    """QC of many files at once against a language's profile; nothing is kept."""
    require_view(request, production)
    form = BatchQcForm(request.POST or None, request.FILES or None)
    results = []
    if request.method == "POST" and form.is_valid():
        files = form.cleaned_data["files"]
        if not files or len(files) > MAX_BATCH:
            form.add_error("files", f"Choose between 1 and {MAX_BATCH} subtitle files.")
        else:
            results = _batch(form, production, files)
    context = {"nav_active": NAV, "form": form, "results": results, "rules": qc.BASE_RULES}
    return render(request, "languages/batch.html", context, status=form_status(request, form, 400))


def _batch(form, production, files) -> list[dict]:
    values = form.cleaned_data
    try:
        fps = subtitles.frame_rate(values["fps"])
    except ValidationError as exc:
        form.add_error("fps", exc.message_dict["fps"])
        return []
    profile = selectors.profile_for(production, values["language"], children=values["children"])
    results = []
    for upload in files:
        try:
            document = subtitles.read_upload(upload.read(), upload.name, values["language"])
            results.append(
                {"name": upload.name, "report": qc.run_qc(document, profile=profile, fps=fps)}
            )
        except ValidationError as exc:
            results.append(
                {"name": upload.name, "error": " ".join(exc.message_dict.get("file", exc.messages))}
            )
    return results
