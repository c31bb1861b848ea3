"""The one PDF renderer: template files or HTML, metadata, and no fetching."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from prodoffice.core.pdf import render_pdf


def _read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def test_html_renders_with_metadata():
    reader = _read(render_pdf("<p>Call sheet day 4</p>", title="Day 4", author="Office"))
    assert "Call sheet day 4" in reader.pages[0].extract_text()
    assert reader.metadata.title == "Day 4"
    assert reader.metadata.author == "Office"
    assert reader.metadata.creator == "prodoffice"


def test_template_file_renders_escaped(tmp_path, settings):
    (tmp_path / "doc.html").write_text("<h1>{{ heading }}</h1>", encoding="utf-8")
    settings.TEMPLATES = [
        {"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [tmp_path]}
    ]
    text = _read(render_pdf(template="doc.html", context={"heading": "<b>Nightjar</b>"}))
    assert "<b>Nightjar</b>" in text.pages[0].extract_text()


@pytest.mark.parametrize(
    "html",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
        "<style>@import url('file:///etc/hostname');</style><p>x</p>",
    ],
)
def test_nothing_is_fetched(html, monkeypatch):
    fetched = []
    import prodoffice.core.pdf as pdf

    real = pdf.refuse_fetch

    def spy(url, *args, **kwargs):
        fetched.append(url)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(pdf, "refuse_fetch", spy)
    assert render_pdf(html).startswith(b"%PDF-")
    assert fetched, "the fetcher was asked"


def test_html_or_template_not_both():
    with pytest.raises(TypeError):
        render_pdf("<p>x</p>", template="x.html")
    with pytest.raises(TypeError):
        render_pdf()
