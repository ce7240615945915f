"""What every video provider adapter offers."""

from __future__ import annotations

from typing import Protocol

from drama_common.provider_models import VideoPoll, VideoRequest, VideoSubmission


class VideoProvider(Protocol):
    """An asynchronous video generator: submit once, then poll the task until it ends.

    Both calls raise :class:`~drama_common.errors.TransientProviderError` when a retry (or
    the next poll) may succeed and :class:`~drama_common.errors.PermanentProviderError` when
    it cannot. A task that the provider reports as failed is not an exception: ``poll``
    answers ``VideoPoll(status="failed", error="[code] message")``.
    """

    name: str

    async def submit(self, request: VideoRequest) -> VideoSubmission: ...

    async def poll(self, task_id: str) -> VideoPoll: ...
