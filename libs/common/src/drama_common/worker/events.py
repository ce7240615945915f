"""Publishing a job's outcome, de-duplicated by a message id fixed by record and outcome."""

from __future__ import annotations

from nats.js import JetStreamContext

from drama_common.messages.events import GenerationEvent


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
