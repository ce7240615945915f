"""Jobs committed by a unit of work reach the stream at once, without the relay's pass over
the outbox table, and their rows are marked sent; a stop finishes what is under way."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import nats
import pytest
from nats.js import JetStreamContext
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


@dataclass
class Relaying:
    context: CatalogContext
    relay: OutboxRelay
    js: JetStreamContext
    wakeup: CountedWakeup

    async def commit_jobs(self, *numbers: int) -> None:
        async with self.context.transaction() as session:
            for number in numbers:
                enqueue(session, subjects.IMAGE_JOBS, ImageJob(generation_id=number, prompt="p"))

    async def stored(self) -> int:
        return int((await self.js.stream_info(subjects.JOBS_STREAM)).state.messages)

    async def sent_marks(self) -> list[bool]:
        async with self.context.sessions() as session:
            rows = (await session.scalars(select(OutboxMessage.sent_at))).all()
        return [sent is not None for sent in rows]


@pytest.fixture
async def relaying(private_nats: NatsServer, tmp_path: Path) -> AsyncIterator[Relaying]:
    """A relay whose pass runs once at start and then only every ten minutes."""
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
        yield Relaying(context, relay, js, wakeup)
    finally:
        await relay.stop()
        await client.close()
        await engine.dispose()


async def test_committed_jobs_are_published_without_a_pass(relaying: Relaying) -> None:
    await relaying.commit_jobs(1, 2)

    async def stored() -> bool:
        return await relaying.stored() == 2

    async def marked() -> bool:
        return await relaying.sent_marks() == [True, True]

    await eventually(stored, timeout=10)
    await eventually(marked, timeout=10)
    assert relaying.wakeup.calls == 0


async def test_stop_marks_what_it_published_and_leaves_later_jobs_unsent(
    relaying: Relaying,
) -> None:
    await relaying.commit_jobs(1, 2, 3)
    await relaying.relay.stop()
    assert await relaying.sent_marks() == [True, True, True]
    assert await relaying.stored() == 3

    await relaying.commit_jobs(4)
    assert await relaying.sent_marks() == [True, True, True, False]
    assert await relaying.stored() == 3
