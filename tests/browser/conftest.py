"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

The browser is never downloaded: it is /usr/bin/chromium, installed by .ci/run and `make
browser-deps`. Every test module here carries helpers.BROWSER: one xdist group, so a
single worker owns the browser, and transactional databases with serialized rollback, because the
live server reads committed rows and the seeded catalogue must survive the flush between tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect

from tests.browser.data import PASSWORD, Lantern, build_lantern
from tests.browser.helpers import CHROMIUM, DESKTOP, login, watch_console

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous: CI machines run the rest of the suite on the other worker at the same time.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="package")
def browser(django_db_blocker) -> Iterator:
    """One headless Chromium for the whole package; Django's catalogue is restored afterwards."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (install Debian's chromium: make browser-deps)")
    from playwright.sync_api import sync_playwright

    # The sync API keeps an asyncio loop running in this thread; Django's ORM calls made by the
    # tests (data set-up, the flush between tests) are still synchronous, so allow them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    originals = {conn.alias: conn for conn in connections.all()}
    with sync_playwright() as pw:
        _keep_connections(originals)
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    _restore_environ("DJANGO_ALLOW_ASYNC_UNSAFE", previous)
    _restore_serialized_data(django_db_blocker)


def _keep_connections(originals: dict) -> None:
    """Keep using the test database connections once Playwright's event loop runs.

    Django's connection handler is asyncio-aware: with a running loop in this thread it hands out
    new connection objects, which lack the serialized catalogue (serialized rollback then restores
    nothing) and, on in-memory SQLite, are not the connection the live server shares.
    """
    for alias, conn in originals.items():
        connections[alias] = conn


def _restore_environ(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _restore_serialized_data(django_db_blocker) -> None:
    """Leave the database as migrated (catalogue included) for the tests that run after these."""
    with django_db_blocker.unblock():
        for conn in connections.all():
            contents = getattr(conn, "_test_serialized_contents", None)
            if contents:
                call_command(
                    "flush", database=conn.alias, interactive=False, inhibit_post_migrate=True
                )
                conn.creation.deserialize_db_from_string(contents)


@pytest.fixture
def console() -> list[str]:
    """JavaScript errors and console errors seen by the page during the test."""
    return []


@pytest.fixture
def page(browser, live_server, console) -> Iterator:
    """A fresh laptop-sized tab on the live server; fails the test on any JavaScript error."""
    context = browser.new_context(
        viewport=DESKTOP, base_url=live_server.url, locale="en-US", reduced_motion="reduce"
    )
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    watch_console(tab, console)
    yield tab
    context.close()
    if console:
        pytest.fail("JavaScript errors in the browser:\n" + "\n".join(console))


@pytest.fixture
def lantern(transactional_db) -> Lantern:
    """The Lantern Keeper: a feature in prep with crew across departments and a kickoff."""
    return build_lantern()


@pytest.fixture
def signed_in(page, lantern):
    """The page, signed in as the production coordinator through the real login form."""
    login(page, lantern.coordinator.username, PASSWORD)
    page.wait_for_url(f"**/p/{lantern.production.code}/**")
    return page
