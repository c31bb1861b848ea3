"""PDF rendering, once for every document prodoffice prints (WeasyPrint, offline).

Nothing is fetched while rendering: the URL fetcher refuses every URL, so a template, or text a
user typed into one, cannot make the server read files or call out. Fonts are the system's.
Documents are Django template files (`<app>/templates/<app>/pdf/*.html`) rendered with
autoescaping; contract templates, which are stored rows, pass their HTML instead. Bidi control
characters in the HTML and the metadata are printed as visible markers (`core.text.neutralise`):
a clause can never read reversed.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string

from prodoffice.core.text import neutralise

GENERATOR = "prodoffice"


class FetchRefused(ValueError):
    """A document asked for an outside resource (a URL, a file); prodoffice PDFs fetch nothing."""


def _offline_fetcher():
    """WeasyPrint's fetcher for every prodoffice PDF: each request is refused and skipped.

    WeasyPrint catches the refusal, logs it and renders without the resource. A plain function
    as fetcher is no longer enough: WeasyPrint 70 reads its error policy from a fetcher object.
    """
    from weasyprint.urls import URLFetcher

    class OfflineFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            refuse_fetch(url)

    return OfflineFetcher()


def refuse_fetch(url: str, *args, **kwargs):
    """The refusal every fetch meets: nothing is read from outside the HTML."""
    raise FetchRefused(f"prodoffice PDFs fetch nothing (refused {url[:60]})")


def render_pdf(
    html: str | None = None,
    *,
    template: str | None = None,
    context: dict | None = None,
    title: str = "",
    author: str = "",
    subject: str = "",
    keywords: tuple[str, ...] = (),
    lang: str = "en",
) -> bytes:
    """A PDF from a template file and its context, or from ready HTML; with document metadata."""
    from weasyprint import HTML

    if (html is None) == (template is None):
        raise TypeError("render_pdf takes either html or template, not both or neither")
    if template is not None:
        html = render_to_string(template, context or {})
    html = neutralise(html)
    document = HTML(string=html, base_url=None, url_fetcher=_offline_fetcher()).render()
    meta = document.metadata
    meta.title = neutralise(title) if title else meta.title
    meta.authors = [neutralise(author)] if author else meta.authors
    meta.description = neutralise(subject) if subject else meta.description
    meta.keywords = [neutralise(k) for k in keywords] or meta.keywords
    meta.generator = GENERATOR
    meta.lang = meta.lang or lang
    meta.created = meta.created or datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    return document.write_pdf()


def layout(html: str):
    """A laid-out WeasyPrint document of ready HTML, fetching nothing: for callers that split its
    pages into several files (one layout of many personal slips is far cheaper than many)."""
    from weasyprint import HTML

    return HTML(string=neutralise(html), base_url=None, url_fetcher=_offline_fetcher()).render()
