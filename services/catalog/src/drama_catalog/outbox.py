"""The outbox relay: publishes committed jobs, de-duplicated by the outbox id."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime

import nats.errors
import nats.js.errors
import structlog
from nats.js import JetStreamContext
from sqlalchemy import select, update

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
        """Publish one batch of unsent jobs; answer how many were sent.

        The batch's rows are locked for the transaction (another catalog's relay skips them)
        and published all at once, each with its outbox id as the message id, so a row
        published twice (a crash before ``sent_at`` is written) is stored once."""
        async with self._context.transaction() as session:
            rows = (
                await session.execute(
                    select(
                        OutboxMessage.id,
                        OutboxMessage.subject,
                        OutboxMessage.payload,
                        OutboxMessage.headers,
                    )
                    .where(OutboxMessage.sent_at.is_(None))
                    .order_by(OutboxMessage.id)
                    .limit(BATCH)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not rows:
                return 0
            outcomes = await asyncio.gather(
                *(self._publish(row.id, row.subject, row.payload, row.headers) for row in rows)
            )
            sent = [row.id for row, ok in zip(rows, outcomes, strict=True) if ok]
            failed = [row.id for row, ok in zip(rows, outcomes, strict=True) if not ok]
            if sent:
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(sent))
                    .values(sent_at=datetime.now(UTC))
                )
            if failed:
                await session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(failed))
                    .values(attempts=OutboxMessage.attempts + 1)
                )
        if sent:
            log.debug("outbox.relayed", count=len(sent))
        return len(sent)

    async def _publish(
        self, outbox_id: int, subject: str, payload: str, headers: dict[str, str] | None
    ) -> bool:
        try:
            await self._js.publish(
                subject,
                payload.encode(),
                headers={**(headers or {}), "Nats-Msg-Id": f"outbox-{outbox_id}"},
            )
        except (nats.errors.Error, nats.js.errors.Error, TimeoutError) as error:
            log.warning("outbox.publish_failed", outbox_id=outbox_id, reason=str(error))
            return False
        return True
