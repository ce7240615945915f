"""The process manager against real processes: a NATS server and small Python programs."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import Any

import nats
import pytest

from drama_studio import processes, stack
from drama_studio.paths import StudioSettings
from drama_studio.processes import ProcessFailed, ProcessSpec
from tests.fixtures.infra import free_port

NO_USER_ENV: dict[str, str] = {}


def settings_in(folder: Path, **extra: Any) -> StudioSettings:
    return StudioSettings(data_dir=folder / "data", nats_port=free_port(), **extra)


async def test_nats_starts_with_jetstream_and_down_stops_it(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    layout = settings.layout
    spec = stack.nats_spec(settings)

    assert stack.ensure(settings, spec) is True
    processes.wait_ready(layout, [spec], timeout=60)
    pid = processes.read_pid(layout, "nats")
    assert pid is not None and processes.is_alive(pid, spec.program)
    assert processes.port_answers(settings.nats_port)
    assert stack.ensure(settings, spec) is False, "a running server is not started twice"

    client = await nats.connect(f"nats://127.0.0.1:{settings.nats_port}")
    try:
        assert client.max_payload == 8 * 1024 * 1024
        info = await client.jetstream().account_info()
        assert info is not None
    finally:
        await client.close()
    assert (layout.nats_store / "jetstream").is_dir()
    assert "Server is ready" in layout.log_file("nats").read_text()

    states = {state.name: state for state in stack.status(settings, NO_USER_ENV)}
    assert states["nats"].alive and states["nats"].ready and states["nats"].pid == pid
    assert not states["gateway"].alive and states["gateway"].pid is None

    assert stack.down(settings, NO_USER_ENV) == ["nats"]
    assert not processes.is_alive(pid)
    assert not processes.port_answers(settings.nats_port)
    assert list(layout.run.glob("*.pid")) == []
    assert stack.down(settings, NO_USER_ENV) == []


def python_spec(name: str, code: str, port: int | None = None) -> ProcessSpec:
    return ProcessSpec(name, [sys.executable, "-c", code], dict(os.environ), port=port)


def test_a_process_that_exits_is_reported_with_its_log(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    spec = python_spec("broken", "import sys; print('cannot bind xyz'); sys.exit(3)", free_port())
    processes.start(settings.layout, spec)

    with pytest.raises(ProcessFailed) as failure:
        processes.wait_ready(settings.layout, [spec], timeout=60)

    assert failure.value.name == "broken"
    assert "cannot bind xyz" in failure.value.log_tail
    assert processes.stop(settings.layout, spec, timeout=5) is False
    assert not settings.layout.pid_file("broken").exists()


def test_a_process_ignoring_sigterm_is_killed(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    port = free_port()
    code = (
        "import signal, socket, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        f"s = socket.socket(); s.bind(('127.0.0.1', {port})); s.listen()\n"
        "time.sleep(600)\n"
    )
    spec = python_spec("stubborn", code, port)
    pid = processes.start(settings.layout, spec)
    processes.wait_ready(settings.layout, [spec], timeout=60)

    assert processes.stop(settings.layout, spec, timeout=1) is True

    assert not processes.is_alive(pid)
    assert not settings.layout.pid_file("stubborn").exists()


def test_services_get_our_defaults_the_users_overrides_and_their_own_ports(
    tmp_path: Path,
) -> None:
    settings = settings_in(tmp_path, gateway_port=free_port())
    user = {"DATABASE_URL": "postgresql+asyncpg://db/drama", "HEALTH_PORT": "9", "PORT": "9"}
    specs = {spec.name: spec for spec in stack.service_specs(settings, user)}

    assert list(specs) == ["catalog", "imagegen", "videogen", "media", "gateway"]
    catalog = specs["catalog"].env
    assert catalog["DATABASE_URL"] == "postgresql+asyncpg://db/drama"
    assert catalog["NATS_URL"] == f"nats://127.0.0.1:{settings.nats_port}"
    assert catalog["STORAGE_ROOT"] == str(settings.layout.storage)
    assert catalog["STORAGE_BACKEND"] == "local"
    assert "ALLOW_PRIVATE_URLS" not in catalog and catalog["LOG_JSON"] == "true"
    assert specs["gateway"].env["HOST"] == "127.0.0.1"
    assert catalog["HEALTH_PORT"] == str(settings.catalog_health_port)
    assert specs["media"].env["HEALTH_PORT"] == str(settings.media_health_port)
    assert specs["gateway"].env["PORT"] == str(settings.gateway_port)
    assert specs["gateway"].ready_url == f"http://127.0.0.1:{settings.gateway_port}/ready"
    assert Path(specs["gateway"].argv[0]).parent == Path(sys.executable).parent


def test_a_users_nats_url_replaces_the_embedded_server(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    names = [spec.name for spec in stack.stack_specs(settings, {"NATS_URL": "nats://far:4222"})]
    assert names == ["catalog", "imagegen", "videogen", "media", "gateway"]
    assert next(spec.name for spec in stack.stack_specs(settings, {})) == "nats"


def test_a_port_held_by_another_program_is_refused(tmp_path: Path) -> None:
    with socket.socket() as foreign:
        foreign.bind(("127.0.0.1", 0))
        foreign.listen()
        port = foreign.getsockname()[1]
        settings = StudioSettings(data_dir=tmp_path / "data", nats_port=port)
        with pytest.raises(ProcessFailed, match=f"port {port} is already in use"):
            stack.up(settings, {})
    assert processes.read_pid(settings.layout, "nats") is None
