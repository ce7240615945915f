"""What every catalog handler can reach: sessions, storage, the outbox and the language."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from drama_catalog.models import OutboxMessage
from drama_catalog.settings import CatalogSettings
from drama_common.messages.base import Message
from drama_common.storage import ObjectStorage

ENQUEUED = "outbox_enqueued"
"""``session.info`` key: the outbox rows written in that session by :func:`enqueue`."""


@dataclass
class CatalogContext:
    settings: CatalogSettings
    sessions: async_sessionmaker[AsyncSession]
    storage: ObjectStorage
    language: str = "zh"
    outbox_wakeup: asyncio.Event = field(default_factory=asyncio.Event)
    readers: async_sessionmaker[AsyncSession] | None = None
    """Sessions for reads that need no transaction of their own (PostgreSQL: autocommit, so
    a read costs no BEGIN and ROLLBACK round trips); ``sessions`` when not set."""
    publish_committed: Callable[[Sequence[OutboxMessage]], None] | None = None
    """Takes the outbox rows of a unit that has just committed, to publish them at once;
    without it the relay is woken to find them."""

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work; jobs enqueued in it are published only after it commits."""
        async with self.sessions() as session, session.begin():
            yield session
            enqueued: list[OutboxMessage] = session.info.pop(ENQUEUED, [])
        if not enqueued:
            return
        if self.publish_committed is None:
            self.outbox_wakeup.set()
        else:
            self.publish_committed(enqueued)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session for reads only; its queries may each see the latest committed data."""
        async with (self.readers or self.sessions)() as session:
            yield session


def enqueue(session: AsyncSession, subject: str, message: Message) -> OutboxMessage:
    """Write a job to the outbox inside the caller's transaction."""
    row = OutboxMessage(
        subject=subject,
        payload=message.model_dump_json(),
        headers={"Correlation-Id": message.correlation_id},
    )
    session.add(row)
    session.info.setdefault(ENQUEUED, []).append(row)
    return row
