"""Crew import on the web: upload, preview every row's outcome, then apply (office only)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from prodoffice.audit.models import AuditEvent
from prodoffice.productions.models import Engagement

pytestmark = pytest.mark.django_db

GOOD = (
    "First Name,Last Name,E-mail,Position\n"
    "Alex,Morgan,alex@web.test,Gaffer\n"
    "Sam,Lee,sam@web.test,Boom Op\n"
)


def _upload(client, code, data: bytes, name="crew.csv", **extra):
    return client.post(
        reverse("web:crew_import", args=[code]),
        {"step": "preview", "file": SimpleUploadedFile(name, data), **extra},
    )


def _digest(html: str) -> str:
    return re.search(r'name="sha256" value="([0-9a-f]{64})"', html).group(1)


def test_preview_shows_every_row_then_confirm_imports(world, office, code):
    before = Engagement.objects.count()
    html = _upload(office, code, GOOD.encode()).content.decode()
    assert 'data-line="2" data-outcome="new"' in html and 'data-line="3" data-outcome="new"' in html
    assert Engagement.objects.count() == before  # a preview saves nothing
    response = office.post(
        reverse("web:crew_import", args=[code]), {"step": "confirm", "sha256": _digest(html)}
    )
    assert response.status_code == 302
    assert Engagement.objects.filter(person__email__endswith="@web.test").count() == 2
    assert AuditEvent.objects.get(action="crew.import").actor == world.office


def test_an_xlsx_with_bad_rows_is_previewed_with_its_problems_and_cannot_be_applied(
    world, office, code
):
    book = Workbook()
    book.active.append(["first_name", "last_name", "email", "position", "salary"])
    book.active.append(["Alex", "Morgan", "alex@web.test", "Gaffer", 1])
    book.active.append(["Bo", "", "not-mail", "Astronaut", 2])
    buf = io.BytesIO()
    book.save(buf)
    html = _upload(office, code, buf.getvalue(), "crew.xlsx").content.decode()
    assert 'id="column-errors"' in html and "unknown column" in html
    assert 'data-line="3" data-outcome="refused"' in html
    assert "&quot;Astronaut&quot; is not a position" in html
    assert 'id="confirm-form"' not in html and 'id="cannot-apply"' in html


def test_skip_invalid_applies_the_valid_rows(world, office, code):
    data = (GOOD + "Bo,,bo@web.test,Grip\n").encode()
    html = _upload(office, code, data, skip_invalid="on").content.decode()
    assert "Import 2 rows, skip the refused ones" in html
    assert "2 of 3 rows can be imported: 2 new engagements" in html
    office.post(
        reverse("web:crew_import", args=[code]), {"step": "confirm", "sha256": _digest(html)}
    )
    assert Engagement.objects.filter(person__email__endswith="@web.test").count() == 2


def test_only_the_office_imports(world, client_for, code):
    response = client_for(world.head).get(reverse("web:crew_import", args=[code]))
    assert response.status_code == 403
    response = _upload(client_for(world.head), code, GOOD.encode())
    assert response.status_code == 403
    assert not Engagement.objects.filter(person__email__endswith="@web.test").exists()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"step": "preview"}, "required"),
        ({"step": "preview", "file": ("crew.csv", b"")}, "empty"),
        ({"step": "preview", "file": ("crew.xlsx", b"\x00\x01\xff" * 40)}, ""),
        ({"step": "confirm", "sha256": "0" * 64}, "again"),
    ],
    ids=["no file", "empty file", "garbage", "stale confirmation"],
)
def test_a_refused_upload_answers_400_with_the_form(world, office, code, body, words):
    """As the script and USS imports (S-11): a refusal is 400 with the form, not a 200 preview;
    a preview whose rows have problems stays 200 (the test above)."""
    before = Engagement.objects.count()
    data = dict(body)
    if "file" in data:
        data["file"] = SimpleUploadedFile(*data["file"])
    response = office.post(reverse("web:crew_import", args=[code]), data)
    assert response.status_code == 400, response.status_code
    html = response.content.decode()
    assert "<form" in html and words in html.lower()
    assert Engagement.objects.count() == before
    htmx = office.post(
        reverse("web:crew_import", args=[code]), {"step": "preview"}, headers={"HX-Request": "true"}
    )
    assert htmx.status_code == 422
