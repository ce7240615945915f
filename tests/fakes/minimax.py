"""Fake MiniMax Hailuo video API under ``/v1``.

``POST /v1/video_generation`` → ``{"task_id", "base_resp"}``; ``GET
/v1/query/video_generation?task_id=`` goes Queueing → Processing → Success (``file_id`` as a
string); ``GET /v1/files/retrieve?file_id=`` → ``file.download_url``. A wrong key answers
HTTP 200 with ``base_resp.status_code`` 1004, as MiniMax does.

Switches: ``Scenario.ERROR_IN_200`` (submit 200 with code 1026, sensitive input);
``FAIL_ON_SECOND_POLL`` (``status: "Fail"``, the real spelling); ``fake.fail_status``
(``"Failed"`` for the reference's spelling); ``fake.query_code`` (non-zero: every query
answers that ``base_resp`` code, e.g. 1002 rate limit or 1027 sensitive output);
``fake.file_id_as_number``; ``fake.retrieve_status`` (HTTP status of file retrieve).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.base import MP4_URL, Scenario, VideoFake, json_answer

FILE_ID = "205258526306433"
MESSAGES = {
    1002: "rate limit exceeded",
    1004: "authentication failed",
    1026: "input new_sensitive",
    1027: "output new_sensitive",
    2013: "invalid params",
}


def base_resp(code: int = 0, message: str | None = None) -> dict[str, Any]:
    return {"status_code": code, "status_msg": message or MESSAGES.get(code, "success")}


class MiniMaxFake(VideoFake):
    prefix = "/v1"
    task_id = "106916112212032"
    fail_status = "Fail"
    query_code = 0
    file_id_as_number = False
    retrieve_status = 200

    def routes(self) -> list[Route]:
        return [
            Route("/v1/video_generation", self._submit, methods=["POST"]),
            Route("/v1/query/video_generation", self._poll, methods=["GET"]),
            Route("/v1/files/retrieve", self._retrieve, methods=["GET"]),
        ]

    def error_body(self, status: int, message: str) -> dict[str, Any]:
        return {"base_resp": base_resp(2013 if status < 500 else 1000, message)}

    def auth_error(self) -> Response:
        return json_answer({"base_resp": base_resp(1004)})

    async def _submit(self, request: Request) -> Response:
        if (early := await self.gate(request, "submit")) is not None:
            return early
        if self.scenario == Scenario.ERROR_IN_200:
            return json_answer({"task_id": "", "base_resp": base_resp(1026)})
        return json_answer({"task_id": self.task_id, "base_resp": base_resp()})

    async def _poll(self, request: Request) -> Response:
        if (early := await self.gate(request, "poll")) is not None:
            return early
        task_id = request.query_params.get("task_id", "")
        if self.query_code:
            return json_answer({"task_id": task_id, "status": "", "base_resp": base_resp(
                self.query_code)})  # fmt: skip
        stage = self.stage()
        body: dict[str, Any] = {"task_id": task_id, "base_resp": base_resp()}
        if stage in {"pending", "running"}:
            body["status"] = "Queueing" if stage == "pending" else "Processing"
        elif stage == "failed":
            body["status"] = self.fail_status
        else:
            body["status"] = "Success"
            body["file_id"] = int(FILE_ID) if self.file_id_as_number else FILE_ID
            if stage == "empty":
                body["file_id"] = ""
            body.update(video_width=1920, video_height=1080)
        return json_answer(body)

    async def _retrieve(self, request: Request) -> Response:
        if (early := await self.gate(request, "retrieve")) is not None:
            return early
        if self.retrieve_status != 200:
            return Response("retrieve broke", status_code=self.retrieve_status)
        if request.query_params.get("file_id") != FILE_ID:
            return json_answer({"base_resp": base_resp(2013, "file not found")})
        file = {"file_id": int(FILE_ID), "bytes": 5896337, "created_at": 1700469398,
                "filename": "output.mp4", "purpose": "video_generation",
                "download_url": self.root(request) + MP4_URL}  # fmt: skip
        return json_answer({"file": file, "base_resp": base_resp()})
