"""Log filters: secrets that travel in URLs never reach the logs (S-13)."""

from __future__ import annotations

import logging
import re

#: Calendar feed URLs carry their secret in the path: /feeds/<secret>.ics.
_FEED_SECRET = re.compile(r"(/feeds/)[^/\s\"']+(\.ics)")


class UrlSecretFilter(logging.Filter):
    """Replaces the secret of a feed URL in a record's message by ***."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/feeds/" in message:
            record.msg, record.args = _FEED_SECRET.sub(r"\1***\2", message), ()
        return True
