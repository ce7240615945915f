"""Events: what a worker reports about a job, consumed by the catalog."""

from __future__ import annotations

from typing import Literal

from drama_common.messages.base import Message

Outcome = Literal["processing", "submitted", "completed", "failed"]


class GenerationEvent(Message):
    """The outcome of an image, video or merge job for the record it names."""

    kind: Literal["image", "video", "merge"]
    record_id: int
    outcome: Outcome
    storage_key: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    provider_task_id: str | None = None
    error: str | None = None
