"""The pages measured and what "content" means on each: the page's main heading and its data
rendered, told by elements the page draws only once the data has arrived."""

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
    description: str = field(default="", compare=False)

    def content_spec(self) -> dict[str, Any]:
        """What the page's init script waits for (JSON: no code is evaluated in the page)."""
        return {"selectors": list(self.selectors), "heading": self.heading}


def dashboard() -> Target:
    return Target(
        name="dashboard",
        path="/",
        selectors=(
            "main h1",
            '[data-testid="figure-partnerships"]',
            '[data-testid="figure-reportsDue"]',
            ".recharts-surface",
            'section[aria-labelledby="dashboard-compliance"] tbody tr',
        ),
        description="figures, the three charts and the compliance list of active partnerships",
    )


def partnership_page(partnership_id: str, title: str) -> Target:
    return Target(
        name="partnership page",
        path=f"/partnerships/{partnership_id}",
        heading=title,
        description=f"its title ({title}) as the h1, drawn once the page's query has answered",
    )
