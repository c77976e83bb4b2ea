"""The gateway's command line.

python -m gateway --supergraph FILE [--host H] [--port N] [--subgraph-url NAME=URL[,URL…]]…
python -m gateway --subgraph NAME=URL[,URL…] [--subgraph …] [--host H] [--port N]
python -m gateway compose --subgraph NAME=URL [--subgraph …] > supergraph.graphql
python -m gateway plan --supergraph FILE QUERY.graphql [--operation NAME] [--variables JSON]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import uvloop

from services.common.logging import configure_logging
from services.common.settings import (
    InsecureSettings,
    refuse_development_subgraph_secret,
    refuse_development_tokens,
)
from services.common.tracing import configure_tracing, not_sampled
from services.common.tracing import enabled as tracing_enabled

from .settings import GatewaySettings

EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["compose"]:
        return _compose(args[1:])
    if args[:1] == ["plan"]:
        return _plan(args[1:])
    return _serve(args)


def _subgraph(text: str) -> tuple[str, list[str]]:
    name, sep, urls = text.partition("=")
    replicas = [u.strip() for u in urls.split(",") if u.strip()]
    if not sep or not name.strip() or not replicas:
        raise argparse.ArgumentTypeError(f"expected NAME=URL[,URL…], got {text!r}")
    for url in replicas:
        if not url.startswith(("http://", "https://")):
            raise argparse.ArgumentTypeError(f"not an http(s) URL: {url!r}")
    return name.strip(), replicas


def _unique(
    parser: argparse.ArgumentParser, subgraphs: list[tuple[str, list[str]]]
) -> dict[str, list[str]]:
    urls: dict[str, list[str]] = {}
    for name, replicas in subgraphs:
        if name in urls:
            parser.error(f"subgraph {name!r} given twice")
        urls[name] = replicas
    return urls


def _serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gateway",
        description="Apollo Federation v2 router. See `python -m gateway compose --help` to "
        "print a composed supergraph and `python -m gateway plan --help` to print an "
        "operation's query plan instead of serving.",
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--supergraph", metavar="FILE", help="serve this supergraph SDL")
    where.add_argument(
        "--subgraph",
        metavar="NAME=URL[,URL…]",
        type=_subgraph,
        action="append",
        help="compose from these subgraphs (replicas comma-separated); re-composes on change",
    )
    parser.add_argument(
        "--subgraph-url",
        metavar="NAME=URL[,URL…]",
        type=_subgraph,
        action="append",
        default=[],
        help="with --supergraph: replica URLs of a subgraph instead of the supergraph's",
    )
    parser.add_argument("--host", help="listen address (GATEWAY_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="listen port (GATEWAY_PORT, default 4000)")
    parser.add_argument(
        "--poll-interval",
        type=float,
        metavar="S",
        help="seconds between subgraph SDL polls (GATEWAY_POLL_INTERVAL_S, default 10)",
    )
    args = parser.parse_args(argv)
    if args.subgraph and args.subgraph_url:
        parser.error("--subgraph-url goes with --supergraph; --subgraph takes replicas itself")
    flags = {"host": args.host, "port": args.port, "poll_interval_s": args.poll_interval}
    overrides: dict[str, Any] = {k: v for k, v in flags.items() if v is not None}
    settings = GatewaySettings(**overrides)
    configure_logging("gateway", settings.log_level, settings.log_format)
    configure_tracing(settings.otel_service_name, settings.otel_exporter_otlp_endpoint)
    try:
        refuse_development_tokens(settings.token_settings())
        refuse_development_subgraph_secret(settings.environment, settings.subgraph_secret)
    except InsecureSettings as exc:
        sys.stderr.write(f"gateway: refusing to start: {exc}\n")
        return EXIT_USAGE

    # Imported once the arguments are known good: `--help` stays instant.
    from .server.serve import serve
    from .server.sources import ComposedSupergraph, StaticSupergraph, SupergraphSource

    source: SupergraphSource
    if args.supergraph:
        try:
            sdl = Path(args.supergraph).read_text()
        except OSError as exc:
            sys.stderr.write(f"gateway: cannot read {args.supergraph}: {exc.strerror}\n")
            return EXIT_USAGE
        source = StaticSupergraph(sdl)
        urls = _unique(parser, args.subgraph_url)
    else:
        urls = _unique(parser, args.subgraph)
        # The SDL polls are not traced: traced, each would be a trace in every subgraph.
        quiet = not_sampled() if tracing_enabled() else {}
        source = ComposedSupergraph(
            urls, settings.poll_interval_s, {**settings.subgraph_headers, **quiet}
        )
    return uvloop.run(serve(settings, source, subgraph_urls=urls))


def _compose(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gateway compose",
        description="Print the supergraph composed from the subgraphs' `_service { sdl }`.",
    )
    parser.add_argument(
        "--subgraph", metavar="NAME=URL", type=_subgraph, action="append", required=True
    )
    urls = _unique(parser, parser.parse_args(argv).subgraph)

    from .composition import SubgraphSdlUnavailable, SubgraphSource, compose, fetch_subgraph_sdl

    headers = GatewaySettings().subgraph_headers

    async def fetch_all() -> list[SubgraphSource | BaseException]:
        fetches = (
            fetch_subgraph_sdl(name, replicas[0], headers=headers)
            for name, replicas in urls.items()
        )
        return list(await asyncio.gather(*fetches, return_exceptions=True))

    sources: list[SubgraphSource] = []
    unavailable = False
    for fetched in asyncio.run(fetch_all()):
        if isinstance(fetched, SubgraphSdlUnavailable):
            sys.stderr.write(f"SUBGRAPH_SDL_UNAVAILABLE: {fetched}\n")
            unavailable = True
        elif isinstance(fetched, BaseException):
            raise fetched
        else:
            sources.append(fetched)
    if unavailable:
        return EXIT_USAGE
    result = compose(sources)
    if result.supergraph_sdl is None:
        for error in result.errors:
            sys.stderr.write(f"{error}\n")
        return EXIT_USAGE
    sys.stdout.write(result.supergraph_sdl.rstrip("\n") + "\n")
    return 0


def _plan(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gateway plan",
        description="Print the query plan of an operation over a supergraph (no subgraph "
        "is contacted). @skip/@include are decided by the variables; labelled @override "
        "progressions are off unless named with --override-label.",
    )
    parser.add_argument("--supergraph", metavar="FILE", required=True)
    parser.add_argument("query", metavar="QUERY.graphql", help="the client document")
    parser.add_argument("--operation", metavar="NAME", help="the operation to plan")
    parser.add_argument(
        "--variables", metavar="JSON", default="{}", help="the operation's variables"
    )
    parser.add_argument(
        "--override-label",
        metavar="LABEL",
        action="append",
        default=[],
        help="an @override label to plan as active",
    )
    args = parser.parse_args(argv)
    try:
        variables = json.loads(args.variables)
    except ValueError as exc:
        return _usage_error(f"--variables is not JSON: {exc}")
    if not isinstance(variables, dict):
        return _usage_error("--variables must be a JSON object")
    texts: list[str] = []
    for path in (args.supergraph, args.query):
        try:
            texts.append(Path(path).read_text())
        except OSError as exc:
            return _usage_error(f"cannot read {path}: {exc.strerror}")

    from graphql import GraphQLError, parse
    from graphql.execution.values import get_variable_values

    from .engine.overrides import Overrides
    from .engine.prepared import prepare
    from .planner import PlanningError, build_plan, normalize
    from .planner.printer import print_plan
    from .supergraph import SupergraphError, load_supergraph

    try:
        supergraph = load_supergraph(texts[0])
    except SupergraphError as exc:
        return _usage_error(str(exc))
    try:
        document = parse(texts[1])
    except GraphQLError as exc:
        return _usage_error(f"{args.query}: {exc}")
    prepared = prepare(supergraph.api_schema, document, args.operation)
    if isinstance(prepared, list):
        return _usage_error("\n".join(str(e["message"]) for e in prepared))
    coerced = get_variable_values(
        supergraph.api_schema, prepared.operation.variable_definitions or (), variables
    )
    if isinstance(coerced, list):
        return _usage_error("\n".join(e.message for e in coerced))
    overrides = Overrides(supergraph)
    unknown = set(args.override_label) - set(overrides.labels)
    if unknown:
        return _usage_error(f"no @override has the label(s) {', '.join(sorted(unknown))}")
    decisions = prepared.conditions.decide(variables, prepared.variable_defaults)
    try:
        plan = build_plan(
            supergraph,
            prepared.kind,
            prepared.operation.name.value if prepared.operation.name else None,
            normalize(prepared.operation, prepared.fragments, decisions),
            prepared.variable_definitions,
            overrides.disabled(frozenset(args.override_label)),
        )
    except PlanningError as exc:
        return _usage_error(f"QUERY_PLANNING_FAILED: {exc}")
    sys.stdout.write(print_plan(plan))
    return 0


def _usage_error(message: str) -> int:
    sys.stderr.write(f"gateway plan: {message}\n")
    return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
