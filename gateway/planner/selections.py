"""A subgraph fetch's selection set while it is planned, and its GraphQL text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SubgraphField:
    response_key: str
    name: str
    arguments: str
    selection: SubgraphSelection | None
    type: str = ""
    """The field's type as the subgraph declares it."""
    sent_key: str | None = None
    """The alias sent instead of `response_key` where that key would conflict."""

    def text(self) -> str:
        key = self.sent_key or self.response_key
        head = self.name if key == self.name else f"{key}: {self.name}"
        head += self.arguments
        return head if self.selection is None else head + self.selection.text()


@dataclass
class SubgraphSelection:
    fields: dict[str, SubgraphField] = field(default_factory=dict)
    fragments: dict[str, SubgraphSelection] = field(default_factory=dict)
    """Inline fragments by type condition."""

    def add_field(
        self, response_key: str, name: str, arguments: str, composite: bool, type_text: str = ""
    ) -> SubgraphField | None:
        """The field under `response_key`, added if new; None if that key is taken by a
        different field or arguments (the caller aliases)."""
        existing = self.fields.get(response_key)
        if existing is not None:
            if existing.name != name or existing.arguments != arguments:
                return None
            return existing
        added = SubgraphField(
            response_key, name, arguments, SubgraphSelection() if composite else None, type_text
        )
        self.fields[response_key] = added
        return added

    def add_typename(self) -> None:
        self.fields.setdefault(
            "__typename", SubgraphField("__typename", "__typename", "", None, "String!")
        )

    def fragment(self, type_condition: str) -> SubgraphSelection:
        return self.fragments.setdefault(type_condition, SubgraphSelection())

    def text(self) -> str:
        parts = [f.text() for f in self.fields.values()]
        parts.extend(
            f"... on {condition}{selection.text()}"
            for condition, selection in self.fragments.items()
            if selection.fields or selection.fragments
        )
        # Every subfield may have moved to other subgraphs; a selection set can't be empty.
        return "{" + (" ".join(parts) or "__typename") + "}"
