"""Each overlay rendered once per session."""

from __future__ import annotations

import pytest

from .manifests import KUSTOMIZE_ROOT, OVERLAYS, Manifests, render


@pytest.fixture(scope="session")
def rendered() -> dict[str, Manifests]:
    return {name: Manifests(name, render(KUSTOMIZE_ROOT / "overlays" / name)) for name in OVERLAYS}


@pytest.fixture(params=OVERLAYS)
def manifests(request: pytest.FixtureRequest, rendered: dict[str, Manifests]) -> Manifests:
    overlay: str = request.param
    return rendered[overlay]
