"""The append-only audit trail every aggregate keeps of its changes (who, when, from → to)."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from pydantic import BaseModel, ConfigDict, Field

from .store import Aggregate


class AuditEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    actor: str
    action: str
    from_status: str | None = None
    to_status: str | None = None
    note: str | None = None
    version: int


class Audited(Aggregate):
    """An aggregate whose changes are recorded; entries are only ever appended."""

    audit: list[AuditEntry] = Field(default_factory=list)

    def record(
        self,
        actor: str,
        action: str,
        *,
        from_status: str | None = None,
        to_status: str | None = None,
        note: str | None = None,
    ) -> None:
        self.audit = [
            *self.audit,
            AuditEntry(
                actor=actor,
                action=action,
                from_status=from_status,
                to_status=to_status,
                note=note,
                version=self.version,
            ),
        ]


# Defined alike in several subgraphs: Federation 2 composes such value types only if
# each subgraph marks them shareable.
@strawberry.federation.type(
    name="AuditEntry", description="One recorded change: who, when, from → to", shareable=True
)
class AuditEntryType:
    at: datetime
    actor: str
    action: str
    from_status: str | None
    to_status: str | None
    note: str | None
    version: int

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryType:
        return cls(
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            from_status=entry.from_status,
            to_status=entry.to_status,
            note=entry.note,
            version=entry.version,
        )
