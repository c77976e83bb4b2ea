"""The "Web console" section of docs/benchmarks.md."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import report_sections

from .pages import Target
from .stats import AIM_MS, Summary, aim_verdicts, median

HEADING = "## Web console: the dashboard and a partnership page in Chromium"


@dataclass(frozen=True)
class Context:
    command: str
    date: str
    machine: list[str]
    targets: list[Target]
    runs: int
    warmup: int
    quiet_below: float
    busy_before: list[float]
    """How busy the machine was before each measured round (100 = one core)."""


def _ms(value: float) -> str:
    if math.isnan(value):
        return "–"
    return f"{value:.0f}"


def results_table(summaries: Sequence[Summary]) -> list[str]:
    header = [
        "page",
        "browser cache",
        "loads",
        "content p50 ms",
        "complete p50 ms",
        "complete p90 ms",
        "complete min–max ms",
        "HTML ms",
        "DOMContentLoaded ms",
        "GraphQL requests",
        "GraphQL start ms",
        "GraphQL ms",
    ]
    rows = [
        [
            s.target,
            s.cache,
            str(s.loads),
            f"**{_ms(s.content_p50)}**",
            _ms(s.complete_p50),
            _ms(s.complete_p90),
            f"{_ms(s.complete_min)}–{_ms(s.complete_max)}",
            _ms(s.html_p50),
            _ms(s.dom_content_loaded_p50),
            f"{s.graphql_requests_p50:g}",
            _ms(s.graphql_start_p50),
            _ms(s.graphql_p50),
        ]
        for s in summaries
    ]
    return report_sections.markdown_table(header, rows)


def aim_lines(summaries: Sequence[Summary]) -> list[str]:
    """The aim judged for each cache state of the dashboard: a returning user's and a first
    visit's."""
    verdicts = [
        f"{s.cache} **{'met' if met else 'not met'}** (median {_ms(s.content_p50)} ms; "
        f"complete with the charts {_ms(s.complete_p50)} ms)"
        for s, met in aim_verdicts(summaries)
    ]
    if not verdicts:
        return []
    return [
        f"- Aim (the dashboard renders with the demo data in under {AIM_MS / 1000:g} s "
        f"locally; judged on content): " + ", ".join(verdicts) + "."
    ]


def contention_lines(busy_before: Sequence[float], quiet_below: float) -> list[str]:
    """How busy other work kept the shared machine before the rounds."""
    if not busy_before:
        return []
    contended = sum(1 for busy in busy_before if busy > quiet_below)
    line = (
        f"- Machine busy before each round (100 = one core): median "
        f"{median(busy_before):.0f} %, highest {max(busy_before):.0f} %"
    )
    if contended:
        line += (
            f"; **{contended} of {len(busy_before)} rounds started above {quiet_below:g} %** "
            "(other work on this shared machine): those loads are pessimistic"
        )
    return [line + "."]


def render(summaries: Sequence[Summary], context: Context) -> str:
    pages = [f"- `{t.path}` ({t.name}): {t.description}" for t in context.targets]
    out = [
        HEADING,
        "",
        "The console as a user opens it: the whole stack as `python -m devstack` runs it "
        "(demo data, the production build of web/ served by the runner), a signed-in officer, "
        "Debian's Chromium headless through Playwright at 1280x800. Each load is a full "
        "navigation; its times are taken in the page: from navigation start to the first "
        "animation frame after the page's main heading and its data are in the document "
        "(**content**), and after what is drawn from the data is too (**complete**: the "
        "dashboard's charts; the same as content on the partnership page), told by a "
        "MutationObserver installed before the console's own scripts run. "
        "**cold**: a new browser profile per load (nothing cached, no service worker: a "
        "first visit); **warm**: the same profile loading the page again (the console's files "
        "from the browser's cache and service worker; the API is asked afresh every time, "
        "as the dashboard asks with `cache-and-network`). HTML and DOMContentLoaded are the "
        "Navigation Timing marks of the same loads; GraphQL start is when the page's first "
        "request to the gateway left, GraphQL ms spans from then to the last response's end "
        "before the content (automatic persisted queries: "
        "a query the gateway has not seen costs a second request).",
        "",
        "```",
        context.command,
        "```",
        "",
        f"Run {context.date}. " + "; ".join(context.machine) + ".",
        "",
        *pages,
        f"- {context.runs} measured loads per page and cache state after {context.warmup} "
        "discarded, pages and cache states interleaved; each round first waits (a while at "
        f"most) for the machine to be less busy than {context.quiet_below:g} % of a core.",
        *aim_lines(summaries),
        *contention_lines(context.busy_before, context.quiet_below),
        "",
        "### Navigation start → content and complete page (ms)",
        "",
        *results_table(summaries),
        "",
    ]
    return "\n".join(out)


def write_section(path: Path, section: str) -> None:
    """Replaces (or appends) this section; other sections and `### Analysis` stay."""
    report_sections.write_section(path, HEADING, section)
