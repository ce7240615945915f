"""Real service processes for fault tests: started from their console scripts, logging to
files, killed with SIGKILL and restarted, all on one private NATS server and database.

    cluster = Cluster(private_nats, tmp_path, database_url)
    cluster.start("catalog", SWEEP_INTERVAL_S="1")
    cluster.start("gateway")
    await cluster.ready("catalog", "gateway")
    drama = await cluster.data("POST", "/dramas", json={"title": "x"}, status=201)
    cluster.kill("catalog"); cluster.start("catalog"); ...
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx
import nats
from nats.aio.client import Client
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from drama_catalog.db import make_engine, session_factory
from drama_common.messages import subjects
from tests.fixtures.infra import NatsServer, eventually, free_port

BIN = Path(sys.executable).parent
FINISHED = ("completed", "failed")
WAIT_S = 90.0


@dataclass
class ServiceProcess:
    """One service process; every start appends to the same log file."""

    kind: str
    env: dict[str, str]
    log_path: Path
    health_port: int
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0
    _log: IO[bytes] | None = None

    def start(self) -> None:
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(BIN / f"drama-{self.kind}")],
            env={**os.environ, **self.env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.starts += 1

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, in-flight work is simply gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)
        self._close_log()

    def stop(self, timeout: float = 30.0) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


@dataclass
class Cluster:
    nats_server: NatsServer
    root: Path
    database_url: str
    common: dict[str, str] = field(default_factory=dict)
    services: dict[str, ServiceProcess] = field(default_factory=dict)
    gateway_port: int = 0
    _engine: AsyncEngine | None = None

    def __post_init__(self) -> None:
        self.common = {
            "NATS_URL": self.nats_server.url,
            "DATABASE_URL": self.database_url,
            "STORAGE_BACKEND": "local",
            "STORAGE_ROOT": str(self.root / "storage"),
            "JETSTREAM_STORAGE": "file",
            "LOG_JSON": "true",
            "LOG_LEVEL": "INFO",
            "LANGUAGE": "en",
            **self.common,
        }

    @property
    def storage(self) -> Path:
        return self.root / "storage"

    def start(self, kind: str, **settings: str) -> ServiceProcess:
        """Start ``kind`` (first time: with ``settings``; later: with the same settings)."""
        service = self.services.get(kind)
        if service is None:
            port = free_port()
            env = {**self.common, "HEALTH_PORT": str(port), **settings}
            if kind == "gateway":
                self.gateway_port = port
                env.update(HOST="127.0.0.1", PORT=str(port))
            service = ServiceProcess(kind, env, self.root / f"{kind}.log", port)
            self.services[kind] = service
        else:
            service.env.update(settings)
        service.start()
        return service

    def kill(self, kind: str) -> None:
        self.services[kind].kill()

    async def ready(self, *kinds: str, timeout: float = WAIT_S) -> None:
        async with httpx.AsyncClient(timeout=5) as http:
            for kind in kinds:
                service = self.services[kind]

                async def answers(service: ServiceProcess = service) -> bool:
                    assert service.alive, f"{service.kind} exited; log:\n{self.log(service.kind)}"
                    try:
                        url = f"http://127.0.0.1:{service.health_port}/ready"
                        return (await http.get(url)).status_code == 200
                    except httpx.HTTPError:
                        return False

                await eventually(answers, timeout=timeout, interval=0.2)

    def log(self, kind: str) -> str:
        path = self.root / f"{kind}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def logs(self) -> str:
        return "\n".join(self.log(kind) for kind in self.services)

    def close(self) -> None:
        for service in self.services.values():
            service.stop()

    # --- the client's way in -------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def api(self) -> AsyncIterator[httpx.AsyncClient]:
        base = f"http://127.0.0.1:{self.gateway_port}/api/v1"
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            yield client

    async def data(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        async with self.api() as api:
            answer = await api.request(method, path, **kwargs)
        assert answer.status_code == status, answer.text
        body = answer.json()
        assert body["success"] is True, body
        return body.get("data")

    async def finished(
        self, path: str, key: str | None = None, timeout: float = WAIT_S
    ) -> dict[str, Any]:
        """Poll ``path`` until its record is ``completed`` or ``failed``."""
        latest: dict[str, Any] = {}

        async def done() -> bool:
            nonlocal latest
            async with self.api() as api:
                answer = await api.get(path)
            if answer.status_code != 200:
                return False
            data = answer.json()["data"]
            latest = data[key] if key else data
            return latest["status"] in FINISHED

        await eventually(done, timeout=timeout, interval=0.25)
        return latest

    # --- the bus and the database, to count what happened -----------------------------------

    @contextlib.asynccontextmanager
    async def bus(self) -> AsyncIterator[Client]:
        client = await nats.connect(
            self.nats_server.url, max_reconnect_attempts=-1, reconnect_time_wait=0.5
        )
        try:
            yield client
        finally:
            await client.close()

    async def jobs_ever_stored(self) -> int:
        """How many jobs the work-queue stream ever stored (its last sequence): a publish the
        duplicate window dropped does not count, an acked job still does."""
        async with self.bus() as client:
            info = await client.jetstream().stream_info(subjects.JOBS_STREAM)
        return int(info.state.last_seq)

    async def events_on(self, subject: str) -> int:
        """How many events the events stream holds on ``subject`` (wildcards allowed)."""
        async with self.bus() as client:
            info = await client.jetstream().stream_info(
                subjects.EVENTS_STREAM, subjects_filter=subject
            )
        return sum((info.state.subjects or {}).values())

    def sessions(self) -> async_sessionmaker[AsyncSession]:
        if self._engine is None:
            self._engine = make_engine(self.database_url)
        return session_factory(self._engine)

    async def dispose(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None


def stored_objects(cluster: Cluster, folder: str, stem: str) -> list[Path]:
    """Files under ``storage/<folder>`` whose name starts with ``stem`` (temp files included)."""
    base = cluster.storage / folder
    return (
        sorted(p for p in base.rglob("*") if p.is_file() and stem in p.name)
        if base.exists()
        else []
    )
