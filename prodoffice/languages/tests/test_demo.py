"""The language desk's part of the demo, on a small production with a cast (not the whole demo)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from prodoffice.languages import selectors
from prodoffice.languages.demo import demo_languages
from prodoffice.languages.models import GlossaryEntry, Linguist, SubtitleVersion, VoiceRole
from prodoffice.productions.models import Engagement
from prodoffice.web.tests.test_words_on_pages import visible
from tests.support.factories import PersonFactory, ProductionFactory, position

from .factories import office

pytestmark = pytest.mark.django_db


def test_demo_languages_with_findings_translator_and_voice_cast_once(client):
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
    # The office reads the desk in words: no stored codes (snake_case) on the pages.
    client.force_login(office(production))
    code, track = production.code, version.subtitle_file.public_id
    urls = [
        reverse(f"web:{n}", args=[code])
        for n in ("languages", "language_glossary", "language_dubbing")
    ]
    urls.append(reverse("web:subtitle_track", args=[code, track]))
    for url in urls:
        text = " ".join(visible(client.get(url).content.decode()))
        assert not re.findall(r"\b[a-z]+_[a-z_]+\b(?!\.[a-z0-9])", text), url
