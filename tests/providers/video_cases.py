"""The video adapters and their fakes, as one table for the checklist tests."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from drama_common.provider_models import ProviderSettings, VideoPoll, VideoRequest
from drama_videogen.providers import VideoProvider, video_provider_for
from tests.fakes import (
    ChatFireVideoFake,
    MiniMaxFake,
    PikaFake,
    RunwayFake,
    SeedanceFake,
    SoraFake,
    VideoFake,
)
from tests.providers.support import settings


@dataclass(frozen=True)
class VideoCase:
    fake: type[VideoFake]
    provider: str
    model: str
    failure: str  # what a terminal failure on the fake reads as

    def __str__(self) -> str:
        return self.provider

    def settings(self, base_url: str, key: str | None = None) -> ProviderSettings:
        if key is None:
            return settings(self.provider, base_url, self.model)
        return settings(self.provider, base_url, self.model, key=key)

    def adapter(self, base_url: str, client: httpx.AsyncClient) -> VideoProvider:
        return video_provider_for(self.settings(base_url), client)


CASES = [
    VideoCase(
        SeedanceFake,
        "volcengine",
        "doubao-seedance-1-5-pro-251215",
        "[OutputVideoSensitiveContentDetected] The request failed because the output video "
        "may contain sensitive information.",
    ),
    VideoCase(MiniMaxFake, "minimax", "MiniMax-Hailuo-2.3", "video generation failed"),
    VideoCase(
        SoraFake,
        "openai",
        "sora-2",
        "[moderation_blocked] Your request was blocked by our moderation system.",
    ),
    VideoCase(
        ChatFireVideoFake,
        "chatfire",
        "doubao-seedance-1-5-pro-251215",
        "[content_policy] moderation",
    ),
    VideoCase(RunwayFake, "runway", "gen-3", "content moderation"),
    VideoCase(PikaFake, "pika", "pika-1.5", "content moderation"),
]

REQUEST = VideoRequest(prompt="a cat walks on the roof", duration=5, aspect_ratio="16:9")


async def poll_to_end(adapter: VideoProvider, task_id: str, limit: int = 10) -> list[VideoPoll]:
    """Poll until a terminal answer (the fakes advance per call, so no waiting is needed)."""
    answers: list[VideoPoll] = []
    for _ in range(limit):
        answers.append(await adapter.poll(task_id))
        if answers[-1].status in {"succeeded", "failed"}:
            return answers
    raise AssertionError(f"no terminal state after {limit} polls: {answers}")
