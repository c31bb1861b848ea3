"""The language desk's part of the demo, on a small production with a cast (not the whole demo)."""

from __future__ import annotations

import pytest

from prodoffice.languages import selectors
from prodoffice.languages.demo import demo_languages
from prodoffice.languages.models import GlossaryEntry, Linguist, SubtitleVersion, VoiceRole
from prodoffice.productions.models import Engagement
from tests.support.factories import PersonFactory, ProductionFactory, position

pytestmark = pytest.mark.django_db


def test_demo_languages_with_findings_translator_and_voice_cast_once():
    production = ProductionFactory(code="DEMO")
    for n, character in enumerate(("NORA", "ELI"), start=1):
        Engagement.objects.create(
            production=production,
            person=PersonFactory(),
            position=position("Grip"),
            character=character,
            cast_number=n,
        )
    assert demo_languages(production)
    version = SubtitleVersion.objects.get()
    assert version.encoding == "windows-1252" and version.event_count == 5
    report = selectors.version_report(version)
    assert {(v.event, v.rule) for v in report.violations} >= {
        (2, "chars_per_line"),
        (3, "min_duration"),
        (5, "overlap"),
    }
    [pair] = Linguist.objects.get().pairs.all()
    assert (pair.source, pair.target) == ("en", "es")
    assert sorted(VoiceRole.objects.values_list("character", flat=True)) == ["ELI", "NORA"]
    assert GlossaryEntry.objects.filter(term="Nora").exists()
    assert not demo_languages(production)
    assert SubtitleVersion.objects.count() == 1
