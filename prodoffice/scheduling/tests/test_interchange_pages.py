"""The USS pages: the download from the script page, the upload with its preview."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prodoffice.audit.models import AuditEvent
from prodoffice.scheduling.engine import uss
from prodoffice.scheduling.models import Scene, Script
from prodoffice.scheduling.tests.test_interchange import GOOD, rich_schedule

pytestmark = pytest.mark.django_db


def test_script_page_offers_the_download_and_it_is_a_uss_file(world, client_for):
    rich_schedule(world.production)
    client = client_for(world.office)
    html = client.get(reverse("web:script", args=["NIGHTJAR"])).content.decode()
    assert 'id="download-uss"' in html
    response = client.get(reverse("web:uss_export", args=["NIGHTJAR"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="nightjar.uss"'
    document = uss.loads(response.content)
    assert len(document.breakdowns) >= 5 and not document.warnings
    assert AuditEvent.objects.filter(action="uss.export", actor=world.office).exists()


def test_crew_cannot_download_the_schedule(world, client_for):
    rich_schedule(world.production)
    response = client_for(world.crew_a).get(reverse("web:uss_export", args=["NIGHTJAR"]))
    assert response.status_code == 403


def upload(client, url, data: str, name="x.uss"):
    file = SimpleUploadedFile(name, data.encode(), content_type="application/json")
    return client.post(url, {"step": "preview", "file": file})


def test_upload_preview_then_confirm_imports(world, client_for):
    client = client_for(world.other_office)
    url = reverse("web:interchange", args=["OTHER"])
    response = upload(client, url, json.dumps(GOOD))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="uss-preview"' in html
    assert not Script.objects.filter(production=world.other).exists()  # only a preview
    digest = re.search(r'name="sha256" value="([0-9a-f]{64})"', html).group(1)
    response = client.post(url, {"step": "confirm", "sha256": digest})
    assert response.status_code == 302 and response["Location"].endswith("/p/OTHER/script/")
    assert Scene.objects.get(script__production=world.other).set_name == "DOCKS"


def test_bad_upload_names_the_field_path_and_saves_nothing(world, client_for):
    client = client_for(world.other_office)
    url = reverse("web:interchange", args=["OTHER"])
    data = json.dumps({**GOOD, "categories": [{"id": "k", "name": "Odd", "elements": ["s1"]}]})
    html = upload(client, url, data).content.decode()
    assert "categories[0].ucid: unknown category" in html
    assert "elements[1]: element &#x27;c1&#x27; is in no category" in html
    assert 'id="uss-preview"' not in html
    assert not Script.objects.filter(production=world.other).exists()
