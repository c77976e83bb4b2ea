"""The public values of composition: what goes in, what comes out, what can go wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubgraphSource:
    """One subgraph as composition sees it: its name, routing URL and federation SDL."""

    name: str
    url: str
    sdl: str


@dataclass(frozen=True)
class CompositionError:
    """A reason composition failed, coded like @apollo/composition's errors."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass(frozen=True)
class CompositionResult:
    """Either a supergraph SDL (and no errors) or the errors (and no supergraph)."""

    supergraph_sdl: str | None
    errors: tuple[CompositionError, ...]


class CompositionFailed(Exception):
    """Composition produced errors; `errors` holds every one of them."""

    def __init__(self, errors: tuple[CompositionError, ...]) -> None:
        super().__init__("composition failed:\n" + "\n".join(f"- {e}" for e in errors))
        self.errors = errors


class SubgraphSdlUnavailable(Exception):
    """A subgraph's `_service { sdl }` could not be fetched or was unusable."""

    def __init__(self, name: str, url: str, reason: str) -> None:
        super().__init__(f'subgraph "{name}" at {url}: {reason}')
        self.name = name
        self.url = url
        self.reason = reason
