"""How values read: moments in the production's zone with its abbreviation, yes/no, languages."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import timezone

from prodoffice.core import display

UTC = datetime.UTC


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def test_a_moment_reads_in_the_production_zone_with_its_abbreviation():
    la = SimpleNamespace(time_zone="America/Los_Angeles", use_24h_clock=True)
    assert display.local_datetime(at(2027, 4, 5, 14, 30), la) == "Mon 5 Apr 2027, 07:30 PDT"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # The US leaves daylight time on 7 Nov 2027: the same UTC hour reads an hour apart.
        (at(2027, 11, 6, 17, 0), "Sat 6 Nov 2027, 10:00 PDT"),
        (at(2027, 11, 8, 17, 0), "Mon 8 Nov 2027, 09:00 PST"),
        # ... and enters it on 14 Mar 2027.
        (at(2027, 3, 13, 18, 0), "Sat 13 Mar 2027, 10:00 PST"),
        (at(2027, 3, 15, 18, 0), "Mon 15 Mar 2027, 11:00 PDT"),
    ],
)
def test_daylight_saving_both_sides_in_los_angeles(moment, expected):
    assert display.local_datetime(moment, "America/Los_Angeles") == expected


@pytest.mark.parametrize(
    ("zone", "moment", "expected"),
    [
        ("Europe/Berlin", at(2027, 3, 27, 12, 0), "Sat 27 Mar 2027, 13:00 CET"),
        ("Europe/Berlin", at(2027, 3, 29, 12, 0), "Mon 29 Mar 2027, 14:00 CEST"),
        ("Australia/Sydney", at(2027, 1, 10, 0, 0), "Sun 10 Jan 2027, 11:00 AEDT"),
        ("Australia/Sydney", at(2027, 6, 10, 0, 0), "Thu 10 Jun 2027, 10:00 AEST"),
        # tzdata has no letters for Istanbul: the offset reads as UTC+03, never a bare "+03".
        ("Europe/Istanbul", at(2027, 6, 10, 0, 0), "Thu 10 Jun 2027, 03:00 UTC+03"),
        ("UTC", at(2027, 6, 10, 0, 0), "Thu 10 Jun 2027, 00:00 UTC"),
    ],
)
def test_non_us_zones_read_with_their_own_abbreviation(zone, moment, expected):
    assert display.local_datetime(moment, zone) == expected


def test_a_12_hour_production_reads_am_pm_and_time_only_keeps_the_zone():
    ny = SimpleNamespace(time_zone="America/New_York", use_24h_clock=False)
    assert display.local_datetime(at(2027, 7, 1, 23, 5), ny) == "Thu 1 Jul 2027, 7:05 PM EDT"
    assert display.local_datetime(at(2027, 7, 1, 23, 5), ny, date=False) == "7:05 PM EDT"


def test_outside_a_production_the_active_zone_is_used():
    with timezone.override("Asia/Tokyo"):
        assert display.local_datetime(at(2027, 7, 1, 0, 0)) == "Thu 1 Jul 2027, 09:00 JST"


def test_stored_iso_text_and_empty_values():
    assert display.local_datetime("2027-07-01T00:00:00+00:00", "Asia/Kolkata") == (
        "Thu 1 Jul 2027, 05:30 IST"
    )
    assert display.local_datetime(None, "UTC") == ""


def test_the_template_tag_uses_the_current_production_or_an_explicit_zone():
    template = Template("{% load display_tags %}{% local_time t %}|{% local_time t tz=zone %}")
    production = SimpleNamespace(time_zone="Europe/London", use_24h_clock=True)
    context = Context({"t": at(2027, 8, 2, 6, 0), "current_production": production})
    context["zone"] = "America/Chicago"
    assert template.render(context) == "Mon 2 Aug 2027, 07:00 BST|Mon 2 Aug 2027, 01:00 CDT"


def test_booleans_read_as_words_and_unknown_as_a_dash():
    template = Template(
        "{% load display_tags %}{{ a|yesno_word }} {{ b|yesno_word }} {{ c|yesno_word }} "
        '{{ a|yesno_word:"Sent,Not sent" }} {{ c|yesno_word:"In,Out,Not asked" }}'
    )
    out = template.render(Context({"a": True, "b": False, "c": None}))
    assert out == "Yes No — Sent Not asked"


@pytest.mark.parametrize(
    ("code", "name"),
    [("fr", "French"), ("pt-BR", "Portuguese (Brazil)"), ("zh_Hant", "Chinese (Traditional)")],
)
def test_languages_read_by_their_names(code, name):
    assert display.language_name(code) == name


def test_an_unknown_language_code_is_shown_as_it_is():
    assert display.language_name("xx-notreal") == "xx-notreal"
