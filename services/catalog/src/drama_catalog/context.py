"""What every catalog handler can reach: sessions, storage, the outbox and the language."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from drama_catalog.models import OutboxMessage
from drama_catalog.settings import CatalogSettings
from drama_common.messages.base import Message
from drama_common.storage import ObjectStorage

ENQUEUED = "outbox_enqueued"
"""``session.info`` key set when a job was written to the outbox in that session."""


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

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work; jobs enqueued in it are published only after it commits (the
        outbox relay is woken only when the unit enqueued one)."""
        async with self.sessions() as session, session.begin():
            yield session
            enqueued = bool(session.info.pop(ENQUEUED, False))
        if enqueued:
            self.outbox_wakeup.set()

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
    session.info[ENQUEUED] = True
    return row
