"""The catalog's durable consumer of worker events: each event applied exactly once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.models import ProcessedEvent
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
        event = GenerationEvent.model_validate_json(delivery.data)
        async with self._context.transaction() as session:
            seen = await session.scalar(
                select(ProcessedEvent.event_id).where(ProcessedEvent.event_id == event.message_id)
            )
            if seen is not None:
                log.info("events.duplicate", event_id=event.message_id)
                return
            session.add(ProcessedEvent(event_id=event.message_id))
            await self._apply(session, self._context, event)

    async def give_up(self, delivery: Delivery, reason: str) -> None:
        log.error("events.dropped", reason=reason, size=len(delivery.data))
