"""Input shapes of the language desk's API (a whitelist of fields per write); the services
decide the rules, so web, API and CLI refuse the same things with the same words."""

from __future__ import annotations

from rest_framework import serializers

from prodoffice.api.fields import EnumChoiceField, ScopedSlugRelatedField
from prodoffice.api.uploads import FileInputSerializer, decode_base64
from prodoffice.languages.choices import (
    DeliveryKind,
    LanguageRole,
    RateUnit,
    SessionStatus,
    Specialism,
    SubtitleKind,
    WorkKind,
)
from prodoffice.languages.models import Linguist, SubtitleFile, VoiceRole
from prodoffice.people.choices import Proficiency
from prodoffice.people.models import Company, Person
from prodoffice.post.api.serializers import ScopedIdField
from prodoffice.post.choices import BookingLevel
from prodoffice.post.models import CutVersion, Room
from prodoffice.productions.models import Engagement, Production

MAX_FILE = 5 * 1024 * 1024


def _production():
    return ScopedSlugRelatedField(model=Production, slug_field="code", action="change")


class ProductionLanguageInputSerializer(serializers.Serializer):
    """`POST /api/v1/production-languages/`: the original or a target language."""

    production = _production()
    language = serializers.CharField(max_length=35, help_text="BCP 47 tag (es, pt-BR, zh-Hant).")
    role = EnumChoiceField(LanguageRole.choices, "LanguageRole", default=LanguageRole.TARGET)
    kinds = serializers.ListField(
        child=EnumChoiceField(DeliveryKind.choices, "LanguageDeliveryKind"),
        default=list,
        max_length=10,
    )
    territories = serializers.ListField(
        child=serializers.CharField(max_length=3), default=list, max_length=250
    )
    children = serializers.BooleanField(default=False)
    max_chars_per_line = serializers.IntegerField(
        min_value=1, max_value=200, required=False, allow_null=True, default=None
    )
    max_cps = serializers.IntegerField(
        min_value=1, max_value=100, required=False, allow_null=True, default=None
    )


class PairInputSerializer(serializers.Serializer):
    """A language pair with experience and rate."""

    source = serializers.CharField(max_length=35)
    target = serializers.CharField(max_length=35)
    proficiency = EnumChoiceField(
        Proficiency.choices, "LinguistProficiency", default=Proficiency.PROFESSIONAL
    )
    years_experience = serializers.IntegerField(min_value=0, max_value=80, default=0)
    rate = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, default="0", coerce_to_string=True
    )
    currency = serializers.CharField(min_length=3, max_length=3, default="EUR")
    rate_unit = EnumChoiceField(
        RateUnit.choices, "LinguistRateUnit", default=RateUnit.RUNTIME_MINUTE
    )


class LinguistInputSerializer(serializers.Serializer):
    """`POST /api/v1/linguists/`: a translator (person) or vendor (company) with pairs."""

    production = _production()
    person = ScopedSlugRelatedField(
        model=Person, slug_field="public_id", required=False, allow_null=True, default=None
    )
    company = ScopedSlugRelatedField(
        model=Company, slug_field="public_id", required=False, allow_null=True, default=None
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    specialisms = serializers.ListField(
        child=EnumChoiceField(Specialism.choices, "LinguistSpecialism"), default=list, max_length=5
    )
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    pairs = PairInputSerializer(many=True, default=list, max_length=50)


class WorkItemInputSerializer(serializers.Serializer):
    """`POST /api/v1/language-work/`: a piece of language work."""

    production = _production()
    language = serializers.CharField(max_length=35)
    kind = EnumChoiceField(WorkKind.choices, "LanguageWorkKind")
    assignee = ScopedSlugRelatedField(
        model=Linguist, slug_field="public_id", required=False, allow_null=True, default=None
    )
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    subtitle_file = ScopedSlugRelatedField(
        model=SubtitleFile, slug_field="public_id", required=False, allow_null=True, default=None
    )
    cut_version = ScopedIdField(CutVersion, required=False, allow_null=True, default=None)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class SubtitleUploadInputSerializer(FileInputSerializer):
    """`POST /api/v1/subtitle-files/`: a subtitle file as multipart (`file`) or as JSON
    (`filename` and `content_base64`); it becomes the next version of its track."""

    max_bytes = MAX_FILE

    production = _production()
    language = serializers.CharField(max_length=35)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    kind = EnumChoiceField(SubtitleKind.choices, "SubtitleKind", default=SubtitleKind.SUBTITLES)
    cut_version = ScopedIdField(CutVersion, required=False, allow_null=True, default=None)
    fps = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")


class DubbingLineInputSerializer(serializers.Serializer):
    """`POST /api/v1/dubbing-lines/`: one line of a language's dubbing script."""

    production = _production()
    language = serializers.CharField(max_length=35)
    number = serializers.IntegerField(min_value=1, max_value=1_000_000, required=False)
    scene = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    character = serializers.CharField(max_length=120)
    original = serializers.CharField(max_length=5000)
    adapted = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    tc_in = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    tc_out = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")


class DubbingImportInputSerializer(serializers.Serializer):
    """`POST /api/v1/dubbing-lines/import/`: a CSV or XLSX script, base64 in JSON; it replaces
    the language's script."""

    production = _production()
    language = serializers.CharField(max_length=35)
    filename = serializers.CharField(max_length=255)
    content_base64 = serializers.CharField(help_text="The file's bytes, base64-encoded.")

    def validate_content_base64(self, value: str) -> bytes:
        return decode_base64(value, max_bytes=MAX_FILE)


class RecordingSessionInputSerializer(serializers.Serializer):
    """`POST /api/v1/recording-sessions/`: a voice role recorded in a post room."""

    voice_role = ScopedIdField(VoiceRole, action="change")
    room = ScopedIdField(Room)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    level = EnumChoiceField(BookingLevel.choices, "BookingLevel", default=BookingLevel.CONFIRMED)


class SessionStatusInputSerializer(serializers.Serializer):
    """The status a recording session moves to."""

    status = EnumChoiceField(SessionStatus.choices, "RecordingSessionStatus")


class VoiceRoleInputSerializer(serializers.Serializer):
    """`POST /api/v1/voice-roles/`: cast (or recast) a character's voice in a language."""

    production = _production()
    language = serializers.CharField(max_length=35)
    character = serializers.CharField(max_length=120)
    performer = ScopedSlugRelatedField(
        model=Person, slug_field="public_id", required=False, allow_null=True, default=None
    )
    engagement = ScopedSlugRelatedField(
        model=Engagement, slug_field="public_id", required=False, allow_null=True, default=None
    )
