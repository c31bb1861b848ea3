"""Marks, sizes and page helpers shared by the browser tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIGN_IN = re.compile(r"sign in|log in", re.IGNORECASE)

#: Every browser test module sets `pytestmark = BROWSER`: one xdist worker owns the browser, and
#: the live server needs committed rows (transactional) with the seeded catalogue kept.
BROWSER = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def login(page, username: str, password: str) -> None:
    """Sign in through the real login form, finding the fields by their labels."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=SIGN_IN).click()


def shoot(page, name: str) -> Path:
    """Save the viewport to docs/screenshots/<name>.png, which the README shows."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.wait_for_load_state("networkidle")
    # No hover or focus ring left from the test's last click: the picture stays the same run to
    # run, so the committed PNGs change only when the page does.
    page.mouse.move(0, page.viewport_size["height"] - 1)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    return path


def watch_console(page, sink: list[str]) -> None:
    """Collect the page's JavaScript exceptions and console errors into `sink`."""
    page.on("console", lambda msg: _is_error(msg) and sink.append(_describe(msg)))
    page.on("pageerror", lambda exc: sink.append(f"pageerror: {exc}"))


def _is_error(msg) -> bool:
    # 422 is how an HTMX form answers "not valid yet" (common.form_status): a reply, not a fault.
    return msg.type == "error" and "status of 422" not in msg.text


def _describe(msg) -> str:
    where = msg.location.get("url", "") if msg.location else ""
    return f"console.error: {msg.text} ({where})"


UNLABELLED_JS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden' && el.getClientRects().length > 0)
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby') && !el.title)
  .map(el => el.outerHTML.slice(0, 120))"""


def unlabelled_controls(page) -> list[str]:
    """Visible form controls with no label nor accessible name (UI.md: a label on every control)."""
    return page.evaluate(UNLABELLED_JS)
