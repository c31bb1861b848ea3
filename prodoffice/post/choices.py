"""Choices of the post app: event kinds, cut formats, and (below) the post office's statuses."""

from __future__ import annotations

from django.db import models


class EventKind(models.TextChoices):
    CLIP = "clip", "Clip"
    GAP = "gap", "Gap"
    TRANSITION = "transition", "Transition"


class CutFormat(models.TextChoices):
    CMX_3600 = "cmx_3600", "CMX 3600 EDL"
    FCP_XML = "fcp_xml", "Final Cut Pro 7 XML"
    FCPX_XML = "fcpx_xml", "FCPXML"
    OTIO = "otio_json", "OpenTimelineIO"


class ChangeKind(models.TextChoices):
    ADDED = "added", "Added"
    REMOVED = "removed", "Removed"
    TRIMMED = "trimmed", "Trimmed"
    MOVED = "moved", "Moved"


class TaskKind(models.TextChoices):
    ASSEMBLY = "assembly", "Assembly"
    DIRECTORS_CUT = "directors_cut", "Director's cut"
    PRODUCERS_CUT = "producers_cut", "Producer's cut"
    PICTURE_LOCK = "picture_lock", "Picture lock"
    DIALOGUE_EDIT = "dialogue_edit", "Dialogue edit"
    SOUND_EFFECTS = "sound_effects", "Sound effects"
    ADR = "adr", "ADR"
    FOLEY = "foley", "Foley"
    MUSIC = "music", "Music"
    VFX = "vfx", "VFX"
    COLOUR = "colour", "Colour grading"
    ACOUSTICS = "acoustics", "Acoustic treatment"
    MIX = "mix", "Re-recording mix and stems"
    MASTERING = "mastering", "Mastering"
    QC = "qc", "QC"
    DELIVERY = "delivery", "Delivery"
    CONFORM = "conform", "Conform to a new cut"


#: Departments that conform to a new cut, by the task kinds they own.
CONFORM_DEPARTMENTS = {
    "Sound": (
        TaskKind.DIALOGUE_EDIT,
        TaskKind.SOUND_EFFECTS,
        TaskKind.ADR,
        TaskKind.FOLEY,
        TaskKind.MIX,
    ),
    "Music": (TaskKind.MUSIC,),
    "VFX": (TaskKind.VFX,),
    "Colour": (TaskKind.COLOUR,),
}


class TaskStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    ON_HOLD = "on_hold", "On hold"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


#: Allowed status moves of a post task; done and cancelled can be reopened to in progress.
TASK_TRANSITIONS = {
    TaskStatus.PLANNED: frozenset(
        {TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD, TaskStatus.CANCELLED}
    ),
    TaskStatus.IN_PROGRESS: frozenset({TaskStatus.ON_HOLD, TaskStatus.DONE, TaskStatus.CANCELLED}),
    TaskStatus.ON_HOLD: frozenset({TaskStatus.IN_PROGRESS, TaskStatus.CANCELLED}),
    TaskStatus.DONE: frozenset({TaskStatus.IN_PROGRESS}),
    TaskStatus.CANCELLED: frozenset({TaskStatus.PLANNED}),
}
OPEN_TASK_STATUSES = (TaskStatus.PLANNED, TaskStatus.IN_PROGRESS, TaskStatus.ON_HOLD)


class FacilityKind(models.TextChoices):
    IN_HOUSE = "in_house", "In-house"
    VENDOR = "vendor", "Vendor"


class RoomKind(models.TextChoices):
    EDIT_SUITE = "edit_suite", "Edit suite"
    MIX_STAGE = "mix_stage", "Mix stage"
    ADR_STAGE = "adr_stage", "ADR stage"
    FOLEY_STAGE = "foley_stage", "Foley stage"
    SCREENING_ROOM = "screening_room", "Screening room"
    COLOUR_SUITE = "colour_suite", "Colour suite"
    MASTERING_SUITE = "mastering_suite", "Mastering suite"
    MACHINE_ROOM = "machine_room", "Machine room"


class Monitoring(models.TextChoices):
    NONE = "none", "None"
    STEREO = "stereo", "Stereo"
    SURROUND_51 = "5.1", "5.1"
    SURROUND_71 = "7.1", "7.1"
    ATMOS = "atmos", "Dolby Atmos"


class BookingLevel(models.TextChoices):
    PENCIL = "pencil", "Pencil"
    PRELIMINARY = "preliminary", "Preliminary"
    CONFIRMED = "confirmed", "Confirmed"


class DeliverableKind(models.TextChoices):
    PICTURE_MASTER = "picture_master", "Picture master"
    TEXTLESS_MASTER = "textless_master", "Textless master"
    ME_STEMS = "me_stems", "M&E and stems"
    CAPTIONS = "captions", "Closed captions"
    SUBTITLES = "subtitles", "Subtitles"
    DUBBED_VERSION = "dubbed_version", "Dubbed version"
    MUSIC_CUE_SHEET = "music_cue_sheet", "Music cue sheet"
    DIALOGUE_LIST = "dialogue_list", "Continuity and dialogue list"
    CHAIN_OF_TITLE = "chain_of_title", "Chain of title"
    EO_INSURANCE = "eo_insurance", "E&O insurance"
    QC_REPORT = "qc_report", "QC report"


class DeliverableStatus(models.TextChoices):
    MISSING = "missing", "Missing"
    IN_PROGRESS = "in_progress", "In progress"
    DELIVERED = "delivered", "Delivered"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


DELIVERABLE_TRANSITIONS = {
    DeliverableStatus.MISSING: frozenset(
        {DeliverableStatus.IN_PROGRESS, DeliverableStatus.DELIVERED}
    ),
    DeliverableStatus.IN_PROGRESS: frozenset(
        {DeliverableStatus.DELIVERED, DeliverableStatus.MISSING}
    ),
    DeliverableStatus.DELIVERED: frozenset(
        {DeliverableStatus.ACCEPTED, DeliverableStatus.REJECTED}
    ),
    DeliverableStatus.REJECTED: frozenset(
        {DeliverableStatus.IN_PROGRESS, DeliverableStatus.DELIVERED}
    ),
    DeliverableStatus.ACCEPTED: frozenset(),
}
OUTSTANDING_DELIVERABLES = (
    DeliverableStatus.MISSING,
    DeliverableStatus.IN_PROGRESS,
    DeliverableStatus.REJECTED,
)


class CueStatus(models.TextChoices):
    """Where an ADR cue or a VFX shot stands."""

    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    OMITTED = "omitted", "Omitted"


#: Cues and shots in these states are still worked on (conform flags them; done ones too, since
#: a change to a finished shot reopens the work). Omitted ones are left alone.
CONFORMABLE_CUE_STATUSES = (CueStatus.OPEN, CueStatus.IN_PROGRESS, CueStatus.DONE)
