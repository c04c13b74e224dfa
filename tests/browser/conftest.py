"""Browser tests: Debian's Chromium driven by Playwright against the real server.

One server process for the browser tests (``sozialkonferenz serve --demo`` on a fresh SQLite
file and a free port) serves the built client (``client/dist``, built by ``make test``).
Each test gets its own browser context, signed in as a demo account or as a demo person
(who gets an account first); a screenshot of its page is kept under
``tests/output/screenshots`` (not committed). Without Chromium or the built client the
tests are skipped with a message, and fail when SOZIALKONFERENZ_REQUIRE_SERVICES=1.
The tests' own API calls authenticate with API tokens of the same accounts.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from server.demo.data import DEMO_ACCOUNTS, PEOPLE
from server.demo.data import DEMO_LOGINS as LOGINS_BY_ROLE
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# SOZIALKONFERENZ_CLIENT_DIST (also read by the server) points to another build, e.g. a developer's own.
CLIENT_INDEX = Path(os.environ.get("SOZIALKONFERENZ_CLIENT_DIST") or ROOT / "client" / "dist") / "index.html"
AXE = ROOT / "client" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"
REQUIRE_SERVICES = os.environ.get("SOZIALKONFERENZ_REQUIRE_SERVICES") == "1"
STARTUP_SECONDS = 180.0
DEMO_PASSWORD = "lindenau-demo"
TEST_PASSWORD = "Test-Passwort-2026"
ORGANISER = "organisation"  # Katrin Hoffmann, city-wide organiser
_NAMES = {key: name for key, name, *_ in PEOPLE}
DEMO_LOGINS = {_NAMES[key]: LOGINS_BY_ROLE[role] for role, key in DEMO_ACCOUNTS.items()}
"""The demo's own accounts by person name: ``Andrea Wolff`` → ``moderation``."""


def _missing() -> str | None:
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium fehlt unter {CHROMIUM} (apt-get install -y chromium)"
    if not CLIENT_INDEX.is_file():
        return "Die Browseranwendung ist nicht gebaut (make client)"
    if not AXE.is_file():
        return "axe-core fehlt in client/node_modules (make client)"
    return None


def _require_browser() -> None:
    problem = _missing()
    if problem is None:
        return
    if REQUIRE_SERVICES:
        pytest.fail(problem + " (SOZIALKONFERENZ_REQUIRE_SERVICES=1: Browser-Tests sind Pflicht)")
    pytest.skip(problem + " – Browser-Tests übersprungen")


