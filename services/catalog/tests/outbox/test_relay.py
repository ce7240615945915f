"""Jobs committed by a unit of work reach the stream at once, without the relay's pass over
the outbox table, and their rows are marked sent."""

from __future__ import annotations

import asyncio
from pathlib import Path

import nats
from sqlalchemy import select

from drama_catalog.context import CatalogContext, enqueue
from drama_catalog.db import make_engine, migrate, session_factory
from drama_catalog.models import OutboxMessage
from drama_catalog.outbox import OutboxRelay
from drama_catalog.settings import CatalogSettings
from drama_common.broker import ensure_streams
from drama_common.messages import subjects
from drama_common.messages.jobs import ImageJob
from drama_common.storage import make_storage
from tests.fixtures.infra import NatsServer, eventually


class CountedWakeup(asyncio.Event):
    """The relay's wake-up signal, counting how often a pass was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def set(self) -> None:
        self.calls += 1
        super().set()


async def test_committed_jobs_are_published_without_a_pass(
    private_nats: NatsServer, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'catalog.db'}"
    await migrate(url)
    engine = make_engine(url)
    settings = CatalogSettings(
        database_url=url, storage_root=str(tmp_path / "storage"), outbox_poll_s=600
    )
    wakeup = CountedWakeup()
    context = CatalogContext(
        settings=settings,
        sessions=session_factory(engine),
        storage=make_storage(settings),
        outbox_wakeup=wakeup,
    )
    client = await nats.connect(private_nats.url)
    js = client.jetstream()
    await ensure_streams(js, settings)
    relay = OutboxRelay(context, js)
    context.publish_committed = relay.publish_committed
    relay.start()
    try:
        async with context.transaction() as session:
            for number in (1, 2):
                enqueue(session, subjects.IMAGE_JOBS, ImageJob(generation_id=number, prompt="p"))

        async def stored() -> bool:
            info = await js.stream_info(subjects.JOBS_STREAM)
            return info.state.messages == 2

        await eventually(stored, timeout=10)

        async def marked() -> bool:
            async with context.sessions() as session:
                rows = (await session.scalars(select(OutboxMessage.sent_at))).all()
            return len(rows) == 2 and all(sent is not None for sent in rows)

        await eventually(marked, timeout=10)
        assert wakeup.calls == 0
    finally:
        await relay.stop()
        await client.close()
        await engine.dispose()
