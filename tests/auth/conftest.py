"""A real OpenID Connect provider (tools/oidc-provider) for the session's auth tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.oidc import OidcProvider, oidc_provider


@pytest.fixture(scope="session")
def oidc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """The platform's identity provider: `OIDC_ISSUER` is its `issuer`."""
    with oidc_provider(tmp_path_factory.mktemp("oidc")) as provider:
        yield provider


@pytest.fixture(scope="session")
def other_oidc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """Another provider (same client and audience) the platform does not trust."""
    with oidc_provider(tmp_path_factory.mktemp("other-oidc")) as provider:
        yield provider
