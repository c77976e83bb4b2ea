"""The link/join/tag/inaccessible/cost definitions a supergraph carries, as Apollo prints them."""

from __future__ import annotations

LINK_URL = "https://specs.apollo.dev/link/v1.0"
JOIN_URL = "https://specs.apollo.dev/join/v{version}"
FEATURE_LINKS = {
    "tag": '@link(url: "https://specs.apollo.dev/tag/v0.3")',
    "inaccessible": '@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)',
    # `@cost` is the spec's own name: only `@listSize` needs importing.
    "cost": '@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])',
}

_JOIN_FIELD_ARGUMENTS = {
    "0.3": "graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, "
    "external: Boolean, override: String, usedOverridden: Boolean",
}
_JOIN_FIELD_ARGUMENTS["0.4"] = _JOIN_FIELD_ARGUMENTS["0.3"] + ", overrideLabel: String"
_JOIN_FIELD_ARGUMENTS["0.5"] = (
    _JOIN_FIELD_ARGUMENTS["0.4"] + ", contextArguments: [join__ContextArgument!]"
)

_FEATURE_DIRECTIVES = {
    "inaccessible": {
        "inaccessible": "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | "
        "UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | "
        "INPUT_FIELD_DEFINITION"
    },
    "tag": {
        "tag": "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | "
        "INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | "
        "INPUT_FIELD_DEFINITION | SCHEMA"
    },
    "cost": {
        "cost": "directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | "
        "INPUT_FIELD_DEFINITION | OBJECT | SCALAR",
        "listSize": "directive @listSize(assumedSize: Int, slicingArguments: [String!], "
        "sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION",
    },
}

_LINK_PURPOSE = '''enum link__Purpose {
  """
  `SECURITY` features provide metadata necessary to securely resolve fields.
  """
  SECURITY

  """
  `EXECUTION` features provide metadata necessary for operation execution.
  """
  EXECUTION
}'''

_CONTEXT_ARGUMENT = """input join__ContextArgument {
  name: String!
  type: String!
  context: String!
  selection: join__FieldValue!
}"""


def schema_links(join_version: str, features: list[str]) -> list[str]:
    links = [
        f'@link(url: "{LINK_URL}")',
        f'@link(url: "{JOIN_URL.format(version=join_version)}", for: EXECUTION)',
    ]
    return links + [FEATURE_LINKS[f] for f in features]


def directive_definitions(join_version: str, features: list[str]) -> dict[str, str]:
    """Directive name -> its printed definition."""
    definitions = {
        "join__enumValue": "directive @join__enumValue(graph: join__Graph!) repeatable on "
        "ENUM_VALUE",
        "join__field": f"directive @join__field({_JOIN_FIELD_ARGUMENTS[join_version]}) "
        "repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION",
        "join__graph": "directive @join__graph(name: String!, url: String!) on ENUM_VALUE",
        "join__implements": "directive @join__implements(graph: join__Graph!, interface: "
        "String!) repeatable on OBJECT | INTERFACE",
        "join__type": "directive @join__type(graph: join__Graph!, key: join__FieldSet, "
        "extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: "
        "Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | "
        "SCALAR",
        "join__unionMember": "directive @join__unionMember(graph: join__Graph!, member: "
        "String!) repeatable on UNION",
        "link": "directive @link(url: String, as: String, for: link__Purpose, import: "
        "[link__Import]) repeatable on SCHEMA",
    }
    if join_version != "0.3":
        definitions["join__directive"] = (
            "directive @join__directive(graphs: [join__Graph!], name: String!, args: "
            "join__DirectiveArguments) repeatable on SCHEMA | OBJECT | INTERFACE | "
            "FIELD_DEFINITION"
        )
    for feature in features:
        definitions.update(_FEATURE_DIRECTIVES[feature])
    return definitions


def spec_types(join_version: str, graph_enum: str) -> dict[str, str]:
    """Type name -> its printed definition (join__Graph printed by the caller)."""
    types = {
        "join__FieldSet": "scalar join__FieldSet",
        "join__Graph": graph_enum,
        "link__Import": "scalar link__Import",
        "link__Purpose": _LINK_PURPOSE,
    }
    if join_version != "0.3":
        types["join__DirectiveArguments"] = "scalar join__DirectiveArguments"
    if join_version == "0.5":
        types["join__ContextArgument"] = _CONTEXT_ARGUMENT
        types["join__FieldValue"] = "scalar join__FieldValue"
    return types
