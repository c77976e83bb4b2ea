"""Mints development tokens signed with the configured secret.

python -m services.common.tokens officer
python -m services.common.tokens coordinator --org <organisation id> --sub anna
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta

import jwt

from .auth import Role
from .settings import Settings


def mint(
    settings: Settings,
    role: Role,
    *,
    sub: str | None = None,
    org: str | None = None,
    ttl: timedelta = timedelta(hours=12),
) -> str:
    if settings.jwt_public_key:
        raise RuntimeError("tokens can be minted only with a shared secret (JWT_SECRET)")
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "sub": sub or f"dev-{role.value}",
        "roles": [role.value],
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl,
    }
    if org:
        claims["org"] = org
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithms[0])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tokens", description=__doc__)
    parser.add_argument("role", choices=[r.value for r in Role])
    parser.add_argument("--org", help="organisation id (coordinators)")
    parser.add_argument("--sub", help="subject; defaults to dev-<role>")
    parser.add_argument("--hours", type=float, default=12)
    args = parser.parse_args(argv)
    token = mint(
        Settings(), Role(args.role), sub=args.sub, org=args.org, ttl=timedelta(hours=args.hours)
    )
    sys.stdout.write(token + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
