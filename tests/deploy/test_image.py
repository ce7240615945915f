"""deploy/Dockerfile, the root .dockerignore and deploy/healthcheck.py.

No Docker engine here: the Dockerfile is checked as text against the workspace, and the health
check script runs for real against the workers' own health server.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import AsyncIterator, Iterator

import pytest

from drama_common.health import HealthServer
from tests.deploy.manifests import DEPLOY, ROOT, console_scripts, workspace_members

DOCKERFILE = DEPLOY / "Dockerfile"
HEALTHCHECK = DEPLOY / "healthcheck.py"


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return DOCKERFILE.read_text(encoding="utf-8")


def test_image_is_multi_stage_slim_and_non_root(dockerfile: str) -> None:
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in dockerfile
    assert dockerfile.count("FROM ${PYTHON_IMAGE} AS ") == 2
    assert "COPY --from=build" in dockerfile
    user = [line for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert user and user[-1].split()[1].split(":")[0] not in {"0", "root"}
    assert "ffmpeg fonts-wqy-microhei" in dockerfile
    assert 'CMD ["python", "/app/healthcheck.py"]' in dockerfile


def test_image_installs_the_locked_workspace(dockerfile: str) -> None:
    assert "uv sync --frozen --no-dev --all-packages --no-install-workspace" in dockerfile
    assert "uv sync --frozen --no-dev --all-packages --no-editable" in dockerfile
    for member in workspace_members():
        manifest = f"{member}/pyproject.toml"
        assert f"COPY {manifest} {manifest}" in dockerfile, f"dependency layer misses {member}"


def test_default_service_is_a_console_script(dockerfile: str) -> None:
    default = next(
        line.split("=", 1)[1] for line in dockerfile.splitlines() if line.startswith("ARG SERVICE=")
    )
    assert default in console_scripts()
    services = ("gateway", "catalog", "imagegen", "videogen", "media")
    assert {f"drama-{name}" for name in services} <= console_scripts()


def test_dockerignore_lets_in_what_the_build_copies() -> None:
    rules = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert rules[rules.index("**") + 1 :][:5] == [
        "!pyproject.toml",
        "!uv.lock",
        "!libs/",
        "!services/",
        "!deploy/healthcheck.py",
    ]
    assert {"**/.env", "**/__pycache__", "**/tests"} <= set(rules)


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port held bound but not listening, so a connection to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
        held.bind(("127.0.0.1", 0))
        yield int(held.getsockname()[1])


@pytest.fixture
async def health_port() -> AsyncIterator[int]:
    server = HealthServer(0, lambda: True, host="127.0.0.1")
    await server.start()
    try:
        yield server.port
    finally:
        await server.stop()


async def run_healthcheck(**environment: str) -> int:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(HEALTHCHECK),
        env={"PATH": "/usr/bin:/bin", **environment},
    )
    return await asyncio.wait_for(process.wait(), timeout=60)


async def test_healthcheck_passes_on_the_worker_port(health_port: int) -> None:
    assert await run_healthcheck(HEALTH_PORT=str(health_port)) == 0


async def test_healthcheck_falls_back_to_the_gateway_port(
    health_port: int, closed_port: int
) -> None:
    assert await run_healthcheck(HEALTH_PORT=str(closed_port), PORT=str(health_port)) == 0


async def test_healthcheck_fails_when_nothing_answers(closed_port: int) -> None:
    assert await run_healthcheck(HEALTH_PORT=str(closed_port), PORT=str(closed_port)) == 1
