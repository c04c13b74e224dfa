"""Security headers on every HTTP response: a strict Content-Security-Policy and its companions.

The browser application loads everything from its own origin (``client/dist``: hashed scripts and
stylesheets; the live connection to ``/collab`` on the same host, which ``'self'`` covers for
``ws:``/``wss:``), so the policy allows nothing else: no inline or evaluated script, no plug-ins,
no framing, no foreign form targets. Two exceptions, both measured on the build: the favicon is a
``data:`` image in ``index.html``, and ``quill-cursors`` (the coloured cursors in the proposal form)
inserts one ``<style>`` element with its fixed CSS, allowed by its SHA-256s (``QUILL_CURSORS_STYLE``;
the browser test ``tests/browser/test_security_policy.py`` fails if a new version changes it).
Styles set through the CSSOM (Preact's ``style`` props, chart.js, Quill) need no exception.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# quill-cursors 4.0.4 (style-loader): the element is inserted empty, then filled with the cursors' CSS.
QUILL_CURSORS_STYLE = (
    "'sha256-NCz8GTtvyHIP1M8acaVKFf+iiOTwOxOnzUJr6V1Sil4=' "  # its CSS
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # the empty text
)
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' {QUILL_CURSORS_STYLE}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS: tuple[tuple[bytes, bytes], ...] = tuple(
    (name.lower().encode(), value.encode())
    for name, value in (
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
    )
)


class SecurityHeaders:
    """Pure ASGI middleware (streamed responses stay streamed; WebSockets pass untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
