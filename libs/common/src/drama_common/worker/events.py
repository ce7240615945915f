"""Publishing a job's outcome, de-duplicated by a message id fixed by record and outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nats.js import JetStreamContext

from drama_common.messages.events import GenerationEvent, Outcome


async def publish_event(js: JetStreamContext, subject: str, event: GenerationEvent) -> None:
    """Publish ``event``; a repeat of the same record and outcome is dropped by the server."""
    key = f"{event.kind}-{event.record_id}-{event.outcome}"
    if event.outcome == "submitted" and event.provider_task_id:
        key = f"{key}-{event.provider_task_id}"
    event.message_id = event.message_id if event.outcome == "processing" else key
    await js.publish(
        f"{subject}.{event.outcome}",
        event.model_dump_json().encode(),
        headers={"Nats-Msg-Id": event.message_id, "Correlation-Id": event.correlation_id},
    )


@dataclass(frozen=True)
class Reporter:
    """Reports the outcomes of one kind of job (``image``, ``video``, ``merge``) on its
    events subject."""

    js: JetStreamContext
    subject: str
    kind: Literal["image", "video", "merge"]

    async def __call__(
        self,
        record_id: int,
        correlation_id: str,
        outcome: Outcome,
        *,
        storage_key: str | None = None,
        mime_type: str | None = None,
        width: int | None = None,
        height: int | None = None,
        duration: float | None = None,
        provider_task_id: str | None = None,
        error: str | None = None,
    ) -> None:
        """Publish ``outcome`` for the record, with what is known of its result."""
        event = GenerationEvent(
            kind=self.kind,
            record_id=record_id,
            outcome=outcome,
            correlation_id=correlation_id,
            storage_key=storage_key,
            mime_type=mime_type,
            width=width,
            height=height,
            duration=duration,
            provider_task_id=provider_task_id,
            error=error,
        )
        await publish_event(self.js, self.subject, event)
