"""Secrets stay out of the server's log: API tokens in query strings (HTTP and WebSocket lines) and invitation links.

uvicorn writes each request's path with its query string to the access log, and each accepted
WebSocket with its URL; a live-editing script sends its API token there (``?token=…``). A filter on
uvicorn's loggers rewrites a record's arguments before any handler formats them. Passwords, session
cookies and CSRF tokens travel in bodies and headers, which uvicorn does not log.
"""

from __future__ import annotations

import logging
import re

from server.auth.store import TOKEN_PREFIX

REDACTED = "[entfernt]"
LOGGERS = ("uvicorn.access", "uvicorn.error")  # requests; WebSocket handshakes and errors
_PATTERNS = (
    re.compile(r"(?<=[?&;])((?:token|access_token|password|csrf_token)=)[^&;#\s\"]*", re.IGNORECASE),
    re.compile(r"((?:/api/invitations|/einladung)/)[^/?#\s\"]+"),  # the link's token is the path
    re.compile("()" + re.escape(TOKEN_PREFIX) + r"[A-Za-z0-9_\-]+"),  # an API token anywhere else
)


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + REDACTED, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites the message and its string arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


def redact_secrets_in_logs() -> None:
    """Install the filter on uvicorn's loggers, once (logging configuration later keeps logger filters)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(RedactSecrets())
