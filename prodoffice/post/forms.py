"""Input parsing for the post pages: cut upload, booking, room, task, delivery schedule."""

from __future__ import annotations

from django import forms

from prodoffice.post.choices import BookingLevel, DeliverableStatus
from prodoffice.post.models import AdrCue, CutVersion, Facility, PostTask, Room, VfxShot
from prodoffice.post.reader import FRAME_RATES
from prodoffice.post.services.cues import CUE_FIELDS, SHOT_FIELDS
from prodoffice.post.services.facilities import ROOM_FIELDS
from prodoffice.post.services.pipeline import TASK_FIELDS
from prodoffice.productions.models import Engagement

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CutImportForm(forms.Form):
    """A cut file to keep as the next version of a cut."""

    file = forms.FileField(help_text="CMX 3600 .edl, Final Cut Pro 7 .xml, .fcpxml or .otio.")
    name = forms.CharField(
        max_length=120, required=False, help_text="The cut's name; blank: the file's title."
    )
    fps = forms.ChoiceField(
        label="Frame rate (EDL)",
        choices=[(k, k) for k in FRAME_RATES if k != "23.98"],
        initial="24",
        help_text="EDLs carry no rate; other formats carry their own.",
    )


class CompareForm(forms.Form):
    """Two versions of the production's cuts."""

    old = forms.ModelChoiceField(queryset=None, label="Old version")
    new = forms.ModelChoiceField(queryset=None, label="New version")

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old"].queryset = versions
        self.fields["new"].queryset = versions


class BookingForm(forms.Form):
    """A room for a time; the rooms offered are the ones the task's acoustic class allows."""

    task = forms.ModelChoiceField(queryset=None, required=False, help_text="Optional.")
    room = forms.ModelChoiceField(queryset=None)
    start = forms.DateTimeField(widget=MOMENT, help_text="In the production's time zone.")
    end = forms.DateTimeField(widget=MOMENT)
    level = forms.ChoiceField(choices=BookingLevel.choices, initial=BookingLevel.PENCIL)
    engagements = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label="People", help_text="Who works in the room."
    )
    title = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, production, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = PostTask.objects.filter(production=production)
        rooms = Room.objects.filter(facility__production=production, in_maintenance=False)
        rooms = rooms.select_related("facility")
        if task is not None and task.max_nc is not None:
            rooms = rooms.filter(nc_rating__lte=task.max_nc)
            self.fields["room"].help_text = f"Rooms at NC-{task.max_nc} or quieter, for {task}."
        self.fields["room"].queryset = rooms
        people = Engagement.objects.filter(production=production).select_related("person")
        self.fields["engagements"].queryset = people


class RoomForm(forms.ModelForm):
    """A room's acoustic data, equipment and hours, at an existing facility or a new one."""

    facility = forms.ModelChoiceField(queryset=None, required=False, help_text="Or name a new one.")
    new_facility = forms.CharField(max_length=120, required=False, label="New facility")
    vendor = forms.BooleanField(required=False, label="The new facility is a vendor's")

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = Facility.objects.filter(production=production)

    def clean(self):
        data = super().clean()
        if not data.get("facility") and not (data.get("new_facility") or "").strip():
            self.add_error("facility", "Choose a facility or name a new one.")
        return data

    def service_values(self) -> dict:
        """The room's own fields, for `room_create`."""
        return {name: self.cleaned_data[name] for name in ROOM_FIELDS}

    class Meta:
        model = Room
        fields = ROOM_FIELDS
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "equipment": forms.Textarea(attrs={"rows": 2}),
        }


class TemplateForm(forms.Form):
    """Apply a pipeline template from the picture-lock date."""

    template = forms.ChoiceField(
        choices=[("small", "Small (an editor, a mix)"), ("large", "Large (every department)")]
    )
    picture_lock = forms.DateField(widget=DATE)


class TaskStatusForm(forms.Form):
    """Move a task along its transition table."""

    status = forms.CharField(max_length=12)


class ScheduleForm(forms.Form):
    """A territory's delivery schedule from the template."""

    territory = forms.CharField(max_length=80)
    distributor = forms.CharField(max_length=120, required=False)
    due = forms.DateField(widget=DATE)
    languages = forms.CharField(
        required=False,
        help_text="BCP 47 tags separated by commas (fr, es-419): subtitles and "
        "a dubbed version per language.",
    )

    def clean_languages(self) -> list[str]:
        return [c.strip() for c in self.cleaned_data["languages"].split(",") if c.strip()]


class BookingLevelForm(forms.Form):
    """Move a booking to another level."""

    level = forms.ChoiceField(choices=BookingLevel.choices)


class TaskForm(forms.ModelForm):
    """A post task's kind, name, department, assignee, dates, acoustic class and notes."""

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        people = Engagement.objects.filter(production=production).select_related("person")
        self.fields["assignee"].queryset = people

    class Meta:
        model = PostTask
        fields = TASK_FIELDS
        widgets = {"start_date": DATE, "end_date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


class DependencyForm(forms.Form):
    """The task this one waits for (or no longer waits for)."""

    depends_on = forms.ModelChoiceField(queryset=None, label="Waits for")

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["depends_on"].queryset = PostTask.objects.filter(
            production_id=task.production_id
        ).exclude(pk=task.pk)


class DeliverableStatusForm(forms.Form):
    """Move a deliverable along its transition table."""

    status = forms.ChoiceField(choices=DeliverableStatus.choices)


class DeliverableFileForm(forms.Form):
    """The delivered file of an item."""

    file = forms.FileField()


class _RangedForm(forms.ModelForm):
    """A cue or shot's range, against one of the production's cut versions, in frames."""

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cut_version"].queryset = CutVersion.objects.filter(
            cut__production=production
        ).select_related("cut")
        if "engagement" in self.fields:
            self.fields["engagement"].queryset = Engagement.objects.filter(
                production=production
            ).select_related("person")

    def service_values(self) -> dict:
        return dict(self.cleaned_data)


class AdrCueForm(_RangedForm):
    """An ADR cue."""

    class Meta:
        model = AdrCue
        fields = CUE_FIELDS
        widgets = {"line": forms.Textarea(attrs={"rows": 2}),
                   "notes": forms.Textarea(attrs={"rows": 2})}  # fmt: skip


class VfxShotForm(_RangedForm):
    """A VFX shot."""

    class Meta:
        model = VfxShot
        fields = SHOT_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 2}),
                   "notes": forms.Textarea(attrs={"rows": 2})}  # fmt: skip
