"""The main pages of the demo production read in words: no True/False/None, no raw action or
status codes, no bare "UTC" where the production's own zone belongs (issue 10, item 13)."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse

from prodoffice.audit.describe import registered

pytestmark = pytest.mark.django_db

#: The production's list pages (detail pages are found from the demo's objects).
LISTS = ["dashboard", "crew", "crew_print", "people", "companies", "contracts", "boards",
         "locations", "audit", "meetings", "elements", "script", "calendar", "feeds",
         "members"]  # fmt: skip


class _Text(HTMLParser):
    """Visible text nodes of a page (scripts, styles and attributes left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style", "template")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style", "template")

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.append(" ".join(data.split()))


def visible(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.nodes


def problems(nodes: list[str], codes: re.Pattern) -> list[str]:
    found = []
    for node in nodes:
        if node in ("True", "False", "None") or re.search(r"\b(True|False)\b|[:(] ?None\b", node):
            found.append(f"boolean or None: {node!r}")
        if codes.search(node):
            found.append(f"raw code: {node!r}")
        if re.search(r"\bUTC\b(?![+-]\d)", node):
            found.append(f"UTC instead of the production's zone: {node!r}")
    return found


def test_the_checker_finds_what_it_looks_for():
    codes = re.compile(r"(?<![\w.@/-])(membership\.set)(?![\w.])|\b[a-z]+_[a-z]+\b")
    html = (
        "<p>membership.set</p><td>True</td><dd>Reviewed: None</dd><span>12:00 UTC</span>"
        "<p>partly_signed</p><p>ada@example.com 12:00 UTC+03</p><script>var x = None;</script>"
    )
    assert len(problems(visible(html), codes)) == 5


def _detail_urls(production) -> list[str]:
    from prodoffice.contracts.models import Contract
    from prodoffice.locations.models import Location
    from prodoffice.productions.models import Engagement, Meeting
    from prodoffice.scheduling.models import Board

    code = production.code
    urls = []
    for model, name in ((Engagement, "engagement"), (Contract, "contract"), (Meeting, "meeting"),
                        (Location, "location")):  # fmt: skip
        for obj in model.objects.filter(production=production)[:3]:
            urls.append(reverse(f"web:{name}", args=[code, obj.public_id]))
    for person in production.engagements.select_related("person")[:3]:
        urls.append(reverse("web:person", args=[code, person.person.public_id]))
    board = Board.objects.filter(production=production, is_working=True).first()
    for name in ("board", "board_dood", "board_schedule", "board_one_liner", "board_elements"):
        urls.append(reverse(f"web:{name}", args=[code, board.public_id]))
    return urls


def test_main_pages_of_the_demo_production_read_in_words(client_for):
    from prodoffice.accounts.models import User
    from prodoffice.productions.models import Production

    call_command("demo", stdout=io.StringIO())
    production = Production.objects.get(code="HARBOR")
    assert production.time_zone != "UTC"  # else "UTC" would be the production's own zone
    client = client_for(User.objects.get(username="demo.producer"))
    codes = re.compile(
        r"(?<![\w.@/-])(" + "|".join(re.escape(c) for c in registered()) + r")(?![\w.])"
        # snake_case words, but not file names (harbor_lights.fountain is what the office typed)
        r"|\b[a-z]+_[a-z]+(?:_[a-z]+)*\b(?!\.[a-z0-9])"
    )
    urls = [reverse(f"web:{name}", args=[production.code]) for name in LISTS]
    urls += _detail_urls(production)
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bad = problems(visible(response.content.decode()), codes)
        if bad:
            found[url] = bad
    assert not found, found
    audit = client.get(reverse("web:audit", args=[production.code])).content.decode()
    assert re.search(r"\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} P[SD]T", audit)
