"""The partnerships service's rules: organisations, people, partnerships and their visits,
calls and applications."""

from __future__ import annotations

from services.common.store import NothingToApply

__all__ = ["SYSTEM_ACTOR", "NothingToApply"]

SYSTEM_ACTOR = "partnerships-service"
"""The audit trail's actor for what the service does by itself (it reacts to no event yet)."""
