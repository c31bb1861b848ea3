"""FilterSets of the language desk, shared by the API and the pages: a whitelist of fields."""

from __future__ import annotations

import django_filters

from prodoffice.languages.choices import (
    LanguageRole,
    SessionStatus,
    SubtitleKind,
    WorkKind,
    WorkStatus,
)
from prodoffice.languages.models import (
    DubbingLine,
    Linguist,
    ProductionLanguage,
    RecordingSession,
    SubtitleFile,
    VoiceRole,
    WorkItem,
)
from prodoffice.productions.models import Production


def _productions(request):
    """The productions a filter may name: the ones the user sees."""
    return Production.objects.for_user(request.user)


class WorkItemFilter(django_filters.FilterSet):
    """Work of one production (by code), by language, kind and status."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    language = django_filters.CharFilter(lookup_expr="iexact")
    kind = django_filters.ChoiceFilter(choices=WorkKind.choices)
    status = django_filters.ChoiceFilter(choices=WorkStatus.choices)

    class Meta:
        model = WorkItem
        fields = ["production", "language", "kind", "status"]


class SubtitleFileFilter(django_filters.FilterSet):
    """Subtitle tracks of one production (by code), by language and kind."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    language = django_filters.CharFilter(lookup_expr="iexact")
    kind = django_filters.ChoiceFilter(choices=SubtitleKind.choices)

    class Meta:
        model = SubtitleFile
        fields = ["production", "language", "kind"]


class LinguistFilter(django_filters.FilterSet):
    """The roster of one production (by code); `source`/`target` for a language pair."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    source = django_filters.CharFilter(
        field_name="pairs__source", lookup_expr="iexact", distinct=True
    )
    target = django_filters.CharFilter(
        field_name="pairs__target", lookup_expr="iexact", distinct=True
    )

    class Meta:
        model = Linguist
        fields = ["production", "source", "target"]


class ProductionLanguageFilter(django_filters.FilterSet):
    """Languages of one production (by code), by role."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    role = django_filters.ChoiceFilter(choices=LanguageRole.choices)

    class Meta:
        model = ProductionLanguage
        fields = ["production", "role"]


class DubbingLineFilter(django_filters.FilterSet):
    """The dubbing script of one production (by code) and language."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    language = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = DubbingLine
        fields = ["production", "language"]


class RecordingSessionFilter(django_filters.FilterSet):
    """Recording sessions of one production (by code), by status."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    status = django_filters.ChoiceFilter(choices=SessionStatus.choices)

    class Meta:
        model = RecordingSession
        fields = ["production", "status"]


class VoiceRoleFilter(django_filters.FilterSet):
    """The voice cast of one production (by code), by language."""

    production = django_filters.ModelChoiceFilter(to_field_name="code", queryset=_productions)
    language = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = VoiceRole
        fields = ["production", "language"]
