"""Loads of a page in Chromium, timed by the page itself: navigation start → the first frame
after the content (and then the complete page) is in the document (a MutationObserver set up
before any of the console's scripts runs), with the Navigation and Resource Timing of the
same load."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Browser, BrowserContext, Page, StorageState

from tests.support.browser import DESKTOP, SESSION_KEY

from .pages import Target

CONTENT_KEY = "bench.content"
"""localStorage key of the content spec the init script reads."""
CONTENT_TIMEOUT_MS = 30_000

WATCH_CONTENT = """
(() => {
  const raw = localStorage.getItem(__CONTENT_KEY__);
  if (raw === null) return;
  const spec = JSON.parse(raw);
  const present = (selectors) =>
    selectors.every((selector) => document.querySelector(selector) !== null);
  const content = () =>
    present(spec.selectors) &&
    (spec.heading === null ||
      document.querySelector("main h1")?.textContent?.trim() === spec.heading);
  // The frame that paints it: the first animation frame after it is in the DOM.
  const painted = (mark) => requestAnimationFrame(() => { window[mark] = performance.now(); });
  let shown = false;
  const observer = new MutationObserver(() => {
    if (!shown && content()) { shown = true; painted("__benchContentAt"); }
    if (shown && present(spec.drawn)) { observer.disconnect(); painted("__benchCompleteAt"); }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
})();
""".replace("__CONTENT_KEY__", json.dumps(CONTENT_KEY))

COLLECT = """
(gateway) => {
  const content = window.__benchContentAt;
  const complete = window.__benchCompleteAt;
  const navigation = performance.getEntriesByType("navigation")[0];
  const graphql = performance.getEntriesByType("resource")
    .filter((e) => e.name.startsWith(gateway) && e.responseEnd <= content);
  return {
    content,
    complete,
    html: navigation.responseEnd,
    domContentLoaded: navigation.domContentLoadedEventEnd,
    graphqlRequests: graphql.length,
    graphqlFirstStart: graphql.length ? Math.min(...graphql.map((e) => e.startTime)) : null,
    graphqlLastEnd: graphql.length ? Math.max(...graphql.map((e) => e.responseEnd)) : null,
  };
}
"""


@dataclass(frozen=True)
class Load:
    target: str
    cache: str
    """"cold" (a new browser profile) or "warm" (the same profile, files cached)."""
    content_ms: float
    """Navigation start → the heading and the data shown."""
    complete_ms: float
    """Navigation start → also what is drawn from the data (the same where nothing is)."""
    html_ms: float
    dom_content_loaded_ms: float
    graphql_requests: int
    graphql_start_ms: float | None
    """When the first GraphQL request started."""
    graphql_ms: float | None
    """First GraphQL request's start to the last response's end, before the content."""


def storage(console_url: str, session: dict[str, Any], target: Target) -> StorageState:
    """A signed-in profile that watches for `target`'s content."""
    return {
        "cookies": [],
        "origins": [
            {
                "origin": console_url,
                "localStorage": [
                    {"name": SESSION_KEY, "value": json.dumps(session)},
                    {"name": CONTENT_KEY, "value": json.dumps(target.content_spec())},
                    {"name": "icld.locale", "value": "en"},
                ],
            }
        ],
    }


async def new_profile(
    browser: Browser, console_url: str, session: dict[str, Any], target: Target
) -> BrowserContext:
    context = await browser.new_context(
        viewport=DESKTOP,
        base_url=console_url,
        storage_state=storage(console_url, session, target),
    )
    await context.add_init_script(WATCH_CONTENT)
    return context


async def load(page: Page, target: Target, cache: str, gateway_url: str) -> Load:
    """Opens `target` as a fresh navigation and waits for its content."""
    await page.goto(target.path, wait_until="commit")
    await page.wait_for_function(
        "() => window.__benchCompleteAt !== undefined", timeout=CONTENT_TIMEOUT_MS
    )
    found: dict[str, Any] = await page.evaluate(COLLECT, gateway_url)
    first, last = found["graphqlFirstStart"], found["graphqlLastEnd"]
    return Load(
        target=target.name,
        cache=cache,
        content_ms=found["content"],
        complete_ms=found["complete"],
        html_ms=found["html"],
        dom_content_loaded_ms=found["domContentLoaded"],
        graphql_requests=found["graphqlRequests"],
        graphql_start_ms=first,
        graphql_ms=None if first is None or last is None else last - first,
    )


async def cold_load(
    browser: Browser, console_url: str, session: dict[str, Any], target: Target, gateway_url: str
) -> Load:
    """A first visit: a new profile, nothing cached, no service worker."""
    context = await new_profile(browser, console_url, session, target)
    try:
        return await load(await context.new_page(), target, "cold", gateway_url)
    finally:
        await context.close()
