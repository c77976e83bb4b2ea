"""What the code says a deployment must provide: its processes, the variables each reads."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import AliasChoices
from pydantic_settings import BaseSettings

import services
from devstack.webconsole import settings as console_settings
from services.common.service import ServiceSpec
from services.common.settings import TOKEN_SETTINGS, Settings

SET_BY_CODE = frozenset({"service_name"})
"""Settings fields the process passes itself (`Settings(service_name=spec.name)` in
services/common/server.py), which no environment variable can change."""


def service_specs() -> dict[str, ServiceSpec[Any]]:
    """Every subgraph service: a package under services/ whose service.py declares SPEC."""
    specs: dict[str, ServiceSpec[Any]] = {}
    for module in pkgutil.iter_modules(services.__path__):
        if (Path(services.__path__[0]) / module.name / "service.py").is_file():
            spec = getattr(importlib.import_module(f"services.{module.name}.service"), "SPEC", None)
            if isinstance(spec, ServiceSpec):
                specs[spec.name] = spec
    return specs


class _NoRepositories:
    """Stands in for a service's repositories: handler factories only capture them."""

    def __getattr__(self, name: str) -> None:
        return None


def consumes_events(spec: ServiceSpec[Any]) -> bool:
    """Handles some event (a service without handlers has a queue nothing is routed to)."""
    return bool(spec.handlers(_NoRepositories()))


@dataclass(frozen=True)
class Setting:
    field: str
    names: tuple[str, ...]
    """The environment variables that set it; the first is the one to use."""


def settings_of(model: type[BaseSettings]) -> list[Setting]:
    prefix = str(model.model_config.get("env_prefix", ""))
    found = []
    for field, info in model.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            names = tuple(str(choice).upper() for choice in alias.choices)
        elif isinstance(alias, str):
            names = (alias.upper(),)
        else:
            names = (f"{prefix}{field}".upper(),)
        found.append(Setting(field, names))
    return found


def service_settings() -> list[Setting]:
    return [s for s in settings_of(Settings) if s.field not in SET_BY_CODE]


def console_variables() -> set[str]:
    """What the console server reads: the names ConsoleSettings.from_env looks up, and the
    token settings it builds with the services' Settings (to mint development tokens)."""
    tree = ast.parse(Path(str(console_settings.__file__)).read_text(encoding="utf-8"))
    looked_up = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "env"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }
    helpers = {
        node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_positive"
        and len(node.args) > 1
        and isinstance(node.args[1], ast.Constant)
        and isinstance(node.args[1].value, str)
    }
    tokens = {s.names[0] for s in settings_of(Settings) if s.field in TOKEN_SETTINGS}
    return looked_up | helpers | tokens
