"""The pages measured and what "content" means on each: the page's main heading and its data
rendered, told by elements the page draws only once the data has arrived; "complete" adds
what is drawn from the data besides (the dashboard's charts, whose code loads alongside)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    selectors: tuple[str, ...] = ()
    """Elements that must all be in the document."""
    heading: str | None = None
    """The text the page's `<main>` h1 must have (None: any)."""
    drawn: tuple[str, ...] = ()
    """Elements that must also be there for the page to be complete."""
    description: str = field(default="", compare=False)

    def content_spec(self) -> dict[str, Any]:
        """What the page's init script waits for (JSON: no code is evaluated in the page)."""
        return {
            "selectors": list(self.selectors),
            "heading": self.heading,
            "drawn": list(self.drawn),
        }


def dashboard() -> Target:
    return Target(
        name="dashboard",
        path="/",
        selectors=(
            "main h1",
            '[data-testid="figure-partnerships"]',
            '[data-testid="figure-reportsDue"]',
            'section[aria-labelledby="dashboard-by-theme"] a',
            'section[aria-labelledby="dashboard-compliance"] tbody tr',
        ),
        drawn=(
            'section[aria-labelledby="dashboard-by-status"] .recharts-surface',
            'section[aria-labelledby="dashboard-by-country"] .recharts-surface',
            'section[aria-labelledby="dashboard-by-theme"] .recharts-surface',
        ),
        description="content: the figures, the charts' legends and the compliance list of "
        "active partnerships; complete: the three charts drawn as well",
    )


def partnership_page(partnership_id: str, title: str) -> Target:
    return Target(
        name="partnership page",
        path=f"/partnerships/{partnership_id}",
        heading=title,
        description=f"its title ({title}) as the h1, drawn once the page's query has answered",
    )
