"""The same operation with its arguments sent as variables: schemathesis writes every value
inline, while clients (the console among them) send variables, which the gateway and the
services check on another path."""

from __future__ import annotations

from typing import Any

import graphql
from graphql.language import ast


def as_variables(
    document: ast.DocumentNode, schema: graphql.GraphQLSchema
) -> tuple[str, dict[str, Any]]:
    """The query of `document` with each root field's inline arguments replaced by variables
    `$a0`, `$a1`, ..., and the variables' values. Arguments of nested fields stay inline."""
    operation = next(d for d in document.definitions if isinstance(d, ast.OperationDefinitionNode))
    root = schema.get_root_type(operation.operation)
    if root is None:
        raise ValueError(f"the schema has no {operation.operation.value} type")
    definitions: list[ast.VariableDefinitionNode] = list(operation.variable_definitions or ())
    values: dict[str, Any] = {}
    selections: list[ast.SelectionNode] = []
    for selection in operation.selection_set.selections:
        if not isinstance(selection, ast.FieldNode) or selection.name.value not in root.fields:
            selections.append(selection)
            continue
        field = root.fields[selection.name.value]
        arguments: list[ast.ArgumentNode] = []
        for argument in selection.arguments or ():
            declared = field.args.get(argument.name.value)
            if declared is None or isinstance(argument.value, ast.VariableNode):
                arguments.append(argument)
                continue
            variable = ast.VariableNode(name=ast.NameNode(value=f"a{len(values)}"))
            values[variable.name.value] = graphql.value_from_ast_untyped(argument.value)
            definitions.append(
                ast.VariableDefinitionNode(
                    variable=variable, type=graphql.parse_type(str(declared.type))
                )
            )
            arguments.append(ast.ArgumentNode(name=argument.name, value=variable))
        selections.append(
            ast.FieldNode(
                alias=selection.alias,
                name=selection.name,
                arguments=tuple(arguments),
                directives=selection.directives,
                selection_set=selection.selection_set,
            )
        )
    lifted = ast.OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=tuple(definitions),
        directives=operation.directives,
        selection_set=ast.SelectionSetNode(selections=tuple(selections)),
    )
    others = tuple(d for d in document.definitions if d is not operation)
    return graphql.print_ast(ast.DocumentNode(definitions=(lifted, *others))), values
