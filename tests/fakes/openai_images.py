"""Fake OpenAI images API (``POST /v1/images/generations``); also stands in for ChatFire.

``fake.answer``: ``"url"`` (default, a downloadable ``/files/result.png``), ``"b64"``
(``b64_json`` with a real PNG) or ``"bad_b64"``. ``Scenario.EMPTY`` answers ``data: []``.
"""

from __future__ import annotations

import base64

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.fakes.base import PNG_URL, FakeProvider, Scenario, json_answer
from tests.fakes.media import image_bytes


class OpenAIImagesFake(FakeProvider):
    prefix = "/v1"
    answer = "url"

    def routes(self) -> list[Route]:
        return [Route("/v1/images/generations", self._generate, methods=["POST"])]

    async def _generate(self, request: Request) -> Response:
        if (early := await self.gate(request, "submit")) is not None:
            return early
        if self.scenario == Scenario.EMPTY:
            return json_answer({"created": 1700000000, "data": []})
        if self.answer == "b64":
            item = {"b64_json": base64.b64encode(image_bytes("PNG")).decode()}
        elif self.answer == "bad_b64":
            item = {"b64_json": "@@not base64@@"}
        else:
            item = {"url": self.root(request) + PNG_URL, "revised_prompt": "a revised prompt"}
        return json_answer({"created": 1700000000, "data": [item]})
