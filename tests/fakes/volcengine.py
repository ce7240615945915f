"""Fake Volcengine Ark: Seedream images and Seedance video tasks, under ``/api/v3``.

Errors use Ark's envelope ``{"error": {"code", "message"}}``.

* :class:`SeedreamFake` — ``POST /api/v3/images/generations``. ``fake.success_status``
  (200 or 201). ``Scenario.ERROR_IN_200``: 200 with an ``error`` object; ``EMPTY``:
  ``data: []``.
* :class:`SeedanceFake` — ``POST /api/v3/contents/generations/tasks`` answers
  ``{"id": "cgt-20250101-abc"}``; ``GET …/tasks/{id}`` goes queued → running → succeeded
  (``content.video_url``); a failure carries ``OutputVideoSensitiveContentDetected``.
  ``ERROR_IN_200``: submit 200 with an ``error`` object. ``fake.final_status`` replaces
  ``"failed"`` (e.g. ``"expired"``, ``"cancelled"``) and ``fake.failure_error`` ``False``
  drops the ``error`` object from it.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.base import MP4_URL, PNG_URL, FakeProvider, Scenario, VideoFake, json_answer

SENSITIVE = "The request failed because the output video may contain sensitive information."


def ark_error(status: int, message: str) -> dict[str, Any]:
    code = {401: "AuthenticationError", 429: "RateLimitExceeded"}.get(status, "InvalidParameter")
    return {"error": {"code": code, "message": message, "param": "", "type": "BadRequest"}}


class SeedreamFake(FakeProvider):
    prefix = "/api/v3"
    success_status = 200

    def routes(self) -> list[Route]:
        return [Route("/api/v3/images/generations", self._generate, methods=["POST"])]

    def error_body(self, status: int, message: str) -> dict[str, Any]:
        return ark_error(status, message)

    async def _generate(self, request: Request) -> Response:
        if (early := await self.gate(request, "submit")) is not None:
            return early
        if self.scenario == Scenario.ERROR_IN_200:
            error = {"code": "OutputImageSensitiveContentDetected", "message": "内容不合规"}
            return json_answer({"error": error})
        data = [] if self.scenario == Scenario.EMPTY else [
            {"url": self.root(request) + PNG_URL, "size": "1920x1920"}
        ]  # fmt: skip
        body = {
            "model": "doubao-seedream-4-5-251128",
            "created": 1700000000,
            "data": data,
            "usage": {"generated_images": len(data), "output_tokens": 100, "total_tokens": 100},
        }
        return json_answer(body, self.success_status)


class SeedanceFake(VideoFake):
    prefix = "/api/v3"
    task_id = "cgt-20250101-abc"
    final_status = "failed"
    failure_error = True

    def routes(self) -> list[Route]:
        tasks = "/api/v3/contents/generations/tasks"
        return [
            Route(tasks, self._submit, methods=["POST"]),
            Route(tasks + "/{task_id}", self._poll, methods=["GET"]),
        ]

    def error_body(self, status: int, message: str) -> dict[str, Any]:
        return ark_error(status, message)

    async def _submit(self, request: Request) -> Response:
        if (early := await self.gate(request, "submit")) is not None:
            return early
        if self.scenario == Scenario.ERROR_IN_200:
            return json_answer({"error": {"code": "QuotaExceeded", "message": "quota exceeded"}})
        return json_answer({"id": self.task_id})

    async def _poll(self, request: Request) -> Response:
        if (early := await self.gate(request, "poll")) is not None:
            return early
        task_id = request.path_params["task_id"]
        if task_id != self.task_id:
            return self.error(404, f"task {task_id} not found")
        stage = self.stage()
        body: dict[str, Any] = {"id": task_id, "model": "doubao-seedance-1-5-pro-251215"}
        if stage in {"pending", "running"}:
            body["status"] = "queued" if stage == "pending" else "running"
        elif stage == "failed":
            body["status"] = self.final_status
            if self.failure_error:
                body["error"] = {
                    "code": "OutputVideoSensitiveContentDetected",
                    "message": SENSITIVE,
                }
        else:
            body["status"] = "succeeded"
            if stage == "succeeded":
                body["content"] = {"video_url": self.root(request) + MP4_URL}
            body.update(
                usage={"completion_tokens": 108900, "total_tokens": 108900},
                created_at=1700000000, updated_at=1700000060, seed=42,
                resolution="720p", ratio="16:9", duration=5, framespersecond=24,
            )  # fmt: skip
        return json_answer(body)
