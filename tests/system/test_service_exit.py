"""The catalog and the gateway, each its own process, end with exit status 0 on SIGTERM once
they have served, also while an image worker is connected to the bus."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.fixtures.infra import NatsServer, eventually, free_port

BIN = Path(sys.executable).parent


def _start(name: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BIN / f"drama-{name}")],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def _ready(url: str) -> None:
    async with httpx.AsyncClient() as http:

        async def answers() -> bool:
            try:
                return (await http.get(url)).status_code == 200
            except httpx.HTTPError:
                return False

        await eventually(answers, timeout=60)


async def test_catalog_and_gateway_exit_zero_on_sigterm(
    private_nats: NatsServer, tmp_path: Path
) -> None:
    shared = {
        "NATS_URL": private_nats.url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'catalog.db'}",
        "STORAGE_ROOT": str(tmp_path / "storage"),
    }
    catalog_health, worker_health, gateway_port = free_port(), free_port(), free_port()
    processes = {
        "catalog": _start("catalog", {**shared, "HEALTH_PORT": str(catalog_health)}),
        "imagegen": _start("imagegen", {**shared, "HEALTH_PORT": str(worker_health)}),
    }
    try:
        await _ready(f"http://127.0.0.1:{catalog_health}/ready")
        await _ready(f"http://127.0.0.1:{worker_health}/ready")
        processes["gateway"] = _start(
            "gateway", {**shared, "HOST": "127.0.0.1", "PORT": str(gateway_port)}
        )
        api = f"http://127.0.0.1:{gateway_port}"
        await _ready(api + "/ready")
        async with httpx.AsyncClient(base_url=api) as http:
            created = await http.post("/api/v1/dramas", json={"title": "exit"})
            assert created.json()["success"] is True

        for name in ("gateway", "imagegen", "catalog"):
            processes[name].send_signal(signal.SIGTERM)
            assert processes[name].wait(timeout=60) == 0, name
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
