"""What the user sees once everything is ready."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from services.common.auth import Role
from services.common.gateway_credential import HEADER
from services.common.settings import Settings
from services.common.tokens import mint

from .services import Endpoint
from .urls import redact

CONSOLE_LABEL = "Web console"
READY_LINE = "devstack: ready"
"""The last line printed once everything answers; tests and scripts wait for it."""


def render(
    *,
    gateways: Sequence[Endpoint],
    console_url: str | None,
    console_note: str,
    services: Sequence[Endpoint],
    mongodb_url: str,
    mongo_data_dir: Path | None,
    amqp_url: str,
    rabbitmq_started_here: bool,
    log_dir: Path,
) -> str:
    lines = ["", "ICLD platform is running", ""]
    if gateways:
        lines += [f"  {f'GraphQL ({g.label})':<18} {g.graphql}" for g in gateways]
    else:
        lines.append("  GraphQL            no gateway yet: each service's /graphql below")
    if console_url is not None:
        lines += [f"  {CONSOLE_LABEL:<18} {console_url}", f"  {'':<18} {console_note}"]
    else:
        lines.append(f"  {CONSOLE_LABEL:<18} {console_note}")
    lines += [
        "",
        f"  Services' /graphql answer only the gateway (the {HEADER} header);",
        "  their health and metrics answer anyone.",
    ]
    for endpoint in services:
        lines += [
            f"  {endpoint.label:<18} {endpoint.graphql}",
            f"  {'':<18} {endpoint.ready}",
            f"  {'':<18} {endpoint.metrics}",
        ]
    mongo_note = f"nx-27017, data in {mongo_data_dir}" if mongo_data_dir else "from MONGODB_URL"
    rabbitmq_note = (
        "started here, stopped on exit" if rabbitmq_started_here else "left running on exit"
    )
    lines += [
        "",
        f"  MongoDB            {redact(mongodb_url)} ({mongo_note})",
        f"  RabbitMQ           {redact(amqp_url)} ({rabbitmq_note})",
        f"  Logs               {log_dir}",
        "",
        *_tokens(),
        "",
        "Press Ctrl-C to stop.",
        READY_LINE,
    ]
    return "\n".join(lines)


def _tokens() -> list[str]:
    settings = Settings()
    try:
        officer = mint(settings, Role.OFFICER)
        admin = mint(settings, Role.ADMIN)
    except RuntimeError as exc:  # JWT_PUBLIC_KEY is set: tokens come from the real issuer
        return [f"  Tokens             none: {exc}"]
    return [
        "  Development tokens (send as 'Authorization: Bearer <token>', valid 12 h):",
        f"  officer            {officer}",
        f"  admin              {admin}",
        "  others             .venv/bin/python -m services.common.tokens coordinator --org <id>",
        "                     (roles: admin, officer, coordinator, viewer)",
    ]
