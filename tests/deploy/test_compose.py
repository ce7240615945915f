"""deploy/compose.yaml: parses, wires the five services with settings they really read."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deploy.manifests import (
    COMPOSE,
    SETTINGS,
    console_scripts,
    interpolate,
    load_yaml,
    setting_names,
)

VARIABLES = {
    "BUS_SECRET": "bus-secret-for-tests",
    "POSTGRES_PASSWORD": "postgres-password",
    "MINIO_ROOT_PASSWORD": "minio-password",
}
"""What deploy/.env would hold: the names compose.yaml insists on (``${NAME:?...}``)."""


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document: dict[str, Any] = load_yaml(COMPOSE)
    return document


def environment_of(compose: dict[str, Any], service: str) -> dict[str, str]:
    raw = compose["services"][service].get("environment", {})
    assert isinstance(raw, dict), f"{service}: environment must be a mapping"
    return {name: interpolate(str(value), VARIABLES) for name, value in raw.items()}


def test_infrastructure_and_services_are_declared(compose: dict[str, Any]) -> None:
    assert {"postgres", "nats", "minio", *SETTINGS} <= set(compose["services"])


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_environment_names_are_settings_fields(compose: dict[str, Any], service: str) -> None:
    names = {name.upper() for name in environment_of(compose, service)}
    unknown = names - setting_names(service)
    assert not unknown, f"{service} sets names its settings do not read: {sorted(unknown)}"


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_environment_values_validate(compose: dict[str, Any], service: str) -> None:
    values = {name.lower(): value for name, value in environment_of(compose, service).items()}
    settings = SETTINGS[service].model_validate(values)
    assert settings.storage_backend == "s3"
    assert settings.nats_url == "nats://nats:4222"
    assert settings.bus_secret.get_secret_value() == VARIABLES["BUS_SECRET"]
    if service != "gateway":
        assert settings.health_port > 0


def test_only_the_catalog_gets_the_database(compose: dict[str, Any]) -> None:
    for service in SETTINGS:
        has_database = "DATABASE_URL" in environment_of(compose, service)
        assert has_database == (service == "catalog"), service
    catalog = SETTINGS["catalog"].model_validate(
        {"database_url": environment_of(compose, "catalog")["DATABASE_URL"]}
    )
    assert catalog.database_url.startswith("postgresql://")
    assert "@postgres:5432/" in catalog.database_url


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_command_is_a_console_script(compose: dict[str, Any], service: str) -> None:
    command = compose["services"][service]["command"]
    assert command == [f"drama-{service}"]
    assert command[0] in console_scripts()


def test_dependencies_wait_for_healthy_services(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        for dependency, rule in service.get("depends_on", {}).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            assert rule["condition"] == "service_healthy", f"{name} -> {dependency}"
            assert "healthcheck" in services[dependency], f"{dependency} has no health check"
    assert {"postgres", "nats", "minio"} <= set(services["catalog"]["depends_on"])
    assert "catalog" in services["gateway"]["depends_on"]


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_services_have_health_checks(compose: dict[str, Any], service: str) -> None:
    check = compose["services"][service]["healthcheck"]
    assert check["test"] == ["CMD", "python", "/app/healthcheck.py"]


def test_gateway_is_published_on_5678(compose: dict[str, Any]) -> None:
    ports = [interpolate(str(port), VARIABLES) for port in compose["services"]["gateway"]["ports"]]
    assert "5678:5678" in ports


def test_nats_runs_jetstream_on_a_volume(compose: dict[str, Any]) -> None:
    nats = compose["services"]["nats"]
    assert "--jetstream" in nats["command"]
    store = next(arg.split("=", 1)[1] for arg in nats["command"] if arg.startswith("--store_dir"))
    volume, _, mount = nats["volumes"][0].partition(":")
    assert mount == store
    assert volume in compose["volumes"]


def test_required_secrets_have_no_defaults(compose: dict[str, Any]) -> None:
    with pytest.raises(KeyError, match="BUS_SECRET"):
        interpolate(str(compose["services"]["media"]["environment"]["BUS_SECRET"]), {})
