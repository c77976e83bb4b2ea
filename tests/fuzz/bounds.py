"""How much the fuzzing run does: a fixed number of examples per operation from a fixed seed,
so that every run sends the same requests and takes about the same time."""

from __future__ import annotations

import schemathesis

from .hostile import DICTIONARIES, PARAMETERS, TYPE_WIDE

EXAMPLES_PER_OPERATION = 12
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
