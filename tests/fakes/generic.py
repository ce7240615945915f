"""Fakes of the reference's generic Runway and Pika shapes (no prefix: paths carry ``/v1``).

``POST /v1/video/generate`` and ``GET /v1/video/status/{id}``. Runway answers
``{"id", "status", "output": {"url"}}`` (done: ``succeeded``); Pika ``{"job_id", "status",
"result": {"video_url"}}`` (done: ``completed``). Failures carry ``"error": "<text>"``;
``Scenario.ERROR_IN_200`` puts one in the submit answer.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.base import MP4_URL, Scenario, VideoFake, json_answer


class _GenericFake(VideoFake):
    id_key = "id"
    done = "succeeded"

    def routes(self) -> list[Route]:
        return [
            Route("/v1/video/generate", self._submit, methods=["POST"]),
            Route("/v1/video/status/{task_id}", self._poll, methods=["GET"]),
        ]

    def error_body(self, status: int, message: str) -> dict[str, Any]:
        return {"error": message}

    def result(self, url: str) -> dict[str, Any]:
        raise NotImplementedError

    async def _submit(self, request: Request) -> Response:
        if (early := await self.gate(request, "submit")) is not None:
            return early
        if self.scenario == Scenario.ERROR_IN_200:
            return json_answer({self.id_key: "", "status": "failed", "error": "quota exceeded"})
        return json_answer({self.id_key: self.task_id, "status": "pending"})

    async def _poll(self, request: Request) -> Response:
        if (early := await self.gate(request, "poll")) is not None:
            return early
        stage = self.stage()
        body: dict[str, Any] = {self.id_key: request.path_params["task_id"], "status": stage}
        if stage == "failed":
            body["error"] = "content moderation"
        elif stage in {"succeeded", "empty"}:
            body["status"] = self.done
            if stage == "succeeded":
                body.update(self.result(self.root(request) + MP4_URL))
        return json_answer(body)


class RunwayFake(_GenericFake):
    task_id = "rw1"

    def result(self, url: str) -> dict[str, Any]:
        return {"output": {"url": url}}


class PikaFake(_GenericFake):
    task_id = "pk1"
    id_key = "job_id"
    done = "completed"

    def result(self, url: str) -> dict[str, Any]:
        return {"result": {"video_url": url}}
