"""Which specs a supergraph links (@link on the schema) and under which names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphql import DocumentNode, SchemaDefinitionNode, value_from_ast_untyped

from .errors import SupergraphError

SUPPORTED_JOIN = ("v0.3", "v0.4", "v0.5")
_SPEC_URL = re.compile(r"^https://specs\.apollo\.dev/(?P<name>[a-z]+)/(?P<version>v\d+\.\d+)$")


@dataclass(frozen=True)
class LinkedSpecs:
    """Names under which the supergraph refers to the join, link, inaccessible and tag specs.

    A spec's elements are `<prefix>__<element>`; its homonymous directive is `@<prefix>`.
    """

    join: str
    join_version: str
    link: str
    inaccessible: str | None
    tag: str | None
    cost: str | None = None
    """The name of the cost spec's `@cost` in this supergraph, when it links the spec."""
    list_size: str | None = None
    """Likewise `@listSize`."""

    @property
    def machinery_prefixes(self) -> tuple[str, ...]:
        """Type and directive name prefixes that are composition machinery, never API."""
        return (f"{self.join}__", f"{self.link}__")

    @property
    def machinery_directives(self) -> set[str]:
        names = {self.link}
        names.update(
            name for name in (self.inaccessible, self.tag, self.cost, self.list_size) if name
        )
        return names


def linked_specs(document: DocumentNode) -> LinkedSpecs:
    schema_nodes = [node for node in document.definitions if isinstance(node, SchemaDefinitionNode)]
    if len(schema_nodes) != 1:
        raise SupergraphError("a supergraph has exactly one schema definition with its @link")
    prefixes: dict[str, tuple[str, str]] = {}
    imports: dict[str, dict[str, str]] = {}
    link_name = "link"
    for directive in schema_nodes[0].directives or ():
        arguments = {
            argument.name.value: value_from_ast_untyped(argument.value)
            for argument in directive.arguments or ()
        }
        url = arguments.get("url")
        if not isinstance(url, str):
            continue
        match = _SPEC_URL.match(url)
        if match is None:
            continue
        name = str(arguments.get("as") or match["name"])
        prefixes[match["name"]] = (name, match["version"])
        imports[match["name"]] = _imported(arguments.get("import"))
        if match["name"] == "link":
            link_name = name
            if directive.name.value != name:
                raise SupergraphError("the @link spec must be applied under its own name")
    if "join" not in prefixes:
        raise SupergraphError(
            "not a supergraph: no @link to https://specs.apollo.dev/join (is it a subgraph SDL?)"
        )
    join, version = prefixes["join"]
    if version not in SUPPORTED_JOIN:
        raise SupergraphError(
            f"join spec {version} is not supported (supported: {', '.join(SUPPORTED_JOIN)})"
        )
    return LinkedSpecs(
        join=join,
        join_version=version,
        link=link_name,
        inaccessible=prefixes.get("inaccessible", (None, ""))[0],
        tag=prefixes.get("tag", (None, ""))[0],
        cost=_element(prefixes, imports, "cost", "cost"),
        list_size=_element(prefixes, imports, "cost", "listSize"),
    )


def _imported(value: object) -> dict[str, str]:
    """A @link's `import`: each imported directive's name in the spec -> its local name."""
    names: dict[str, str] = {}
    for item in value if isinstance(value, list) else ():
        if isinstance(item, str):
            names[item.lstrip("@")] = item.lstrip("@")
        elif isinstance(item, dict) and isinstance(name := item.get("name"), str):
            alias = item.get("as")
            names[name.lstrip("@")] = (alias if isinstance(alias, str) else name).lstrip("@")
    return names


def _element(
    prefixes: dict[str, tuple[str, str]], imports: dict[str, dict[str, str]], spec: str, name: str
) -> str | None:
    """The local name of a linked spec's directive: imported, else the spec's own directive
    under its prefix (`@cost`, `@<as>`), else `<prefix>__<name>`."""
    if spec not in prefixes:
        return None
    prefix = prefixes[spec][0]
    return imports[spec].get(name, prefix if name == spec else f"{prefix}__{name}")
