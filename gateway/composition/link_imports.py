"""Resolves a subgraph's `@link` to the federation spec: version and directive names.

Imported directives keep their (possibly renamed, `as:`) names; the others are reachable as
`federation__name` (or `<as>__name` when the link itself is renamed)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graphql import DirectiveNode, ListValueNode, ObjectValueNode, StringValueNode

FEDERATION_URL = re.compile(r"^https://specs\.apollo\.dev/federation/v(\d+)\.(\d+)$")
LINK_URL = re.compile(r"^https://specs\.apollo\.dev/link/v\d+\.\d+$")

# In the federation spec's own order (Apollo emits the supergraph's @links in this order).
FEDERATION_DIRECTIVES = (
    "key",
    "requires",
    "provides",
    "external",
    "tag",
    "extends",
    "shareable",
    "inaccessible",
    "override",
    "composeDirective",
    "interfaceObject",
    "authenticated",
    "requiresScopes",
    "policy",
    "context",
    "fromContext",
    "cost",
    "listSize",
)
BUILT_IN_DIRECTIVES = frozenset({"deprecated", "specifiedBy"})

# Spec name -> (argument -> (required, first federation version having it)).
DIRECTIVE_ARGUMENTS: dict[str, dict[str, tuple[bool, tuple[int, int]]]] = {
    "key": {"fields": (True, (2, 0)), "resolvable": (False, (2, 0))},
    "requires": {"fields": (True, (2, 0))},
    "provides": {"fields": (True, (2, 0))},
    "external": {"reason": (False, (2, 0))},
    "tag": {"name": (True, (2, 0))},
    "override": {"from": (True, (2, 0)), "label": (False, (2, 7))},
    "composeDirective": {"name": (True, (2, 1))},
    "cost": {"weight": (True, (2, 9))},
    "listSize": {
        "assumedSize": (False, (2, 9)),
        "slicingArguments": (False, (2, 9)),
        "sizedFields": (False, (2, 9)),
        "requireOneSlicingArgument": (False, (2, 9)),
    },
    "deprecated": {"reason": (False, (2, 0))},
    "specifiedBy": {"url": (True, (2, 0))},
}


class LinkError(ValueError):
    """The schema's @link applications cannot be understood."""


@dataclass(frozen=True)
class FederationLink:
    version: tuple[int, int]
    # name as applied in the subgraph -> spec name
    directive_names: dict[str, str]
    link_directive: str

    def spec_name(self, applied_name: str) -> str | None:
        return self.directive_names.get(applied_name)


def resolve_federation_link(schema_directives: Iterable[DirectiveNode]) -> FederationLink | None:
    """None when the schema does not link federation 2 (a Federation 1 subgraph)."""
    directives = list(schema_directives)
    link_directive = _link_directive_name(directives)
    for directive in directives:
        if directive.name.value != link_directive:
            continue
        url = _string_argument(directive, "url")
        match = FEDERATION_URL.match(url or "")
        if not match:
            continue
        version = (int(match.group(1)), int(match.group(2)))
        prefix = _string_argument(directive, "as") or "federation"
        names = {f"{prefix}__{name}": name for name in FEDERATION_DIRECTIVES}
        for imported, alias in _imports(directive):
            spec_name = imported.removeprefix("@")
            if imported.startswith("@") and spec_name in FEDERATION_DIRECTIVES:
                names.pop(f"{prefix}__{spec_name}", None)
                names[alias.removeprefix("@")] = spec_name
        return FederationLink(version, names, link_directive)
    return None


def _link_directive_name(directives: list[DirectiveNode]) -> str:
    """`link`, unless the link spec links itself under another name (`@link(as:)`)."""
    for directive in directives:
        url = _string_argument(directive, "url")
        if url and LINK_URL.match(url):
            return _string_argument(directive, "as") or directive.name.value
    return "link"


def _string_argument(directive: DirectiveNode, name: str) -> str | None:
    for argument in directive.arguments or ():
        if argument.name.value == name and isinstance(argument.value, StringValueNode):
            return argument.value.value
    return None


def _imports(directive: DirectiveNode) -> list[tuple[str, str]]:
    for argument in directive.arguments or ():
        if argument.name.value != "import":
            continue
        if not isinstance(argument.value, ListValueNode):
            raise LinkError("@link(import:) must be a list of names or {name:, as:} objects")
        result: list[tuple[str, str]] = []
        for item in argument.value.values:
            if isinstance(item, StringValueNode):
                result.append((item.value, item.value))
            elif isinstance(item, ObjectValueNode):
                fields = {
                    f.name.value: f.value.value
                    for f in item.fields
                    if isinstance(f.value, StringValueNode)
                }
                if "name" not in fields:
                    raise LinkError('an @link(import:) object needs a "name"')
                result.append((fields["name"], fields.get("as", fields["name"])))
            else:
                raise LinkError("@link(import:) must be a list of names or {name:, as:} objects")
        return result
    return []
