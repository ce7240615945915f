"""The outbox relay: publishes committed jobs, de-duplicated by the outbox id."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime

import nats.errors
import nats.js.errors
import structlog
from nats.js import JetStreamContext
from sqlalchemy import select

from drama_catalog.context import CatalogContext
from drama_catalog.models import OutboxMessage

log = structlog.get_logger()
BATCH = 200


class OutboxRelay:
    def __init__(self, context: CatalogContext, js: JetStreamContext) -> None:
        self._context = context
        self._js = js
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _loop(self) -> None:
        wakeup = self._context.outbox_wakeup
        while True:
            wakeup.clear()
            try:
                while await self.relay_once() == BATCH:
                    pass
            except Exception:
                log.exception("outbox.relay_failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), self._context.settings.outbox_poll_s)

    async def relay_once(self) -> int:
        """Publish one batch of unsent jobs; answer how many were sent."""
        async with self._context.sessions() as session:
            rows = (
                (
                    await session.execute(
                        select(OutboxMessage)
                        .where(OutboxMessage.sent_at.is_(None))
                        .order_by(OutboxMessage.id)
                        .limit(BATCH)
                    )
                )
                .scalars()
                .all()
            )
            sent = 0
            for row in rows:
                headers = {**(row.headers or {}), "Nats-Msg-Id": f"outbox-{row.id}"}
                try:
                    await self._js.publish(row.subject, row.payload.encode(), headers=headers)
                except (nats.errors.Error, nats.js.errors.Error, TimeoutError) as error:
                    log.warning("outbox.publish_failed", outbox_id=row.id, reason=str(error))
                    row.attempts = (row.attempts or 0) + 1
                    break
                row.sent_at = datetime.now(UTC)
                sent += 1
            await session.commit()
        if sent:
            log.debug("outbox.relayed", count=sent)
        return sent
