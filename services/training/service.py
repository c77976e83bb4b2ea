"""The training service as the runtime sees it."""

from __future__ import annotations

from services.common.service import ServiceSpec

from . import repositories
from .api.schema import schema
from .handlers import handlers

SPEC = ServiceSpec.declare("training", 4003, schema, repositories, handlers)
