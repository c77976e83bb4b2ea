"""`python -m devstack`: runs the whole platform locally until Ctrl-C (see scripts/run.sh)."""

from __future__ import annotations

import argparse
import sys

from .runner import run


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="devstack", description=__doc__)
    parser.add_argument("--no-demo", action="store_true", help="do not load the demo data")
    parser.add_argument(
        "--replicas",
        metavar="NAME=N[,NAME=N…]",
        help="replicas of services and the gateway, e.g. finance=3,partnerships=2,gateway=2"
        " (DEVSTACK_REPLICAS; one of each by default)",
    )
    args = parser.parse_args(argv)
    return run(with_demo=not args.no_demo, replicas=args.replicas)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
