"""An executable graphql-core schema from a Federation v2 subgraph SDL and its resolvers.

The SDL is served unchanged in `_service { sdl }`; the schema that executes it also has the
federation definitions, `_Entity`, `_entities` and `_service` (subgraph spec).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    GraphQLUnionType,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    build_ast_schema,
    parse,
)

Resolver = Callable[..., Any]
EntityResolver = Callable[[Mapping[str, Any]], dict[str, Any] | None]
"""A representation (`__typename` and key fields, plus required fields) → the entity with
its `__typename`, or None when this subgraph has no such entity."""

_PRELUDE = """
scalar _Any
scalar FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
directive @link(url: String!, as: String, for: link__Purpose, import: [link__Import])
  repeatable on SCHEMA
directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @requires(fields: FieldSet!) on FIELD_DEFINITION
directive @provides(fields: FieldSet!) on FIELD_DEFINITION
directive @external on OBJECT | FIELD_DEFINITION
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
type _Service { sdl: String }
"""


@dataclass
class Resolvers:
    fields: dict[str, dict[str, Resolver]] = field(default_factory=dict)
    """Type → field → resolver; other fields read the key of the same name from a dict."""
    entities: dict[str, EntityResolver] = field(default_factory=dict)


class SchemaError(ValueError):
    """The SDL and the resolvers do not fit together."""


def entity_types(document: DocumentNode) -> list[str]:
    """Object types with a resolvable @key, in SDL order."""
    names: list[str] = []
    for definition in document.definitions:
        if not isinstance(definition, ObjectTypeDefinitionNode | ObjectTypeExtensionNode):
            continue
        for directive in definition.directives or ():
            resolvable = all(
                getattr(argument.value, "value", True) is not False
                for argument in directive.arguments or ()
                if argument.name.value == "resolvable"
            )
            if directive.name.value == "key" and resolvable:
                names.append(definition.name.value)
                break
    return list(dict.fromkeys(names))


def build(sdl: str, resolvers: Resolvers) -> GraphQLSchema:
    document = parse(sdl)
    entities = entity_types(document)
    missing = set(entities) - set(resolvers.entities)
    if missing:
        raise SchemaError(f"no entity resolver for {sorted(missing)}")
    has_query = any(
        isinstance(d, ObjectTypeDefinitionNode) and d.name.value == "Query"
        for d in document.definitions
    )
    additions = [_PRELUDE]
    query_fields = "_service: _Service!"
    if entities:
        additions.append(f"union _Entity = {' | '.join(entities)}")
        query_fields += " _entities(representations: [_Any!]!): [_Entity]!"
    keyword = "extend type" if has_query else "type"
    additions.append(f"{keyword} Query {{ {query_fields} }}")
    schema = build_ast_schema(parse(sdl + "\n".join(additions)))
    _attach(schema, sdl, resolvers)
    return schema


def _attach(schema: GraphQLSchema, sdl: str, resolvers: Resolvers) -> None:
    for type_name, by_field in resolvers.fields.items():
        graphql_type = schema.type_map.get(type_name)
        if not isinstance(graphql_type, GraphQLObjectType):
            raise SchemaError(f"resolvers for {type_name}, which is no object type of the SDL")
        for field_name, resolver in by_field.items():
            if field_name not in graphql_type.fields:
                raise SchemaError(f"resolver for {type_name}.{field_name}, which the SDL lacks")
            graphql_type.fields[field_name].resolve = resolver
    query = schema.query_type
    if query is None:
        raise SchemaError("the schema has no Query type")
    query.fields["_service"].resolve = lambda *_: {"sdl": sdl}
    entity = schema.type_map.get("_Entity")
    if isinstance(entity, GraphQLUnionType):
        entity.resolve_type = lambda value, *_: value["__typename"]
        query.fields["_entities"].resolve = _entities_resolver(resolvers.entities)


def _entities_resolver(by_type: Mapping[str, EntityResolver]) -> Resolver:
    def resolve(
        _: object, info: GraphQLResolveInfo[Any], representations: list[Mapping[str, Any]]
    ) -> list[dict[str, Any] | None]:
        entities = []
        for representation in representations:
            typename = str(representation.get("__typename"))
            if typename not in by_type:
                raise SchemaError(f"no entity type {typename!r} in this subgraph")
            entities.append(by_type[typename](representation))
        return entities

    return resolve
