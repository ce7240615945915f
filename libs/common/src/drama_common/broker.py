"""The one way a service reaches the bus: a FastStream broker on NATS, and its streams."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

import nats.errors
import nats.js.errors
import structlog
from faststream.nats import NatsBroker
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import RetentionPolicy, StorageType, StreamConfig

from drama_common.messages import subjects
from drama_common.settings import CommonSettings

log = structlog.get_logger()


def make_broker(settings: CommonSettings, name: str) -> NatsBroker:
    """A broker that reconnects for ever, so a restarted NATS server is picked up again."""
    return NatsBroker(
        settings.nats_url.split(","),
        name=name,
        allow_reconnect=True,
        max_reconnect_attempts=-1,
        reconnect_time_wait=1,
        connect_timeout=5,
        graceful_timeout=15.0,
        logger=None,
    )


@dataclass
class Bus:
    """A connected broker with its raw client and JetStream context."""

    broker: NatsBroker
    client: Client
    js: JetStreamContext

    async def close(self) -> None:
        """Drain politely, but never wait more than a few seconds for it."""
        try:
            await asyncio.wait_for(self.broker.stop(), timeout=10)
        except (TimeoutError, nats.errors.Error):
            log.warning("bus.drain_timed_out")
            with contextlib.suppress(Exception):
                await self.client.close()


async def connect_bus(settings: CommonSettings, name: str) -> Bus:
    broker = make_broker(settings, name)
    client = await broker.connect()
    bus = Bus(broker=broker, client=client, js=client.jetstream(timeout=10))
    await ensure_streams(bus.js, settings)
    return bus


def stream_configs(settings: CommonSettings) -> list[StreamConfig]:
    storage = StorageType.FILE if settings.jetstream_storage == "file" else StorageType.MEMORY
    return [
        StreamConfig(
            name=subjects.JOBS_STREAM,
            subjects=["jobs.>"],
            retention=RetentionPolicy.WORK_QUEUE,
            storage=storage,
            num_replicas=settings.jetstream_replicas,
            duplicate_window=600.0,
        ),
        StreamConfig(
            name=subjects.EVENTS_STREAM,
            subjects=[subjects.EVENTS],
            retention=RetentionPolicy.LIMITS,
            storage=storage,
            num_replicas=settings.jetstream_replicas,
            max_age=7 * 24 * 3600.0,
            duplicate_window=600.0,
        ),
    ]


async def ensure_streams(js: JetStreamContext, settings: CommonSettings) -> None:
    """Declare the streams; an existing stream of the same name is updated in place."""
    for config in stream_configs(settings):
        try:
            await js.add_stream(config)
        except nats.js.errors.BadRequestError:
            await js.update_stream(config)
    log.debug("bus.streams_ready")
