"""The partnerships service as the runtime sees it."""

from __future__ import annotations

from services.common.service import ServiceSpec

from .api.schema import schema
from .handlers import handlers
from .repositories import COLLECTIONS, INDEXES, Repositories, repositories

SPEC: ServiceSpec[Repositories] = ServiceSpec(
    name="partnerships",
    default_port=4001,
    schema=schema,
    repositories=repositories,
    aggregate_collections=COLLECTIONS,
    indexes=INDEXES,
    handlers=handlers,
)
