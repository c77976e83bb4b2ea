"""How much the fuzzing run does: a fixed number of examples per operation from a fixed seed,
so that every run sends the same requests and takes about the same time."""

from __future__ import annotations

import schemathesis

from .hostile import DICTIONARIES, PARAMETERS, TYPE_WIDE

EXAMPLES_PER_OPERATION = 15
"""For each caller (a viewer, an officer): 30 requests per operation, 3 000 in all, about
1.5 minutes with the platform's start on an idle 2-core machine (measured: 69 s with 12)."""
SEED = 12

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "request-timeout": 60,
        "dictionaries": DICTIONARIES,
        "parameters": PARAMETERS,
        "generation": {
            "mode": "all",
            "max-examples": EXAMPLES_PER_OPERATION,
            "deterministic": True,
            "database": "none",
            # A failing example is reported as generated: shrinking it would send an unbounded
            # number of further requests.
            "no-shrink": True,
            "dictionaries": TYPE_WIDE,
        },
    }
)
