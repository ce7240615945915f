"""Fake ChatFire video gateway under ``/v1``.

``POST /v1/video/generations`` → ``{"id": "task_cf_1", "status": "pending"}``; ``GET
/v1/video/task/{id}`` goes pending → running → succeeded with ``video_url``.
``fake.id_shape``: ``"id"`` (default), ``"task_id"`` or ``"data"`` (``{"data": {"id"}}``);
``fake.url_shape``: ``"video_url"``, ``"data"`` or ``"content"``. ``Scenario.ERROR_IN_200``:
submit 200 with ``"error": "quota exceeded"``; failures carry ``{"code", "message"}``
(``fake.failure_error = False`` sends a bare ``"status": "failed"``).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.base import MP4_URL, Scenario, VideoFake, json_answer


class ChatFireVideoFake(VideoFake):
    prefix = "/v1"
    task_id = "task_cf_1"
    id_shape = "id"
    url_shape = "video_url"
    failure_error = True

    def routes(self) -> list[Route]:
        return [
            Route("/v1/video/generations", self._submit, methods=["POST"]),
            Route("/v1/video/task/{task_id}", self._poll, methods=["GET"]),
        ]

    async def _submit(self, request: Request) -> Response:
        if (early := await self.gate(request, "submit")) is not None:
            return early
        if self.scenario == Scenario.ERROR_IN_200:
            return json_answer({"error": "quota exceeded"})
        if self.id_shape == "data":
            return json_answer({"data": {"id": self.task_id, "status": "pending"}})
        return json_answer({self.id_shape: self.task_id, "status": "pending"})

    async def _poll(self, request: Request) -> Response:
        if (early := await self.gate(request, "poll")) is not None:
            return early
        if request.path_params["task_id"] != self.task_id:
            return self.error(404, "task not found")
        stage = self.stage()
        body: dict[str, Any] = {"id": self.task_id, "status": stage}
        if stage == "failed" and self.failure_error:
            body["error"] = {"code": "content_policy", "message": "moderation"}
        if stage == "succeeded":
            url = self.root(request) + MP4_URL
            if self.url_shape == "data":
                body["data"] = {"video_url": url}
            elif self.url_shape == "content":
                body["content"] = {"video_url": url}
            else:
                body["video_url"] = url
        if stage == "empty":
            body["status"] = "succeeded"
        return json_answer(body)
