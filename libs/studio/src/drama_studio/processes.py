"""Background processes with pid files: start, check, probe and stop them.

Each process runs in its own session (so a signal reaches its children too), writes stdout and
stderr to ``logs/<name>.log`` and records its pid in ``run/<name>.pid``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import structlog

from drama_studio.paths import DataLayout

log = structlog.get_logger()

POLL_S = 0.1


@dataclass(frozen=True)
class ProcessSpec:
    """How to run one process of the stack and how to tell that it is ready.

    ``ready_url`` is an HTTP URL answering 200 once the process serves; without one, the
    process is ready when something accepts connections on ``port``.
    """

    name: str
    argv: Sequence[str]
    env: Mapping[str, str]
    ready_url: str | None = None
    port: int | None = None

    @property
    def program(self) -> str:
        return Path(self.argv[0]).name


@dataclass(frozen=True)
class ProcessState:
    name: str
    pid: int | None
    alive: bool
    ready: bool


class ProcessFailed(RuntimeError):
    """A process exited or did not become ready; ``log_tail`` holds the end of its log."""

    def __init__(self, name: str, reason: str, log_tail: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
        self.log_tail = log_tail


def read_pid(layout: DataLayout, name: str) -> int | None:
    try:
        return int(layout.pid_file(name).read_text().strip())
    except (OSError, ValueError):
        return None


def _exited(pid: int) -> bool:
    """Whether every thread of ``pid`` has exited (a zombie waiting to be reaped).

    A multi-threaded program's main thread can be a zombie while other threads still wind
    down, so the state of each thread counts, not only the first one's.
    """
    try:
        threads = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return False
    states = []
    for thread in threads:
        with contextlib.suppress(OSError):
            states.append((thread / "stat").read_text().rpartition(")")[2].split()[:1])
    return all(state in (["Z"], ["X"]) for state in states)


def is_alive(pid: int, program: str | None = None) -> bool:
    """Whether ``pid`` runs (reaping it first if it is our exited child).

    With ``program``, a live pid only counts when its command line names that program, so a
    recycled pid is not mistaken for ours.
    """
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    if _exited(pid):
        return False
    if program is None:
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    # Right after exec the command line can read empty for a moment: that is no evidence.
    return not cmdline or program.encode() in cmdline


def running_pid(layout: DataLayout, spec: ProcessSpec) -> int | None:
    """The pid of ``spec``'s process when its pid file names a live one."""
    pid = read_pid(layout, spec.name)
    if pid is not None and is_alive(pid, spec.program):
        return pid
    return None


def start(layout: DataLayout, spec: ProcessSpec) -> int:
    """Start ``spec`` in the background and record its pid."""
    layout.create()
    with layout.log_file(spec.name).open("ab") as log_file:
        process = subprocess.Popen(
            list(spec.argv),
            env=dict(spec.env),
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    layout.pid_file(spec.name).write_text(f"{process.pid}\n")
    log.info("process.started", process=spec.name, pid=process.pid)
    return process.pid


def port_answers(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((host, port)) == 0


def url_answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def is_ready(spec: ProcessSpec) -> bool:
    if spec.ready_url is not None:
        return url_answers(spec.ready_url)
    if spec.port is not None:
        return port_answers(spec.port)
    return True


def log_tail(layout: DataLayout, name: str, lines: int = 40) -> str:
    try:
        text = layout.log_file(name).read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def wait_ready(layout: DataLayout, specs: Sequence[ProcessSpec], timeout: float) -> None:
    """Wait until every spec is ready; fail as soon as one of them has exited."""
    deadline = time.monotonic() + timeout
    pending = list(specs)
    while pending:
        for spec in list(pending):
            if running_pid(layout, spec) is None:
                raise ProcessFailed(spec.name, "exited", log_tail(layout, spec.name))
            if is_ready(spec):
                pending.remove(spec)
        if not pending:
            return
        if time.monotonic() > deadline:
            spec = pending[0]
            raise ProcessFailed(
                spec.name, f"not ready after {timeout:.0f} s", log_tail(layout, spec.name)
            )
        time.sleep(POLL_S * 5)


def _signal(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def stop(layout: DataLayout, spec: ProcessSpec, timeout: float) -> bool:
    """SIGTERM the process (and its session), SIGKILL after ``timeout``; drop its pid file.

    Answers whether a live process was stopped.
    """
    pid = running_pid(layout, spec)
    stopped = pid is not None
    if pid is not None:
        _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while is_alive(pid, spec.program) and time.monotonic() < deadline:
            time.sleep(POLL_S)
        if is_alive(pid, spec.program):
            log.warning("process.killed", process=spec.name, pid=pid)
            _signal(pid, signal.SIGKILL)
            kill_deadline = time.monotonic() + 5.0
            while is_alive(pid) and time.monotonic() < kill_deadline:
                time.sleep(POLL_S)
        log.info("process.stopped", process=spec.name, pid=pid)
    layout.pid_file(spec.name).unlink(missing_ok=True)
    return stopped


def state(layout: DataLayout, spec: ProcessSpec) -> ProcessState:
    pid = read_pid(layout, spec.name)
    alive = pid is not None and is_alive(pid, spec.program)
    return ProcessState(spec.name, pid, alive, alive and is_ready(spec))
