"""The finance service as the runtime sees it."""

from __future__ import annotations

from services.common.service import ServiceSpec

from . import repositories
from .api.schema import schema
from .handlers import handlers

SPEC = ServiceSpec.declare("finance", 4004, schema, repositories, handlers)
