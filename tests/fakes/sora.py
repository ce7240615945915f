"""Fake OpenAI videos API (Sora) under ``/v1``.

``POST /v1/videos`` takes ``multipart/form-data`` only (JSON → 400); ``GET
/v1/videos/{id}`` goes queued → in_progress → completed; ``GET /v1/videos/{id}/content``
serves a real MP4 (404 until completed). The completed object has no URL, like the real
API; ``fake.gateway_url = True`` adds ``video_url`` as some gateways do.
``Scenario.ERROR_IN_200``: submit 200 with ``error.message``; failures carry
``{"code": "moderation_blocked", "message": …}``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.base import MP4_URL, Scenario, VideoFake, json_answer
from tests.fakes.media import mp4_bytes

BLOCKED = "Your request was blocked by our moderation system."


class SoraFake(VideoFake):
    prefix = "/v1"
    task_id = "video_123"
    gateway_url = False

    def routes(self) -> list[Route]:
        return [
            Route("/v1/videos", self._submit, methods=["POST"]),
            Route("/v1/videos/{task_id}", self._poll, methods=["GET"]),
            Route("/v1/videos/{task_id}/content", self._content, methods=["GET"]),
        ]

    def _video(self, status: str, **extra: Any) -> dict[str, Any]:
        return {"id": self.task_id, "object": "video", "model": "sora-2", "status": status,
                "progress": 0, "created_at": 1700000000, "size": "1280x720", "seconds": "4",
                "quality": "standard", **extra}  # fmt: skip

    async def _submit(self, request: Request) -> Response:
        if (early := await self.gate(request, "submit")) is not None:
            return early
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            return self.error(400, "Expected multipart/form-data")
        if self.scenario == Scenario.ERROR_IN_200:
            return json_answer({"error": {"message": "Invalid seconds", "type": "invalid"}})
        return json_answer(self._video("queued"))

    async def _poll(self, request: Request) -> Response:
        if (early := await self.gate(request, "poll")) is not None:
            return early
        if request.path_params["task_id"] != self.task_id:
            return self.error(404, "Video not found")
        stage = self.stage()
        if stage == "pending":
            return json_answer(self._video("queued"))
        if stage == "running":
            return json_answer(self._video("in_progress", progress=40))
        if stage == "failed":
            error = {"code": "moderation_blocked", "message": BLOCKED}
            return json_answer(self._video("failed", error=error))
        extra = {"video_url": self.root(request) + MP4_URL} if self.gateway_url else {}
        return json_answer(self._video("completed", progress=100, **extra))

    async def _content(self, request: Request) -> Response:
        if (early := await self.gate(request, "content")) is not None:
            return early
        if request.path_params["task_id"] != self.task_id or self.scenario == Scenario.EMPTY:
            return self.error(404, "Video content not found")
        return Response(mp4_bytes(), media_type="video/mp4")
