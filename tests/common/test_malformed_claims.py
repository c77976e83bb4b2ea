"""A correctly signed token with malformed claims, sent to a service: a clear
`UNAUTHENTICATED` in GraphQL's shape (it was a plain-text 500, and `{"admin": true}` made
the caller an admin)."""

from __future__ import annotations

import jwt
import pytest

from services.partnerships.service import SPEC as PARTNERSHIPS

from ..support.services import running_service

FAR_FUTURE = 4102444800
CREATE = """mutation {
  createOrganisation(input: {name: "Kibaha", kind: MUNICIPALITY, country: "TZ"}) {
    organisation { id }
  }
}"""
MALFORMED_ROLES = (
    "invalid token: the 'roles' claim must be a list of role names "
    "(admin, officer, coordinator, viewer, researcher, advisor)"
)


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({"roles": 5}, MALFORMED_ROLES),
        ({"roles": [["admin"]]}, MALFORMED_ROLES),
        ({"roles": {"admin": True}}, MALFORMED_ROLES),
        ({"roles": "admin"}, MALFORMED_ROLES),
        (
            {"roles": ["coordinator"], "org": ["org-1"]},
            "invalid token: the 'org' claim must be an organisation id (a string)",
        ),
    ],
    ids=["number", "nested-list", "object", "string", "org-list"],
)
async def test_a_service_refuses_malformed_claims(
    mongo_url: str, broker_url: str, unique: str, claims: dict[str, object], message: str
) -> None:
    async with running_service(PARTNERSHIPS, mongo_url, broker_url, f"test-{unique}") as service:
        token = jwt.encode(
            {
                "sub": "x",
                "exp": FAR_FUTURE,
                "iss": service.settings.jwt_issuer,
                "aud": service.settings.jwt_audience,
                **claims,
            },
            service.settings.jwt_secret,
        )
        response = await service.http.post(
            "/graphql",
            json={"query": CREATE},
            headers={"authorization": f"Bearer {token}"},
        )
        organisations = await service.graphql("{ organisations { totalCount } }")
    assert response.headers["content-type"].startswith("application/json"), response.text
    errors = response.json()["errors"]
    assert [(e["message"], e["extensions"]["code"]) for e in errors] == [
        (message, "UNAUTHENTICATED")
    ]
    assert organisations["data"] == {"organisations": {"totalCount": 0}}
