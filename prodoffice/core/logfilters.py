"""Log filters: secrets that travel in URLs never reach the logs (S-13)."""

from __future__ import annotations

import logging
import re

#: Calendar feed URLs carry their secret in the path: /feeds/<secret>.ics.
_FEED_SECRET = re.compile(r"(/feeds/)[^/\s\"']+(\.ics)")
# --- contracts signing ---
#: Signing links carry their token in the path: /sign/<token>/ (Django logs 4xx paths).
_SIGN_TOKEN = re.compile(r"(/sign/)[^/\s\"'?]+")
# --- end contracts signing ---


class UrlSecretFilter(logging.Filter):
    """Replaces the secret of a feed URL or a signing link in a record's message by ***."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/feeds/" in message:
            message = _FEED_SECRET.sub(r"\1***\2", message)
            record.msg, record.args = message, ()
        if "/sign/" in message:
            record.msg, record.args = _SIGN_TOKEN.sub(r"\1***", message), ()
        return True
