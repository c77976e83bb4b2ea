"""What the manifests promise operators: locked-down pods, rollouts that keep serving, time to
shut down as the code does, autoscaling and disruption budgets for every workload, and network
policies that let only the gateway reach the subgraphs and only the services reach MongoDB
and RabbitMQ."""

from __future__ import annotations

from typing import Any

import pytest

from .code import consumes_events, service_specs
from .manifests import Manifests

DEPLOYMENTS = ("partnerships", "networks", "training", "finance", "gateway", "web-console")
RUN_AS = 10001
"""The image's user (Dockerfile)."""


def pod(manifests: Manifests, deployment: str) -> dict[str, Any]:
    spec: dict[str, Any] = manifests.get("Deployment", deployment)["spec"]["template"]["spec"]
    return spec


def seconds(manifests: Manifests, deployment: str, variable: str) -> float:
    value = manifests.environment(deployment)[variable].value
    assert value is not None
    return float(value)


@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_pods_run_locked_down(manifests: Manifests, deployment: str) -> None:
    spec = pod(manifests, deployment)
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert spec["securityContext"]["runAsUser"] == RUN_AS
    assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert spec["automountServiceAccountToken"] is False
    # Service links would inject GATEWAY_PORT=tcp://… and the like, which settings parse.
    assert spec["enableServiceLinks"] is False
    (container,) = spec["containers"]
    context = container["securityContext"]
    assert context["readOnlyRootFilesystem"] is True
    assert context["allowPrivilegeEscalation"] is False
    assert context["capabilities"] == {"drop": ["ALL"]}
    volumes = {v["name"]: v for v in spec["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]
    for kind in ("requests", "limits"):
        assert set(container["resources"][kind]) == {"cpu", "memory"}


@pytest.mark.parametrize("deployment", DEPLOYMENTS)
def test_rollouts_and_drains_keep_serving(manifests: Manifests, deployment: str) -> None:
    spec = manifests.get("Deployment", deployment)["spec"]
    assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    (container,) = spec["template"]["spec"]["containers"]
    assert container["lifecycle"]["preStop"]["sleep"]["seconds"] > 0
    budgets = [
        b
        for b in manifests.of_kind("PodDisruptionBudget")
        if b["spec"]["selector"]["matchLabels"].items()
        <= spec["template"]["metadata"]["labels"].items()
    ]
    assert [b["spec"]["maxUnavailable"] for b in budgets] == [1]


@pytest.mark.parametrize("service", sorted(service_specs()))
def test_a_service_has_time_to_stop_as_the_code_does(manifests: Manifests, service: str) -> None:
    """SIGTERM drains HTTP (uvicorn's graceful timeout), then consumers, then flushes the
    outbox, each bounded by SHUTDOWN_GRACE_S (services/common/server.py, runtime.py)."""
    spec = pod(manifests, service)
    pre_stop = spec["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    needed = pre_stop + 3 * seconds(manifests, service, "SHUTDOWN_GRACE_S")
    assert spec["terminationGracePeriodSeconds"] > needed


def test_the_gateway_has_time_to_stop_as_the_code_does(manifests: Manifests) -> None:
    spec = pod(manifests, "gateway")
    pre_stop = spec["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    needed = pre_stop + seconds(manifests, "gateway", "GATEWAY_SHUTDOWN_GRACE_S")
    assert spec["terminationGracePeriodSeconds"] > needed


def autoscalers(manifests: Manifests, deployment: str) -> list[dict[str, Any]]:
    hpas = [
        h
        for h in manifests.of_kind("HorizontalPodAutoscaler")
        if h["spec"]["scaleTargetRef"]
        == {"apiVersion": "apps/v1", "kind": "Deployment", "name": deployment}
    ]
    scaled = [
        s
        for s in manifests.of_kind("ScaledObject")
        if s["spec"]["scaleTargetRef"]["name"] == deployment
    ]
    return hpas + scaled


@pytest.mark.parametrize("workload", [*sorted(service_specs()), "gateway"])
def test_every_workload_scales_on_cpu_and_consumers_on_their_queue(
    manifests: Manifests, workload: str
) -> None:
    # A workload with an HPA of its own and a ScaledObject would have two HPAs fighting.
    (scaler,) = autoscalers(manifests, workload)
    spec = workload in service_specs() and service_specs()[workload]
    if spec and consumes_events(spec):
        assert scaler["kind"] == "ScaledObject"
        types = sorted(t["type"] for t in scaler["spec"]["triggers"])
        assert types == ["cpu", "rabbitmq"]
        low, high = scaler["spec"]["minReplicaCount"], scaler["spec"]["maxReplicaCount"]
    else:
        assert scaler["apiVersion"] == "autoscaling/v2"
        (metric,) = scaler["spec"]["metrics"]
        assert metric["resource"]["name"] == "cpu"
        low, high = scaler["spec"]["minReplicas"], scaler["spec"]["maxReplicas"]
    assert 1 <= low < high
    if manifests.name == "production":
        assert low >= 2  # a drain or a crash never leaves a process with no replica


def selected(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    assert set(selector) <= {"matchLabels"}, selector
    return bool(selector.get("matchLabels", {}).items() <= labels.items())


def admitted(manifests: Manifests, workload: str) -> tuple[set[str], set[str]]:
    """(workloads of this namespace, other namespaces) allowed to connect to `workload`."""
    pods = dict(manifests.pod_labels())
    workloads: set[str] = set()
    namespaces: set[str] = set()
    for policy in manifests.of_kind("NetworkPolicy"):
        if not selected(policy["spec"]["podSelector"], pods[workload]):
            continue
        assert policy["spec"]["policyTypes"] == ["Ingress"]
        for rule in policy["spec"].get("ingress", []):
            assert rule["ports"], f"{policy['metadata']['name']}: every port open"
            for peer in rule["from"]:
                if "namespaceSelector" in peer:
                    assert set(peer) == {"namespaceSelector"}
                    labels = peer["namespaceSelector"]["matchLabels"]
                    namespaces.add(labels["kubernetes.io/metadata.name"])
                else:
                    workloads |= {w for w, ls in pods.items() if selected(peer["podSelector"], ls)}
    return workloads, namespaces


def test_everything_not_allowed_is_refused(manifests: Manifests) -> None:
    denies = [
        p
        for p in manifests.of_kind("NetworkPolicy")
        if p["spec"]["podSelector"] == {} and "ingress" not in p["spec"]
    ]
    assert [d["spec"]["policyTypes"] for d in denies] == [["Ingress"]]


def test_only_the_gateway_reaches_the_subgraphs(manifests: Manifests) -> None:
    for service in service_specs():
        assert admitted(manifests, service) == ({"gateway"}, set())


def test_only_the_services_reach_mongodb_and_rabbitmq(manifests: Manifests) -> None:
    services = set(service_specs())
    workloads, namespaces = admitted(manifests, "icld-mongodb")
    # Itself: replication between members. Maintenance pods: backups and restores.
    assert workloads == services | {"icld-mongodb"}
    assert namespaces == set()
    workloads, namespaces = admitted(manifests, "icld-rabbitmq")
    assert workloads == services | {"icld-rabbitmq"}
    assert namespaces == {"keda", "rabbitmq-system"}


def test_only_the_ingress_reaches_the_gateway_and_the_web_console(manifests: Manifests) -> None:
    for workload in ("gateway", "web-console"):
        assert admitted(manifests, workload) == (set(), {"ingress-nginx"})
    (ingress,) = manifests.of_kind("Ingress")
    backends = {
        path["path"]: path["backend"]["service"]["name"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    assert backends == {"/graphql": "gateway", "/": "web-console"}
