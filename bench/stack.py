"""The stack as real processes: NATS, a fresh PostgreSQL database, the catalog, the gateway and
any number of image workers, each the console script next to ``sys.executable``."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

import httpx
import structlog

from bench.infra import (
    BIN,
    Process,
    ProcessGroup,
    create_database,
    drop_database,
    free_port,
    postgres_base,
    start_nats,
    url_ok,
)

log = structlog.get_logger()
READY_TIMEOUT_S = 120.0
RATE_LIMIT = 1_000_000_000
"""The gateway's per-client limit, raised so the load generator is not refused."""


class BenchStack:
    """``async with BenchStack() as stack:`` NATS, catalog and gateway up; workers on demand."""

    def __init__(self, root: Path | None = None, log_level: str = "INFO") -> None:
        self.root = root or Path(tempfile.mkdtemp(prefix="drama-bench-"))
        self._own_root = root is None
        self.log_level = log_level
        self.group = ProcessGroup()
        self.workers: list[Process] = []
        self.base = postgres_base()
        self.database_url = ""
        self.nats_url = ""
        self.gateway_port = 0
        self.catalog: Process | None = None
        self.gateway: Process | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}/api/v1"

    async def __aenter__(self) -> BenchStack:
        try:
            await self.start()
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.close()

    def env(self, **own: str) -> dict[str, str]:
        keep = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("S3_", "STORAGE_", "NATS_", "DATABASE_"))
        }
        return {
            **keep,
            "NATS_URL": self.nats_url,
            "DATABASE_URL": self.database_url,
            "STORAGE_BACKEND": "local",
            "STORAGE_ROOT": str(self.root / "storage"),
            "ALLOW_PRIVATE_URLS": "true",
            "LOG_JSON": "true",
            "LOG_LEVEL": self.log_level,
            "PYTHONUNBUFFERED": "1",
            **own,
        }

    async def start(self) -> None:
        self.database_url = await create_database(self.base)
        self.nats_url = start_nats(self.group, self.root / "nats")
        health = free_port()
        self.catalog = self._start("catalog", self.env(HEALTH_PORT=str(health)))
        self.catalog.wait_ready(lambda: url_ok(f"http://127.0.0.1:{health}/ready"), READY_TIMEOUT_S)
        self.gateway_port = free_port()
        self.gateway = self._start(
            "gateway",
            self.env(
                PORT=str(self.gateway_port),
                HOST="127.0.0.1",
                RATE_LIMIT_PER_MINUTE=str(RATE_LIMIT),
            ),
        )
        self.gateway.wait_ready(
            lambda: url_ok(f"http://127.0.0.1:{self.gateway_port}/ready"), READY_TIMEOUT_S
        )
        log.info("bench.stack_up", root=str(self.root), api=self.api_url)

    def _start(self, name: str, env: dict[str, str], label: str | None = None) -> Process:
        label = label or name
        process = Process(
            label,
            [str(BIN / f"drama-{name}")],
            env,
            self.root / "logs" / f"{label}.log",
            cwd=self.root,
        )
        return self.group.add(process)

    def start_imagegen(self, processes: int, concurrency: int) -> None:
        """Replace the image workers by ``processes`` new ones with ``concurrency`` each."""
        self.stop_imagegen()
        ports = []
        for index in range(processes):
            port = free_port()
            env = self.env(HEALTH_PORT=str(port), CONCURRENCY=str(concurrency))
            self.workers.append(self._start("imagegen", env, f"imagegen-{index}"))
            ports.append(port)
        for worker, port in zip(self.workers, ports, strict=True):
            worker.wait_ready(
                lambda p=port: url_ok(f"http://127.0.0.1:{p}/ready"),  # type: ignore[misc]
                READY_TIMEOUT_S,
            )

    def stop_imagegen(self) -> None:
        for worker in self.workers:
            self.group.remove(worker)
        self.workers.clear()

    def pids(self) -> dict[str, int]:
        return {process.name: process.pid for process in self.group.processes if process.alive()}

    async def close(self) -> None:
        self.group.stop_all()
        if self.database_url:
            try:
                await drop_database(self.base, self.database_url)
            except Exception as error:
                log.warning("bench.drop_database_failed", reason=str(error))
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)


async def create_image_config(
    api: httpx.AsyncClient, base_url: str, max_in_flight: int = 1_000_000
) -> int:
    """An image AI config of provider ``openai`` pointing at a fake provider."""
    body = {
        "service_type": "image",
        "name": "bench fake",
        "provider": "openai",
        "base_url": base_url,
        "api_key": "bench-key",
        "model": ["bench-image"],
        "is_default": True,
        "priority": 100,
        "max_in_flight": max_in_flight,
    }
    answer = await api.post("/ai-configs", json=body)
    answer.raise_for_status()
    return int(answer.json()["data"]["id"])


async def create_drama(api: httpx.AsyncClient, title: str = "bench drama") -> int:
    answer = await api.post("/dramas", json={"title": title, "genre": "bench"})
    answer.raise_for_status()
    return int(answer.json()["data"]["id"])
