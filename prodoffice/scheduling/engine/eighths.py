"""Page counts in eighths: a page is eight eighths, stored as an integer.

`format_eighths(12) == "1 4/8"`, `format_eighths(3) == "3/8"`, `format_eighths(8) == "1"`;
`parse_eighths` reads those back (and "1-4/8", "4/8"). Fractions are never reduced: the trade
writes 4/8, not 1/2. The USS file carries pages as a decimal (1/8 = 0.125).
"""

from __future__ import annotations

import re
from decimal import ROUND_CEILING, Decimal, InvalidOperation

_FORMAT = re.compile(r"^\s*(?:(\d+)(?:\s+|\s*[-+]\s*)(?=\d+\s*/))?(?:(\d+)\s*/\s*8|(\d+))\s*$")


def format_eighths(eighths: int) -> str:
    """`1 4/8` for 12: whole pages, then the eighths left over."""
    if eighths < 0:
        raise ValueError("A page count cannot be negative.")
    pages, rest = divmod(eighths, 8)
    if not rest:
        return str(pages)
    return f"{pages} {rest}/8" if pages else f"{rest}/8"


def parse_eighths(text: str) -> int:
    """Eighths in `1 4/8`, `3/8`, `2`; ValueError for anything else."""
    match = _FORMAT.match(text or "")
    if not match:
        raise ValueError(f"Not a page count in eighths: {text!r}.")
    pages, rest, whole = match.groups()
    if whole is not None:
        return int(whole) * 8
    if int(rest) > 7 and pages is not None:
        raise ValueError(f"Too many eighths in {text!r}: at most 7/8 after the pages.")
    return int(pages or 0) * 8 + int(rest)


def eighths_to_pages(eighths: int) -> Decimal:
    """Decimal pages for the USS file: 1/8 is 0.125."""
    return Decimal(eighths) / 8


def pages_to_eighths(pages: float | str | Decimal) -> int:
    """Eighths from decimal pages (USS), rounding up a fraction of an eighth."""
    try:
        value = Decimal(str(pages))
    except InvalidOperation:
        raise ValueError(f"Not a number of pages: {pages!r}.") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"Not a number of pages: {pages!r}.")
    return int((value * 8).to_integral_value(rounding=ROUND_CEILING))
