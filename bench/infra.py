"""Real infrastructure for a benchmark run: ports, a NATS server, a fresh PostgreSQL database
and background processes that are always stopped."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import structlog

log = structlog.get_logger()
BIN = Path(sys.executable).parent
LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
STOP_GRACE_S = 5.0
"""How long a process may take to exit after SIGTERM before it is killed (nothing is timed
during teardown)."""


class BenchSetupError(RuntimeError):
    """The stack or a tool a benchmark needs could not be brought up."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(
    check: Callable[[], bool], timeout: float, what: str, interval: float = 0.05
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    raise BenchSetupError(f"{what} not reached within {timeout:.0f} s")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def url_ok(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


@dataclass
class Process:
    """A background process in its own session, its output in ``log_path``."""

    name: str
    argv: Sequence[str]
    env: Mapping[str, str]
    log_path: Path
    cwd: Path | None = None
    popen: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as sink:
            self.popen = subprocess.Popen(
                list(self.argv),
                env=dict(self.env),
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=self.cwd,
            )

    @property
    def pid(self) -> int:
        if self.popen is None:
            raise BenchSetupError(f"{self.name} was not started")
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def wait_ready(self, ready: Callable[[], bool], timeout: float = 90.0) -> None:
        def check() -> bool:
            if not self.alive():
                raise BenchSetupError(f"{self.name} exited:\n{self.log_tail()}")
            return ready()

        try:
            wait_until(check, timeout, f"{self.name} ready", interval=0.1)
        except BenchSetupError as error:
            raise BenchSetupError(f"{error}\n{self.log_tail()}") from error

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def stop(self, timeout: float = STOP_GRACE_S) -> None:
        """SIGTERM to the process's group, SIGKILL after ``timeout``."""
        if self.popen is None or self.popen.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=timeout)


@dataclass
class ProcessGroup:
    """Processes stopped together, last started first."""

    processes: list[Process] = field(default_factory=list)

    def add(self, process: Process) -> Process:
        process.start()
        self.processes.append(process)
        return process

    def remove(self, process: Process) -> None:
        process.stop()
        self.processes.remove(process)

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()


def start_nats(group: ProcessGroup, folder: Path) -> str:
    """A nats-server with JetStream on a free port; answers its URL."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "nats.conf"
    config.write_text(
        f'port: {port}\nhost: "127.0.0.1"\nmax_payload: 8MB\n'
        f'jetstream {{ store_dir: "{folder / "js"}" }}\n'
    )
    binary = shutil.which("nats-server", path=str(BIN)) or "nats-server"
    process = group.add(
        Process("nats", [binary, "-c", str(config)], dict(os.environ), folder / "nats.log")
    )
    process.wait_ready(lambda: port_open(port), timeout=30)
    return f"nats://127.0.0.1:{port}"


def postgres_base() -> str:
    """The PostgreSQL server from ``DATABASE_URL``, else the local trust-auth server."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return url.replace("postgresql+asyncpg://", "postgresql://")
    log.info("bench.database_default", url=LOCAL_POSTGRES)
    return LOCAL_POSTGRES


async def create_database(base: str) -> str:
    """A new empty database on ``base``'s server; answers its URL."""
    name = f"drama_bench_{uuid.uuid4().hex[:10]}"
    connection = await asyncpg.connect(base)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    head, _, _ = base.rpartition("/")
    return f"{head}/{name}"


async def drop_database(base: str, url: str) -> None:
    name = url.rpartition("/")[2]
    connection = await asyncpg.connect(base)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


@contextlib.contextmanager
def stopping(group: ProcessGroup) -> Iterator[ProcessGroup]:
    try:
        yield group
    finally:
        group.stop_all()