def login_for(name: str) -> str:
    """The login name the tests give a demo person without an account (``Aylin Demir`` → ``test.aylin.demir``)."""
    return "test." + re.sub(r"[^a-z0-9]+", ".", name.lower()).strip(".")


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    sessions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # login → session cookies

    def _call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read().decode(errors='replace')}") from None

    def token(self, login: str) -> str:
        """An API token of the account (signed in once with its password; kept for the package)."""
        if login not in self.tokens:
            request = urllib.request.Request(
                self.url + "/api/session",
                data=json.dumps({"login": login, "password": self.password(login)}).encode(),
                method="POST",
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                me = json.loads(response.read())
                cookies = "; ".join(header.split(";", 1)[0] for header in response.headers.get_all("Set-Cookie") or [])
            created = self._call(
                "POST",
                "/api/tokens",
                {"label": "Browser-Tests"},
                {"Cookie": cookies, "X-CSRF-Token": me["csrf_token"]},
            )
            self.tokens[login] = created["token"]
        return self.tokens[login]

    def password(self, login: str) -> str:
        return self.passwords.get(login, DEMO_PASSWORD)

    def get(self, path: str, login: str = ORGANISER) -> Any:
        return self._call("GET", path, headers={"Authorization": f"Bearer {self.token(login)}"})

    def send(self, method: str, path: str, body: dict[str, Any], login: str = ORGANISER) -> Any:
        return self._call(method, path, body, {"Authorization": f"Bearer {self.token(login)}"})

    def person(self, name: str) -> str:
        """The id of a demo person by name."""
        for person in self.get("/api/people"):
            if person["name"] == name:
                return str(person["id"])
        raise LookupError(name)

    def account(self, name: str) -> str:
        """The login of a demo person; one without an account gets one (made by the organiser)."""
        if name in DEMO_LOGINS:
            return DEMO_LOGINS[name]
        login = login_for(name)
        if login not in self.passwords:
            body = {"person_id": self.person(name), "login": login, "password": TEST_PASSWORD}
            self.send("POST", "/api/accounts", body)
            self.passwords[login] = TEST_PASSWORD
        return login


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The real server with the demo data, on a fresh database and a free port."""
    _require_browser()
    folder = tmp_path_factory.mktemp("browser-server")
    port = free_port()
    log = folder / "server.log"
    env = {**os.environ, "SOZIALKONFERENZ_DATABASE_URL": f"sqlite:///{folder / 'store.db'}"}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--demo", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    running = RunningServer(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"Server beendet mit {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                if running.get("/api/health")["status"] == "ok":
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("Server nicht rechtzeitig bereit:\n" + log.read_text(errors="replace")[-3000:])
            time.sleep(0.25)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="package")
def browser(server: RunningServer) -> Iterator[Any]:
    """Chromium for this package only: Playwright's sync API keeps an event loop running on the
    main thread until it stops, which would break every asyncio test after it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def sign_in(context: Any, server: RunningServer, login: str, *, fresh: bool = False) -> None:
    """Sign the browser context in (the request shares the context's cookies, so its pages are signed in).

    Contexts of the same login share one session (checking a password costs a third of a second);
    ``fresh`` signs in anew, for a test that ends its session.
    """
    if not fresh and login in server.sessions:
        context.add_cookies(server.sessions[login])
        return
    response = context.request.post(
        server.url + "/api/session", data={"login": login, "password": server.password(login)}
    )
    assert response.ok, f"Anmeldung als {login} fehlgeschlagen: {response.status} {response.text()}"
    cookies = [cookie for cookie in context.cookies() if cookie["name"] in ("sk_session", "sk_csrf")]
    assert len(cookies) == 2, f"Sitzungs-Cookies fehlen im Browser: {context.cookies()}"
    if not fresh:
        server.sessions[login] = cookies


@pytest.fixture
def new_page(browser: Any, server: RunningServer, request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """``new_page(login=None, *, person=None, lang="de", fresh=False)``: a page in a fresh browser context.

    Signed in as the account ``login`` (a demo login such as ``moderation``), or as the demo
    person named ``person`` (an account is made for her if she has none), or not at all;
    with ``fresh``, in a session of its own (to end it without ending the others').
    Console errors are collected on ``page.console_errors``. After the test, every page
    opened through this fixture is photographed into tests/output/screenshots.
    """
    contexts: list[Any] = []
    pages: list[Any] = []

    def make(login: str | None = None, *, person: str | None = None, lang: str = "de", fresh: bool = False) -> Any:
        context = browser.new_context(base_url=server.url, locale="de-DE", viewport={"width": 1400, "height": 1000})
        if person is not None:
            login = server.account(person)
        if login is not None:
            sign_in(context, server, login, fresh=fresh)
        init = f"localStorage.setItem('sk.lang', {json.dumps(lang)});"
        # Only once per context: a reload must keep what the page itself stored since.
        once = "if (!sessionStorage.getItem('sk.test')) { sessionStorage.setItem('sk.test', '1'); %s }"
        context.add_init_script(once % init)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        contexts.append(context)
        pages.append(page)
        return page

    yield make
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for number, page in enumerate(pages):
        with contextlib.suppress(Exception):  # a closed page has nothing to show
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{number + 1}.png"), full_page=True)
    for context in contexts:
        context.close()


def check_accessibility(page: Any, context: str = "") -> None:
    """Run axe-core (WCAG 2 A and AA rules) on the page; every violation fails the test."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # not a script tag: the page's CSP refuses inline scripts
    result = page.evaluate(
        "async () => await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })"
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} – " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not violations, f"Barrierefreiheit {context}:\n" + "\n".join(violations)
