"""Every rendered manifest validates: Kubernetes' own kinds against the API schemas of a
current release (kubernetes-validate, strict: unknown fields are errors), KEDA's resources
against models generated from KEDA's CRDs (cloudcoil-models-keda). No package on PyPI or npm
ships the CRDs of the MongoDB Community Operator or the RabbitMQ Cluster Operator: their
resources are checked field by field for what the deployment relies on."""

from __future__ import annotations

import copy
from typing import Any

import kubernetes_validate
import pytest
from cloudcoil.models.keda.v1alpha1 import ScaledObject, TriggerAuthentication
from pydantic import BaseModel

from .code import service_specs
from .manifests import KUSTOMIZE_ROOT, Manifests, Resource, render

KUBERNETES_VERSION = "1.37.0"
KEDA_MODELS: dict[str, type[BaseModel]] = {
    "ScaledObject": ScaledObject,
    "TriggerAuthentication": TriggerAuthentication,
}
OPERATOR_KINDS = {"MongoDBCommunity", "RabbitmqCluster"}


def validate_kubernetes(resource: Resource) -> None:
    kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)


class UnknownFields(AssertionError):
    """A custom resource carries fields its CRD does not define."""


def validate_keda(resource: Resource) -> None:
    """Types by the CRD's schema; the models ignore unknown fields, so a round trip that loses
    one means the resource has a field the CRD does not."""
    model = KEDA_MODELS[resource["kind"]].model_validate(resource)
    kept = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if kept != resource:
        raise UnknownFields(f"{resource['kind']} {resource['metadata']['name']}: {kept}")


def test_both_overlays_render() -> None:
    for overlay in ("local", "production"):
        assert render(KUSTOMIZE_ROOT / "overlays" / overlay)


def test_every_manifest_validates(manifests: Manifests) -> None:
    kinds = set()
    for resource in manifests.resources:
        kinds.add(resource["kind"])
        if resource["kind"] in KEDA_MODELS:
            validate_keda(resource)
        elif resource["kind"] not in OPERATOR_KINDS:
            validate_kubernetes(resource)
    assert {"Deployment", "Service", "ConfigMap", "NetworkPolicy"} <= kinds
    assert {"HorizontalPodAutoscaler", "PodDisruptionBudget", "ScaledObject"} <= kinds


def test_the_validators_refuse_what_the_api_server_would(manifests: Manifests) -> None:
    """Each check can fail: a misspelt field and a wrong type are caught."""
    deployment = copy.deepcopy(manifests.get("Deployment", "gateway"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        validate_kubernetes(deployment)
    deployment = copy.deepcopy(manifests.get("Deployment", "gateway"))
    deployment["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        validate_kubernetes(deployment)
    scaled = copy.deepcopy(manifests.of_kind("ScaledObject")[0])
    scaled["spec"]["minReplicas"] = 2
    with pytest.raises(UnknownFields):
        validate_keda(scaled)
    scaled = copy.deepcopy(manifests.of_kind("ScaledObject")[0])
    scaled["spec"]["triggers"][0]["metadata"] = ["queueName"]
    with pytest.raises(ValueError, match="validation error"):
        validate_keda(scaled)


def string_at(resource: Resource, *path: str) -> str:
    node: Any = resource
    where = f"{resource['kind']}: {'.'.join(path)}"
    for key in path:
        assert isinstance(node, dict), where
        assert key in node, where
        node = node[key]
    assert isinstance(node, str), where
    assert node, where
    return node


def test_mongodb_is_a_replica_set_with_a_user_per_service(manifests: Manifests) -> None:
    (mongodb,) = manifests.of_kind("MongoDBCommunity")
    assert mongodb["apiVersion"] == "mongodbcommunity.mongodb.com/v1"
    spec = mongodb["spec"]
    assert spec["type"] == "ReplicaSet"
    assert spec["members"] == (1 if manifests.name == "local" else 3)
    assert int(string_at(mongodb, "spec", "version").split(".")[0]) >= 7
    assert spec["security"]["authentication"]["modes"] == ["SCRAM"]
    users = {user["name"]: user for user in spec["users"]}
    assert set(service_specs()) | {"backup"} == set(users)
    for user in spec["users"]:
        assert user["db"] == "admin"
        assert set(user) == {
            "name",
            "db",
            "passwordSecretRef",
            "roles",
            "scramCredentialsSecretName",
            "connectionStringSecretName",
        }
        assert set(user["passwordSecretRef"]) == {"name"}
        assert all(set(role) == {"name", "db"} for role in user["roles"])
        if manifests.name == "local":
            data = manifests.secret_data(user["passwordSecretRef"]["name"])
            assert data is not None
            assert data["password"]
    template = spec["statefulSet"]["spec"]["template"]
    assert [c["name"] for c in template["spec"]["containers"]] == ["mongod"]
    assert template["spec"]["containers"][0]["resources"]["limits"]["memory"]
    (claim,) = spec["statefulSet"]["spec"]["volumeClaimTemplates"]
    assert claim["metadata"]["name"] == "data-volume"  # the operator's name for the data


def test_rabbitmq_is_a_cluster(manifests: Manifests) -> None:
    (rabbitmq,) = manifests.of_kind("RabbitmqCluster")
    assert rabbitmq["apiVersion"] == "rabbitmq.com/v1beta1"
    spec = rabbitmq["spec"]
    assert set(spec) <= {"replicas", "resources", "persistence", "rabbitmq", "affinity"}
    assert spec["replicas"] == (1 if manifests.name == "local" else 3)
    assert set(spec["resources"]) == {"requests", "limits"}
    assert string_at(rabbitmq, "spec", "persistence", "storage")
    assert "cluster_partition_handling = pause_minority" in spec["rabbitmq"]["additionalConfig"]
