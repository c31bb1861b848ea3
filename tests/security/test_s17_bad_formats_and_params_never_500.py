"""Issue 11, item 6 (S-17's "no 5xx" beyond the schema): unknown formats and bad parameters
answer 404 or 400, never 500, on every route of the site and the API.

`/p/<code>/crew/export.pdf` raised ValueError (a 500). The crawl fills every route from the
authorization matrix as production A's office (who may open everything there), then:

- every route with a format in its path (`export.<fmt>`, `schedule.<fmt>` ..., and the API's
  `.json` suffix twins) with an unknown format: 404;
- every route with a kind in its path (`add/<kind>/`) with an unknown kind: 404;
- every GET route and API read with hostile query parameters (malformed dates and numbers,
  oversized pages, unknown sort keys, NUL bytes, markup): below 500.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security import harness as h
from tests.security.route_matrix import OPERATIONS, ROUTES
from tests.support.security import is_format_suffix, walk_routes

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: Formats no export route makes (the board reports do make PDFs; the crew list does not).
UNKNOWN_FORMATS = ("docx", "exe", "CSV", "json%00")
HOSTILE_QUERIES = (
    "?page=abc&page_size=99999999999999999999999",
    "?page=-1&page_size=0&ordering=rate,-rate,pk",
    "?date=2027-13-45&start=not-a-date&end=0000-00-00&from=2027-02-30&to=yesterday",
    "?start_date=10000-01-01&end_date=-1&year=1e9&week=nan&day=inf",
    "?q=%00%27%22%3Cscript%3E&search=%E2%80%AE&status=%00&kind=..%2F..%2Fetc",
    "?production=../../&department=%FF&position=-1&person=not-a-uuid&id=9999999999999999999999",
    "?category=1e400&board=%00&scene=;DROP TABLE&format=xml&current=maybe&needs_review=2",
)


def _routes_by_name() -> dict[str, h.Route]:
    return {r.name: r for r in h.routes()}


def _web_url(route, entry, objs, **overrides) -> str:
    target = h.target_object(objs, entry.target)
    kwargs = {
        name: h.kwarg_value(name, kind, target, objs, entry.kwargs)
        for name, kind in route.converters
    }
    return reverse(route.name, kwargs={**kwargs, **overrides})


def _get_routes(objs) -> list[str]:
    """Every web route with a GET entry in the matrix, filled for production A."""
    urls = []
    for route in h.routes():
        entry = ROUTES.get(route.name)
        if route.is_api or entry is None or entry.get is None or ":" not in route.name:
            continue
        urls.append(_web_url(route, entry, objs))
    return urls


def _api_reads(objs) -> list[str]:
    return [
        h.op_url(path, OPERATIONS[key], objs)
        for key, method, path in h.operations()
        if method == "GET" and key in OPERATIONS
    ]


def _answers(client, urls, method="GET") -> dict[str, int]:
    out = {}
    for url in urls:
        with h.rolled_back():
            out[url] = getattr(client, method.lower())(url).status_code
    return out


def test_s17_unknown_export_formats_answer_404(objects, web):
    """Every route with a format in its path, with a format it does not make: 404."""
    objs, by_name, urls = objects["a"], _routes_by_name(), []
    for name, route in by_name.items():
        if "fmt" in route.kwargs:
            urls += [_web_url(route, ROUTES[name], objs, fmt=f) for f in UNKNOWN_FORMATS]
    assert len(urls) >= 5 * len(UNKNOWN_FORMATS)
    urls.append(reverse("web:crew_export", args=[objs.production.code, "pdf"]))  # the 500
    wrong = {u: s for u, s in _answers(web["office"], urls).items() if s != 404}
    assert not wrong, wrong


def test_s17_unknown_kinds_in_the_path_answer_404(objects, web):
    """`.../add/<kind>/` with a kind that does not exist: 404 to a POST (a GET of these
    POST-only views is 405 before the kind is read)."""
    objs, urls = objects["a"], []
    for name, route in _routes_by_name().items():
        if "kind" in route.kwargs and name in ROUTES:
            urls.append(_web_url(route, ROUTES[name], objs, kind="no-such-kind"))
    assert urls
    for method, expected in (("GET", {404, 405}), ("POST", {404})):
        answers = _answers(web["office"], urls, method)
        wrong = {u: s for u, s in answers.items() if s not in expected}
        assert not wrong, (method, wrong)


def test_s17_api_format_suffixes_other_than_json_answer_404(objects, api):
    """The API's `.json` twins (and `.pdf` where a PDF is made): any other suffix is 404,
    whatever the method (the format is negotiated before anything else)."""
    suffixed = [r for r in walk_routes() if is_format_suffix(r)]
    assert len(suffixed) > 30
    wrong = {}
    for key, method, path in h.operations():
        entry = OPERATIONS.get(key)
        if entry is None or path == "/api/v1/":
            continue
        url = h.op_url(path, entry, objects["a"]).rstrip("/")
        for fmt in ("xml", "exe"):
            with h.rolled_back():
                response = getattr(api["office"], method.lower())(f"{url}.{fmt}/")
            if response.status_code != 404:
                wrong[f"{method} {url}.{fmt}/"] = response.status_code
        if method == "GET":
            with h.rolled_back():
                status = api["office"].get(f"{url}.json/").status_code
            if status >= 500:
                wrong[f"GET {url}.json/"] = status
    assert not wrong, wrong


def test_s17_hostile_query_parameters_never_answer_500(objects, web, api):
    """Every page and every API read with malformed dates, numbers, sort keys and bytes."""
    objs = objects["a"]
    pages, reads = _get_routes(objs), _api_reads(objs)
    assert len(pages) > 80 and len(reads) > 30
    errors = {}
    for client, urls in ((web["office"], pages), (api["office"], reads)):
        for url in urls:
            for query in HOSTILE_QUERIES:
                with h.rolled_back():
                    status = client.get(url + query).status_code
                if status >= 500:
                    errors[url + query] = status
    assert not errors, errors


def test_s17_api_lists_refuse_bad_pages_naming_the_parameter(api):
    """`page_size` outside 1..500 or not a number, and unknown sort keys: 400 naming them."""
    client = api["office"]
    for query, field in (
        ("page_size=501", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=ten", "page_size"),
        ("ordering=rate", "ordering"),
        ("ordering=name,-salary", "ordering"),
    ):
        response = client.get(f"/api/v1/people/?{query}")
        assert response.status_code == 400, (query, response.status_code)
        assert field in response.json()["error"]["fields"], query
    assert client.get("/api/v1/people/?page_size=500&ordering=-name").status_code == 200


def test_s17_nul_bytes_answer_400_naming_what_holds_them(objects, web, api):
    """PostgreSQL text cannot hold a NUL byte: a lookup by one was a 500 there. In a query
    parameter (page or API) or anywhere in an API body it answers 400 on every database."""
    code = objects["a"].production.code
    page = web["office"].get(f"/p/{code}/crew/?q=a%00b")
    assert page.status_code == 400
    listing = api["office"].get("/api/v1/contracts/?production=NIGHT%00JAR")
    assert listing.status_code == 400
    assert "production" in listing.json()["error"]["fields"]
    body = h.json_body({"production": "NIGHT\x00JAR", "contract_type": "crew", "title": "M"})
    created = api["office"].post("/api/v1/contracts/", body, content_type="application/json")
    assert created.status_code == 400 and "NUL" in created.json()["error"]["message"]
