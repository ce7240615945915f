"""Fake Gemini ``generateContent`` for images (``POST /v1beta/models/{model}:generateContent``).

Auth: ``x-goog-api-key`` header or ``?key=`` (both accepted, as Google does); a wrong key
answers 400 ``INVALID_ARGUMENT`` like the real API. ``fake.layout``: ``"image"`` (default),
``"text_first"`` (a text part before the image), ``"text_only"``, ``"bad_b64"`` or
``"blocked"`` (no candidates, ``promptFeedback.blockReason``). ``Scenario.EMPTY`` answers
``candidates: []``.
"""

from __future__ import annotations

import base64
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.base import FakeProvider, Scenario, json_answer
from tests.fakes.media import image_bytes

GOOGLE_STATUS = {400: "INVALID_ARGUMENT", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED"}


class GeminiImageFake(FakeProvider):
    prefix = ""
    layout = "image"

    def routes(self) -> list[Route]:
        return [Route("/v1beta/models/{target}", self._generate, methods=["POST"])]

    def authorized(self, request: Request) -> bool:
        key = request.headers.get("x-goog-api-key") or request.query_params.get("key")
        return key == self.api_key

    def auth_error(self) -> Response:
        return self.error(400, "API key not valid. Please pass a valid API key.")

    def error_body(self, status: int, message: str) -> dict[str, Any]:
        name = GOOGLE_STATUS.get(status, "INTERNAL")
        return {"error": {"code": status, "message": message, "status": name}}

    async def _generate(self, request: Request) -> Response:
        if (early := await self.gate(request, "submit")) is not None:
            return early
        if not request.path_params["target"].endswith(":generateContent"):
            return JSONResponse(self.error_body(404, "method not found"), status_code=404)
        if self.scenario == Scenario.EMPTY:
            return json_answer({"candidates": []})
        if self.layout == "blocked":
            return json_answer({"promptFeedback": {"blockReason": "SAFETY"}})
        encoded = base64.b64encode(image_bytes("PNG")).decode()
        image = {"inlineData": {"mimeType": "image/png", "data": encoded}}
        layouts: dict[str, list[dict[str, Any]]] = {
            "image": [image],
            "text_first": [{"text": "Here is your image."}, image],
            "text_only": [{"text": "I cannot draw that."}],
            "bad_b64": [{"inlineData": {"mimeType": "image/png", "data": "@@@"}}],
        }
        candidate = {
            "content": {"parts": layouts[self.layout], "role": "model"},
            "finishReason": "STOP",
        }
        return json_answer({"candidates": [candidate]})
