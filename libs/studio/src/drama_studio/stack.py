"""The embedded stack: a NATS server and the five services, started in order on one machine."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from drama_studio import processes
from drama_studio.paths import DataLayout, StudioSettings
from drama_studio.processes import ProcessSpec, ProcessState

BIN = Path(sys.executable).parent
WORKERS = ("imagegen", "videogen", "media")
NATS = "nats"
CATALOG = "catalog"
GATEWAY = "gateway"
ORDER = (NATS, CATALOG, *WORKERS, GATEWAY)


def binary(name: str) -> str:
    """A console script or binary installed next to the running interpreter."""
    return str(BIN / name)


def nats_config(settings: StudioSettings) -> Path:
    """Write the NATS configuration file under the data folder and return its path."""
    layout = settings.layout
    layout.create()
    config = layout.run / "nats.conf"
    config.write_text(
        f"host: 127.0.0.1\nport: {settings.nats_port}\nmax_payload: 8MB\n"
        f'jetstream {{ store_dir: "{layout.nats_store}" }}\n'
    )
    return config


def nats_spec(settings: StudioSettings) -> ProcessSpec:
    argv = [binary("nats-server"), "-c", str(settings.layout.run / "nats.conf")]
    return ProcessSpec(NATS, argv, dict(os.environ), port=settings.nats_port)


def service_env(
    settings: StudioSettings, environ: Mapping[str, str], own: Mapping[str, str]
) -> dict[str, str]:
    """The environment of a service: our defaults, then the user's variables, then ``own``.

    ``own`` holds what must differ per process (its ports), so one variable set for the
    whole shell cannot make every service claim the same port.
    """
    layout = settings.layout
    defaults = {
        "NATS_URL": f"nats://127.0.0.1:{settings.nats_port}",
        "DATABASE_URL": f"sqlite:///{layout.database}",
        "STORAGE_BACKEND": "local",
        "STORAGE_ROOT": str(layout.storage),
        "LOG_JSON": "true",
        "HOST": "127.0.0.1",
        "PYTHONUNBUFFERED": "1",
    }
    return {**defaults, **environ, **own}


def health_ports(settings: StudioSettings) -> dict[str, int]:
    return {
        CATALOG: settings.catalog_health_port,
        "imagegen": settings.imagegen_health_port,
        "videogen": settings.videogen_health_port,
        "media": settings.media_health_port,
    }


def service_specs(
    settings: StudioSettings, environ: Mapping[str, str] | None = None
) -> list[ProcessSpec]:
    """The five services, catalog first and gateway last."""
    user = dict(os.environ if environ is None else environ)
    specs = []
    for name, port in health_ports(settings).items():
        env = service_env(settings, user, {"HEALTH_PORT": str(port)})
        specs.append(
            ProcessSpec(
                name, [binary(f"drama-{name}")], env, ready_url=f"http://127.0.0.1:{port}/ready"
            )
        )
    gateway = service_env(settings, user, {"PORT": str(settings.gateway_port)})
    specs.append(
        ProcessSpec(
            GATEWAY,
            [binary("drama-gateway")],
            gateway,
            ready_url=f"http://127.0.0.1:{settings.gateway_port}/ready",
        )
    )
    return specs


def storage_root(settings: StudioSettings, environ: Mapping[str, str] | None = None) -> Path | None:
    """The folder the stack stores objects in, or ``None`` when it stores them in S3."""
    env = os.environ if environ is None else environ
    if env.get("STORAGE_BACKEND", "local").lower() != "local":
        return None
    return Path(env.get("STORAGE_ROOT") or settings.layout.storage).expanduser().resolve()


def uses_embedded_nats(environ: Mapping[str, str] | None = None) -> bool:
    """Our own NATS server runs unless the user points the services at another one."""
    return not (os.environ if environ is None else environ).get("NATS_URL")


def stack_specs(
    settings: StudioSettings, environ: Mapping[str, str] | None = None
) -> list[ProcessSpec]:
    specs = [nats_spec(settings)] if uses_embedded_nats(environ) else []
    return specs + service_specs(settings, environ)


@dataclass(frozen=True)
class UpResult:
    started: list[str]
    already_up: bool


def listening_port(spec: ProcessSpec) -> int | None:
    """The port ``spec`` will listen on, from its settings or its readiness URL."""
    if spec.port is not None:
        return spec.port
    if spec.ready_url:
        return urlsplit(spec.ready_url).port
    return None


def port_in_use(port: int) -> str:
    return f"端口 {port} 已被其他程序占用 / port {port} is already in use by another program"


def port_taken(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1.0)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def ensure(settings: StudioSettings, spec: ProcessSpec) -> bool:
    """Start ``spec`` unless it already runs; answers whether it was started.

    A port held by some other program is refused up front: attaching to a foreign server
    would run the job against somebody else's stack.
    """
    if processes.running_pid(settings.layout, spec) is not None:
        return False
    port = listening_port(spec)
    if port is not None and port_taken(port):
        raise processes.ProcessFailed(spec.name, port_in_use(port), "")
    if spec.name == NATS:
        nats_config(settings)
    processes.start(settings.layout, spec)
    return True


def up(settings: StudioSettings, environ: Mapping[str, str] | None = None) -> UpResult:
    """Start whatever part of the stack is not running and wait until all of it is ready.

    Raises :class:`~drama_studio.processes.ProcessFailed` naming the process that exited or
    stayed unready, with the tail of its log.
    """
    layout = settings.layout
    layout.create()
    specs = stack_specs(settings, environ)
    first = [spec for spec in specs if spec.name in (NATS, CATALOG)]
    rest = [spec for spec in specs if spec.name not in (NATS, CATALOG)]
    started: list[str] = []
    for spec in first:
        if ensure(settings, spec):
            started.append(spec.name)
        processes.wait_ready(layout, [spec], settings.ready_timeout_s)
    started += [spec.name for spec in rest if ensure(settings, spec)]
    processes.wait_ready(layout, rest, settings.ready_timeout_s)
    return UpResult(started, already_up=not started)


def down(settings: StudioSettings, environ: Mapping[str, str] | None = None) -> list[str]:
    """Stop every process of the stack, last started first; answers the ones that ran."""
    names = {spec.name: spec for spec in stack_specs(settings, environ)}
    names.setdefault(NATS, nats_spec(settings))
    stopped = []
    for name in reversed(ORDER):
        if processes.stop(settings.layout, names[name], settings.stop_timeout_s):
            stopped.append(name)
    return stopped


def status(
    settings: StudioSettings, environ: Mapping[str, str] | None = None
) -> list[ProcessState]:
    layout: DataLayout = settings.layout
    return [processes.state(layout, spec) for spec in stack_specs(settings, environ)]
