"""Security headers: the pages (built or not), the API and the built files all carry them.

That the browser application runs under the policy is shown in Chromium by
``tests/browser/test_security_policy.py``.
"""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from server.app import create_app
from server.config import Settings

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(header: str) -> dict[str, str]:
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] for d in (p.strip() for p in header.split(";")) if d}


def assert_protected(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    csp = policy(headers["content-security-policy"])
    assert {name: csp.get(name) for name in DIRECTIVES} == DIRECTIVES
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert "unsafe-eval" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"


def test_the_pages_the_api_and_the_built_files_carry_the_headers(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Sozialkonferenz</title>", encoding="utf-8")
    (dist / "assets" / "index-abc.js").write_text("console.log(1)", encoding="utf-8")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", client_dist=dist)
    with TestClient(create_app(settings)) as client:
        for path, status in (("/", 200), ("/anmelden", 200), ("/assets/index-abc.js", 200), ("/api/health", 200),
                             ("/api/conferences", 401), ("/gibt-es-nicht", 404), ("/openapi.json", 200)):  # fmt: skip
            response = client.get(path)
            assert response.status_code == status, path
            assert_protected(response)


def test_the_not_built_page_carries_them_too(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", client_dist=tmp_path / "missing")
    with TestClient(create_app(settings)) as client:
        response = client.get("/")
    assert response.status_code == 503 and "nicht gebaut" in response.text
    assert_protected(response)
