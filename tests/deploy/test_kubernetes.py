"""deploy/k8s: the kustomize base and the production overlay, checked without a cluster."""

from __future__ import annotations

from typing import Any

import pytest

from drama_common.messages import subjects
from drama_common.settings import CommonSettings
from tests.deploy.manifests import (
    K8S_BASE,
    K8S_PRODUCTION,
    SETTINGS,
    base_kustomization,
    base_resources,
    console_scripts,
    container_environment,
    env_file_keys,
    generator_literals,
    load_yaml,
    load_yaml_documents,
    of_kind,
    setting_names,
)

SCALED_CONSUMERS = {
    "imagegen": subjects.IMAGEGEN_CONSUMER,
    "videogen": subjects.VIDEOGEN_CONSUMER,
    "media": subjects.MEDIA_CONSUMER,
}
DRAIN_SECONDS = 10 + 5 + 10
"""JobConsumer.stop: running jobs get 10 s, cancelled ones 5 s, then the bus closes (<= 10 s)."""


@pytest.fixture(scope="module")
def resources() -> list[dict[str, Any]]:
    return base_resources()


@pytest.fixture(scope="module")
def deployments(resources: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return of_kind(resources, "Deployment")


@pytest.fixture(scope="module")
def sources() -> dict[str, dict[str, str]]:
    return generator_literals(base_kustomization())


def container(deployment: dict[str, Any]) -> dict[str, Any]:
    first: dict[str, Any] = deployment["spec"]["template"]["spec"]["containers"][0]
    return first


def test_base_has_a_deployment_per_service(deployments: dict[str, dict[str, Any]]) -> None:
    assert set(deployments) == set(SETTINGS)
    for name, deployment in deployments.items():
        selector = deployment["spec"]["selector"]["matchLabels"]
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert selector.items() <= labels.items(), name


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_environment_names_are_settings_fields(
    deployments: dict[str, dict[str, Any]], sources: dict[str, dict[str, str]], service: str
) -> None:
    names = {name.upper() for name in container_environment(deployments[service], sources)}
    unknown = names - setting_names(service)
    assert not unknown, f"{service} gets names its settings do not read: {sorted(unknown)}"


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_environment_values_validate(
    deployments: dict[str, dict[str, Any]], sources: dict[str, dict[str, str]], service: str
) -> None:
    environment = container_environment(deployments[service], sources)
    values = {name.lower(): value for name, value in environment.items()}
    settings = SETTINGS[service].model_validate(values)
    assert settings.storage_backend == "s3"
    assert ("DATABASE_URL" in environment) == (service == "catalog")
    assert {"BUS_SECRET", "S3_ACCESS_KEY", "S3_SECRET_KEY"} <= set(environment)


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_args_name_a_console_script(deployments: dict[str, dict[str, Any]], service: str) -> None:
    args = container(deployments[service])["args"]
    assert args == [f"drama-{service}"]
    assert args[0] in console_scripts()


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_probes_use_the_health_port(
    deployments: dict[str, dict[str, Any]], sources: dict[str, dict[str, str]], service: str
) -> None:
    spec = container(deployments[service])
    ports = {port["name"]: port["containerPort"] for port in spec["ports"]}
    readiness, liveness = spec["readinessProbe"]["httpGet"], spec["livenessProbe"]["httpGet"]
    assert (readiness["path"], liveness["path"]) == ("/ready", "/health")
    assert readiness["port"] == liveness["port"]
    environment = container_environment(deployments[service], sources)
    listens_on = environment["PORT"] if service == "gateway" else environment["HEALTH_PORT"]
    assert ports[readiness["port"]] == int(listens_on)


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_pods_are_bounded_and_drain(deployments: dict[str, dict[str, Any]], service: str) -> None:
    pod = deployments[service]["spec"]["template"]["spec"]
    spec = container(deployments[service])
    assert {"cpu", "memory"} <= set(spec["resources"]["requests"])
    assert {"cpu", "memory"} <= set(spec["resources"]["limits"])
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert spec["securityContext"]["readOnlyRootFilesystem"] is True
    assert any(mount["mountPath"] == "/tmp" for mount in spec["volumeMounts"])
    if service != "gateway":
        assert pod["terminationGracePeriodSeconds"] > DRAIN_SECONDS


def test_gateway_service_targets_the_gateway(resources: list[dict[str, Any]]) -> None:
    service = of_kind(resources, "Service")["gateway"]
    assert service["spec"]["selector"] == {"app.kubernetes.io/name": "gateway"}
    assert [port["port"] for port in service["spec"]["ports"]] == [5678]


def test_keda_scales_workers_on_their_consumers(
    resources: list[dict[str, Any]], deployments: dict[str, dict[str, Any]]
) -> None:
    scaled = of_kind(resources, "ScaledObject")
    assert set(scaled) == set(SCALED_CONSUMERS)
    assert set(SCALED_CONSUMERS.values()) <= set(subjects.JOB_CONSUMERS.values())
    for name, scaled_object in scaled.items():
        target = scaled_object["spec"]["scaleTargetRef"]["name"]
        assert target == name and target in deployments
        assert "replicas" not in deployments[target]["spec"], f"{target}: KEDA owns replicas"
        (trigger,) = scaled_object["spec"]["triggers"]
        assert trigger["type"] == "nats-jetstream"
        assert trigger["metadata"]["stream"] == subjects.JOBS_STREAM
        assert trigger["metadata"]["consumer"] == SCALED_CONSUMERS[name]
        assert trigger["metadata"]["natsServerMonitoringEndpoint"].endswith(":8222")
    assert scaled["media"]["spec"]["minReplicaCount"] >= 1, "media answers rpc.media"


def test_production_overlay(resources: list[dict[str, Any]]) -> None:
    overlay = load_yaml(K8S_PRODUCTION / "kustomization.yaml")
    assert "../../base" in overlay["resources"]
    merged = generator_literals(overlay)
    assert merged["drama-common"]["JETSTREAM_REPLICAS"] == "3"
    common_fields = {name.upper() for name in CommonSettings.model_fields}
    assert set(merged["drama-common"]) <= common_fields
    base_names = {(doc["kind"], doc["metadata"]["name"]) for doc in resources}
    for count in overlay["replicas"]:
        assert ("Deployment", count["name"]) in base_names
        assert count["name"] not in SCALED_CONSUMERS, "KEDA owns the workers' replicas"
    for patch in overlay["patches"]:
        for document in load_yaml_documents(K8S_PRODUCTION / patch["path"]):
            assert (document["kind"], document["metadata"]["name"]) in base_names


def test_production_secrets_replace_the_placeholders() -> None:
    overlay = load_yaml(K8S_PRODUCTION / "kustomization.yaml")
    base = generator_literals(base_kustomization())
    for generator in overlay["secretGenerator"]:
        assert generator["behavior"] == "replace"
        (env_file,) = generator["envs"]
        example = env_file_keys(K8S_PRODUCTION / f"{env_file}.example")
        assert set(example) == set(base[generator["name"]]), generator["name"]
        ignored = (K8S_PRODUCTION / ".gitignore").read_text(encoding="utf-8").split()
        assert env_file in ignored, f"{env_file} must never be committed"


def test_base_files_are_all_listed() -> None:
    listed = set(base_kustomization()["resources"])
    on_disk = {path.name for path in K8S_BASE.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == on_disk
