"""Reading the deployment files the way the tools would, without the tools.

Docker, Compose, kubectl and kustomize are not available offline, so these helpers load the
YAML/TOML themselves and expose what the tests compare: environment names per service, console
scripts, probes, KEDA triggers.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from drama_catalog.settings import CatalogSettings
from drama_common.settings import CommonSettings
from drama_gateway.settings import GatewaySettings
from drama_imagegen.settings import ImagegenSettings
from drama_media.settings import MediaSettings
from drama_videogen.settings import VideogenSettings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
K8S_BASE = DEPLOY / "k8s" / "base"
K8S_PRODUCTION = DEPLOY / "k8s" / "overlays" / "production"

SETTINGS: dict[str, type[CommonSettings]] = {
    "gateway": GatewaySettings,
    "catalog": CatalogSettings,
    "imagegen": ImagegenSettings,
    "videogen": VideogenSettings,
    "media": MediaSettings,
}
"""Each service (compose service and Deployment name) and the Settings class it reads."""

_INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Z0-9_]+)(?::?[-?](?P<default>[^}]*))?\}")


def setting_names(service: str) -> set[str]:
    """The environment names a service reads (pydantic-settings matches them ignoring case)."""
    return {name.upper() for name in SETTINGS[service].model_fields}


def console_scripts() -> set[str]:
    scripts: set[str] = set()
    for manifest in [*ROOT.glob("libs/*/pyproject.toml"), *ROOT.glob("services/*/pyproject.toml")]:
        project = tomllib.loads(manifest.read_text(encoding="utf-8"))["project"]
        scripts.update(project.get("scripts", {}))
    return scripts


def workspace_members() -> list[str]:
    """Member folders (``libs/common``, ``services/media`` ...) holding a pyproject.toml."""
    return sorted(
        str(path.parent.relative_to(ROOT))
        for pattern in ("libs/*/pyproject.toml", "services/*/pyproject.toml")
        for path in ROOT.glob(pattern)
    )


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_yaml_documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose's ``${NAME}``, ``${NAME:-default}`` and ``${NAME:?message}``, resolved from
    ``variables`` (a ``:?`` name missing there is an error, as in Compose)."""

    def resolve(match: re.Match[str]) -> str:
        name = match.group("name")
        if name in variables:
            return variables[name]
        if "?" in match.group(0):
            raise KeyError(f"{name} must be set")
        return match.group("default") or ""

    return _INTERPOLATION.sub(resolve, value)


def base_kustomization() -> dict[str, Any]:
    result: dict[str, Any] = load_yaml(K8S_BASE / "kustomization.yaml")
    return result


def base_resources() -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    for name in base_kustomization()["resources"]:
        documents.extend(load_yaml_documents(K8S_BASE / name))
    return documents


def generator_literals(kustomization: dict[str, Any]) -> dict[str, dict[str, str]]:
    """``{generator name: {key: value}}`` for every ConfigMap and Secret literal generator."""
    found: dict[str, dict[str, str]] = {}
    for section in ("configMapGenerator", "secretGenerator"):
        for generator in kustomization.get(section, []):
            pairs = (literal.split("=", 1) for literal in generator.get("literals", []))
            found[generator["name"]] = {key: value for key, value in pairs}
    return found


def env_file_keys(path: Path) -> dict[str, str]:
    """``KEY=value`` lines of an env file (kustomize ``envs``), comments and blanks skipped."""
    pairs: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            pairs[key.strip()] = value
    return pairs


def of_kind(documents: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in documents if doc["kind"] == kind}


def container_environment(
    deployment: dict[str, Any], sources: dict[str, dict[str, str]]
) -> dict[str, str]:
    """The environment a Deployment's first container gets from ``envFrom`` and ``env``."""
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    environment: dict[str, str] = {}
    for source in container.get("envFrom", []):
        reference = source.get("configMapRef") or source.get("secretRef")
        environment.update(sources[reference["name"]])
    for variable in container.get("env", []):
        environment[variable["name"]] = variable.get("value", "")
    return environment
