"""Apollo-compatible Federation 2 composition: subgraph SDLs -> supergraph SDL."""

from .compose import compose
from .fetching import fetch_subgraph_sdl
from .model import (
    CompositionError,
    CompositionFailed,
    CompositionResult,
    SubgraphSdlUnavailable,
    SubgraphSource,
)
from .poller import SupergraphPoller

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
