"""The import rule that keeps the services peers over shared contracts.

A service imports only itself, `services.common` and `services.contracts`; contracts import
only `services.common`; common imports no service and no contract; a service's `domain/`
imports no contract at all: a consumer's handlers translate a foreign contract into its
domain's own terms. Checked on the source (every import statement, also those under
`TYPE_CHECKING` or inside functions), so the rule holds before any code runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[1] / "services"
COMMON, CONTRACTS = "common", "contracts"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SERVICES.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, relative ones resolved."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            # `from services import partnerships` names a package in its alias.
            if module in ("services", *(f"services.{s}" for s in (COMMON, CONTRACTS))):
                for alias in node.names:
                    yield node.lineno, f"{module}.{alias.name}"


def _part(module: str) -> str | None:
    """Which part of services/ a module belongs to: common, contracts or a service's name."""
    parts = module.split(".")
    return parts[1] if parts[0] == "services" and len(parts) > 1 else None


def _violation(importer: str, imported: str) -> str | None:
    """Why `importer` may not import `imported`, or None when it may."""
    home, target = _part(importer), _part(imported)
    if target is None or target == home:
        if importer.split(".")[2:3] == ["domain"] and target == CONTRACTS:
            return "a domain module imports no contract"
        return None
    if home == COMMON:
        return "services.common imports no service and no contract"
    if home == CONTRACTS:
        return None if target == COMMON else "services.contracts imports only services.common"
    if target == CONTRACTS and importer.split(".")[2:3] == ["domain"]:
        return "a domain module imports no contract: translate it in handlers.py"
    if target in (COMMON, CONTRACTS):
        return None
    return "a service imports only itself, services.common and services.contracts"


def _modules() -> list[Path]:
    return sorted(p for p in SERVICES.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_import_keeps_the_services_peers() -> None:
    offending = [
        f"{path.relative_to(SERVICES.parent)}:{line}: imports {imported}: {why}"
        for path in _modules()
        for line, imported in _imports(path)
        if (why := _violation(_module_name(path), imported)) is not None
    ]
    assert not offending, "\n".join(offending)


def test_the_rule_names_what_it_refuses() -> None:
    assert _violation("services.common.store", "services.contracts.partnerships")
    assert _violation("services.common.store", "services.finance.domain")
    assert _violation("services.contracts.training", "services.training.domain.workshop")
    assert _violation("services.finance.handlers", "services.training.domain")
    assert _violation("services.finance.domain.funding", "services.contracts.training")
    assert _violation("services.training.domain.new", "services.contracts.training")
    assert _violation("services.training.domain.workshop", "services.contracts.training")
    assert _violation("services.finance.domain", "services.contracts")
    assert _violation("services.finance.handlers", "services.contracts.training") is None
    assert _violation("services.contracts.training", "services.common.events") is None
