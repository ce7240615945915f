"""The catalog's durable consumer of worker events: each event applied exactly once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.db import conflict_insert
from drama_catalog.models import ProcessedEvent, utcnow
from drama_common.consumer import Delivery
from drama_common.messages.events import GenerationEvent

log = structlog.get_logger()

Applier = Callable[[AsyncSession, CatalogContext, GenerationEvent], Awaitable[None]]


class EventApplier:
    """Applies each event once: its id is recorded in the same transaction as its effect."""

    def __init__(self, context: CatalogContext, apply: Applier) -> None:
        self._context = context
        self._apply = apply

    async def handle(self, delivery: Delivery) -> None:
        event = delivery.parse(GenerationEvent)
        async with self._context.transaction() as session:
            if not await _first_time(session, event.message_id):
                log.info("events.duplicate", event_id=event.message_id)
                return
            await self._apply(session, self._context, event)

    async def give_up(self, delivery: Delivery, reason: str) -> None:
        log.error("events.dropped", reason=reason, size=len(delivery.data))


async def _first_time(session: AsyncSession, event_id: str) -> bool:
    """Record ``event_id`` as applied; ``False`` when it already was. A second delivery
    handled at the same moment waits on the first one's row and then finds it there."""
    dialect = session.get_bind().dialect.name
    statement = (
        conflict_insert(dialect, ProcessedEvent)
        .values(event_id=event_id, processed_at=utcnow())
        .on_conflict_do_nothing(index_elements=[ProcessedEvent.event_id])
        .returning(ProcessedEvent.event_id)
    )
    return (await session.execute(statement)).first() is not None
