"""The development sign-in: pick a role (and, as a coordinator or researcher, an
organisation; as an advisor, the person one is) and get a token minted with the development
secret. Mounted only when the settings allow it
(`ConsoleSettings.dev_sign_in`), which they never do in a production configuration."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import jwt
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from services.common.auth import Role
from services.common.tokens import mint

from .directory import Directory, DirectoryUnavailable
from .settings import ConsoleSettings

NO_STORE = {"Cache-Control": "no-store"}
ROLES = [role.value for role in Role]
ORGANISATION_ROLES = frozenset({Role.COORDINATOR, Role.RESEARCHER})
"""They act for an organisation: the token carries it (`org`)."""
PERSON_ROLES = frozenset({Role.ADVISOR})
"""They act as themselves: the token's subject is their person id (a reviewer's, as the
training service checks it)."""


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=NO_STORE)


def routes(settings: ConsoleSettings) -> list[Route]:
    """GET /dev/sign-in/options, GET /dev/sign-in/people?organisationId=… and POST
    /dev/sign-in. Checks the production rule again
    itself: whoever mounts these cannot skip it."""
    if not settings.dev_sign_in or (reason := settings.production_reason):
        raise RuntimeError(f"the development sign-in is not allowed here ({reason or 'off'})")
    directory = Directory(settings.gateway_url, settings.tokens)

    async def options(_request: Request) -> JSONResponse:
        try:
            organisations = await directory.organisations()
        except DirectoryUnavailable as exc:
            return error(502, f"cannot list the organisations: {exc}")
        return JSONResponse({"organisations": organisations}, headers=NO_STORE)

    async def people(request: Request) -> JSONResponse:
        organisation_id = request.query_params.get("organisationId", "")
        if not organisation_id:
            return error(400, "give organisationId")
        try:
            found = await directory.people(organisation_id)
        except DirectoryUnavailable as exc:
            return error(502, f"cannot list the people: {exc}")
        return JSONResponse({"people": found}, headers=NO_STORE)

    async def sign_in(request: Request) -> JSONResponse:
        # JSON only: a cross-site form cannot send it without a CORS preflight, which this
        # server never grants, so no other site can sign a visitor in.
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return error(415, "send JSON with Content-Type: application/json")
        try:
            body: Any = await request.json()
        except ValueError:
            return error(400, "the body is not JSON")
        if not isinstance(body, dict):
            return error(400, 'send {"role": ..., "organisationId": ...}')
        raw_role = body.get("role")
        if raw_role not in ROLES:
            return error(400, f"role must be one of {', '.join(ROLES)}, not {raw_role!r}")
        role = Role(raw_role)
        organisation = person = None
        if role in ORGANISATION_ROLES:
            organisation_id = body.get("organisationId")
            if not isinstance(organisation_id, str) or not organisation_id:
                return error(
                    400, f"a {role.value} signs in for an organisation: give organisationId"
                )
            try:
                organisation = await directory.organisation(organisation_id)
            except DirectoryUnavailable as exc:
                return error(502, f"cannot look the organisation up: {exc}")
            if organisation is None:
                return error(400, f"there is no organisation with id {organisation_id!r}")
        if role in PERSON_ROLES:
            person_id = body.get("personId")
            if not isinstance(person_id, str) or not person_id:
                return error(400, f"an {role.value} signs in as a person: give personId")
            try:
                person = await directory.person(person_id)
            except DirectoryUnavailable as exc:
                return error(502, f"cannot look the person up: {exc}")
            if person is None:
                return error(400, f"there is no person with id {person_id!r}")
        return JSONResponse(_session(settings, role, organisation, person), headers=NO_STORE)

    return [
        Route("/dev/sign-in/options", options, methods=["GET"]),
        Route("/dev/sign-in/people", people, methods=["GET"]),
        Route("/dev/sign-in", sign_in, methods=["POST"]),
    ]


def _session(
    settings: ConsoleSettings,
    role: Role,
    organisation: dict[str, str] | None,
    person: dict[str, str] | None,
) -> dict[str, Any]:
    org = organisation["id"] if organisation else None
    sub = person["id"] if person else f"dev-{role.value}" + (f"-{org}" if org else "")
    of = person or organisation
    name = f"Development {role.value}" + (f" ({of['name']})" if of else "")
    token = mint(settings.tokens, role, sub=sub, org=org, ttl=settings.token_ttl)
    # The expiry exactly as the token states it (whole seconds), not as computed here.
    expires = jwt.decode(token, options={"verify_signature": False})["exp"]
    return {
        "token": token,
        "expiresAt": datetime.fromtimestamp(expires, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "user": {"sub": sub, "name": name, "roles": [role.value], "org": org},
    }
