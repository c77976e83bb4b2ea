"""The web console in Chromium as a person uses it: signing in, accessibility checks with
axe-core, screenshots, and the page's own errors."""

from __future__ import annotations

import functools
import json
import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from playwright.async_api import Locator, Page, ViewportSize

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
"""Debian's: Playwright cannot download its own browser builds here."""
ARTIFACTS = ROOT / "tests" / "web" / "artifacts"
"""Screenshots for the README (gitignored)."""
AXE_JS = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
"""The console's devDependency; AXE_CORE_JS points elsewhere (a copy outside the repo)."""
MESSAGES = ROOT / "web" / "src" / "i18n" / "messages" / "en.json"
SESSION_KEY = "icld.session"
"""Where the console keeps the signed-in session: the JSON answer of POST /dev/sign-in."""
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 360, "height": 780}
BLOCKING_IMPACTS = ("serious", "critical")
APT_TIMEOUT_S = 1800


class ChromiumUnavailable(Exception):
    """Chromium is missing and this process may not install it."""


def ensure_chromium() -> Path:
    """Debian's chromium, installed with apt-get when missing and we are root."""
    if CHROMIUM.is_file():
        return CHROMIUM
    if os.geteuid() != 0:
        raise ChromiumUnavailable(
            f"{CHROMIUM} is missing and only root may install it: sudo apt-get install chromium"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    wait_for_lock = ["-o", "DPkg::Lock::Timeout=600"]  # another apt-get may be running
    for argv in (
        ["apt-get", *wait_for_lock, "update", "-qq"],
        ["apt-get", *wait_for_lock, "install", "-y", "-qq", "chromium"],
    ):
        result = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=APT_TIMEOUT_S, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}{result.stderr}")
    if not CHROMIUM.is_file():
        raise RuntimeError(f"apt-get installed chromium, but there is no {CHROMIUM}")
    return CHROMIUM


async def sign_in(
    page: Page, role: str, organisation: str | None = None, *, path: str = "/"
) -> dict[str, Any]:
    """Signs in on the console's development sign-in screen as a person does (in English):
    opens `/sign-in?next=<path>`, picks the role and, for a coordinator, the organisation (its
    id or name), presses Sign in and waits until the console has opened `path`.

    The page's context must have the console as its base_url. Returns the session the
    console stored (token, expiresAt, user), e.g. to ask the gateway what a screen should
    show.
    """
    text = english()
    await page.goto(f"/sign-in?{urlencode({'next': path})}")
    await page.get_by_role("radio", name=text[f"role.{role}"], exact=True).check()
    if organisation is not None:
        choice = page.get_by_role("combobox", name=text["signIn.organisation"])
        await choice.select_option(value=await _organisation_id(page, organisation))
    async with page.expect_response(lambda r: r.url.endswith("/dev/sign-in")) as answered:
        await page.get_by_role("button", name=text["signIn.submit"], exact=True).click()
    response = await answered.value
    assert response.ok, f"POST /dev/sign-in: {response.status} {await response.text()}"
    target = urlsplit(urljoin(page.url, path))
    await page.wait_for_url(lambda url: urlsplit(url)[2:4] == target[2:4])
    session: dict[str, Any] = await stored_session(page)
    assert session == await response.json(), "the console stored another session than it got"
    return session


async def sign_in_by_api(
    page: Page, role: str, organisation: str | None = None, *, path: str = "/"
) -> dict[str, Any]:
    """The same session without the screen (for tests about other screens): POST
    /dev/sign-in, store the answer where the console keeps it, open `path`."""
    body: dict[str, str] = {"role": role}
    if organisation is not None:
        body["organisationId"] = await _organisation_id(page, organisation)
    response = await page.request.post("/dev/sign-in", data=body)
    assert response.ok, f"POST /dev/sign-in {body}: {response.status} {await response.text()}"
    session: dict[str, Any] = await response.json()
    await store_session(page, session)
    await page.goto(path)
    return session


async def stored_session(page: Page) -> Any:
    """The session the console keeps in localStorage, or None."""
    raw = await page.evaluate("(key) => localStorage.getItem(key)", SESSION_KEY)
    return None if raw is None else json.loads(raw)


