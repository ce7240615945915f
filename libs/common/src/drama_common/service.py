"""Running a service process: logging, the bus, health, and a clean exit on SIGTERM."""

from __future__ import annotations

import asyncio
import signal
from abc import ABC, abstractmethod

import structlog

from drama_common.broker import Bus, connect_bus
from drama_common.health import HealthServer
from drama_common.logging import configure_logging
from drama_common.settings import CommonSettings

log = structlog.get_logger()


class Service(ABC):
    """A long-running service: ``start`` once connected, ``stop`` on SIGTERM or SIGINT."""

    name: str = "service"

    def __init__(self, settings: CommonSettings) -> None:
        self.settings = settings
        self.ready = False
        self._bus: Bus | None = None

    @property
    def bus(self) -> Bus:
        if self._bus is None:
            raise RuntimeError("service not connected")
        return self._bus

    async def open(self) -> None:
        """Connect and start serving (used by ``run`` and by in-process tests)."""
        self._bus = await connect_bus(self.settings, self.name)
        await self.start()
        self.ready = True
        log.info("service.started", service=self.name)

    async def close(self) -> None:
        self.ready = False
        await self.stop()
        if self._bus is not None:
            await self._bus.close()
        log.info("service.stopped", service=self.name)

    @abstractmethod
    async def start(self) -> None: ...

    @abstractmethod
    async def stop(self) -> None: ...

    async def run(self) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        health = HealthServer(self.settings.health_port, lambda: self.ready)
        if self.settings.health_port:
            await health.start()
        await self.open()
        await stop.wait()
        log.info("service.stopping", service=self.name)
        await self.close()
        await health.stop()


def run_service(service: Service) -> None:
    """Run a service to its end on uvloop where it is installed (Linux, macOS), else on the
    standard event loop."""
    configure_logging(service.name, service.settings.log_level, service.settings.log_json)
    try:
        import uvloop
    except ImportError:
        asyncio.run(service.run())
    else:
        uvloop.run(service.run())
