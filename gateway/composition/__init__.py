"""Apollo-compatible Federation 2 composition: subgraph SDLs -> supergraph SDL."""

from .compose import compose
from .poller import SupergraphPoller
from .public_types import (
    CompositionError,
    CompositionFailed,
    CompositionResult,
    SubgraphSdlUnavailable,
    SubgraphSource,
)
from .sdl_fetching import fetch_subgraph_sdl

__all__ = [
    "CompositionError",
    "CompositionFailed",
    "CompositionResult",
    "SubgraphSdlUnavailable",
    "SubgraphSource",
    "SupergraphPoller",
    "compose",
    "fetch_subgraph_sdl",
]