async def store_session(page: Page, session: dict[str, Any] | None) -> None:
    """Puts `session` where the console reads it (None signs out); takes effect on the
    console's next load. An expired one: set its expiresAt in the past."""
    if not page.url.startswith("http"):
        await page.goto("/")  # localStorage belongs to the console's origin
    await page.evaluate(
        """([key, value]) => value === null
            ? localStorage.removeItem(key) : localStorage.setItem(key, value)""",
        [SESSION_KEY, None if session is None else json.dumps(session)],
    )


@functools.cache
def english() -> dict[str, str]:
    """The console's English texts by message id (what the screens say)."""
    messages: dict[str, str] = json.loads(MESSAGES.read_text())
    return messages


async def _organisation_id(page: Page, organisation: str) -> str:
    response = await page.request.get("/dev/sign-in/options")
    assert response.ok, f"GET /dev/sign-in/options: {response.status} {await response.text()}"
    options = (await response.json())["organisations"]
    for option in options:
        if organisation in (option["id"], option["name"]):
            return str(option["id"])
    names = ", ".join(o["name"] for o in options)
    raise AssertionError(f"no organisation {organisation!r} to sign in for; there are: {names}")


def axe_source() -> str:
    path = Path(os.environ.get("AXE_CORE_JS") or AXE_JS)
    if not path.is_file():
        raise FileNotFoundError(
            f"axe-core is not installed at {path}: run `npm ci` in web/ (axe-core is a"
            " devDependency of the console) or set AXE_CORE_JS to an axe.min.js"
        )
    return path.read_text()


async def axe_violations(
    page: Page,
    *,
    impacts: tuple[str, ...] = BLOCKING_IMPACTS,
    options: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now, of the given impacts."""
    if not await page.evaluate("typeof window.axe === 'object'"):
        # Evaluated rather than added as a <script>: a Content-Security-Policy cannot stop it.
        await page.evaluate(axe_source())
    results = await page.evaluate("(options) => window.axe.run(document, options)", options or {})
    return [v for v in results["violations"] if v.get("impact") in impacts]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
            summary = node.get("failureSummary", "").replace("\n", " ").strip()
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


async def assert_accessible(page: Page, what: str = "", **kwargs: Any) -> None:
    """No serious or critical axe-core violations on the page as it is now."""
    violations = await axe_violations(page, **kwargs)
    assert not violations, (
        f"{what or page.url}: {len(violations)} serious/critical accessibility violations:\n"
        + describe_violations(violations)
    )


async def screenshot(
    page: Page, name: str, *, directory: Path = ARTIFACTS, full_page: bool = True
) -> Path:
    """Saves `<directory>/<name>-<desktop|phone>.png` and returns its path."""
    viewport = page.viewport_size
    phone = viewport is not None and viewport["width"] < DESKTOP["width"] // 2
    path = directory / f"{name}-{'phone' if phone else 'desktop'}.png"
    # From the top: a full-page capture of a scrolled page draws the fixed header and menu
    # where the viewport was, over the middle of the content. Playwright creates the folder.
    await page.evaluate("window.scrollTo(0, 0)")
    await page.screenshot(path=str(path), full_page=full_page)
    return path


def page_errors(page: Page) -> list[str]:
    """A list that fills with the page's uncaught errors from now on."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error.name}: {error.message}"))
    return errors


async def session_of(page: Page, role: str) -> dict[str, Any]:
    """Another user's session, to ask the API, without signing the page's user out."""
    response = await page.request.post("/dev/sign-in", data={"role": role})
    assert response.ok, await response.text()
    session: dict[str, Any] = await response.json()
    return session


async def horizontal_overflow(page: Page) -> int:
    """How far the page scrolls sideways, in CSS pixels (0: it does not)."""
    overflow: int = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return overflow


async def tab_to(page: Page, target: Locator, limit: int = 200) -> None:
    """Presses Tab until `target` has the focus, as a keyboard user moves through a page."""
    for _ in range(limit):
        if await target.evaluate("(element) => element === document.activeElement"):
            return
        await page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")
