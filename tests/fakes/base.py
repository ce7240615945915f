"""What every fake provider shares: recording, auth, scenarios, hangs and a file route."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.media import file_for
from tests.fakes.server import serve

Handler = Callable[[Request], Awaitable[Response]]


class Scenario:
    """Scenario names (``fake.scenario = Scenario.HANG``). Submit-side ones act on the
    generate/submit call, ``POLL_*`` ones on task queries."""

    SUCCESS = "success"  # image at once; video: pending → running → succeeded
    IMMEDIATE = "immediate"  # video: the first poll already succeeded
    ERROR_4XX = "error_4xx"  # submit → 400 with the provider's error envelope
    RATE_LIMITED = "rate_limited"  # submit → 429 with the provider's error envelope
    ERROR_5XX_THEN_OK = "error_5xx_then_ok"  # first submit → 500 HTML, then success
    HANG = "hang"  # submit never answers (until the server stops)
    MALFORMED = "malformed"  # submit → 200 with a body that is not JSON
    ERROR_IN_200 = "error_in_200"  # submit → 200 with the provider's failure payload
    EMPTY = "empty"  # a 2xx answer without result (no image / no video URL)
    POLL_5XX_THEN_OK = "poll_5xx_then_ok"  # first poll → 502 HTML, then progression
    POLL_HANG = "poll_hang"  # polls never answer
    POLL_MALFORMED = "poll_malformed"  # polls → 200 with a body that is not JSON
    POLL_4XX = "poll_4xx"  # polls → 404 with the provider's error envelope
    FAIL_ON_SECOND_POLL = "fail_on_second_poll"  # poll 1 running, poll 2 terminal failure


SUBMIT_SCENARIOS = {
    Scenario.ERROR_4XX,
    Scenario.RATE_LIMITED,
    Scenario.ERROR_5XX_THEN_OK,
    Scenario.HANG,
    Scenario.MALFORMED,
}
HTML_ERROR = "<html><body><h1>502 Bad Gateway</h1><p>upstream exploded</p></body></html>"
MALFORMED = '{"data": [ {not json'


@dataclass
class Call:
    """One request the fake received."""

    kind: str  # "submit", "poll", "retrieve", "content", "file"
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)  # name → (fn, ct, b)


class FakeProvider:
    """Base of the fakes. Subclasses set ``prefix``, add routes and answer envelopes."""

    prefix = ""

    def __init__(self, api_key: str = "test-key", scenario: str = Scenario.SUCCESS) -> None:
        self.api_key = api_key
        self.scenario = scenario
        self.calls: list[Call] = []
        self._release = asyncio.Event()
        self.app = Starlette(routes=[*self.routes(), Route("/files/{name}", self._file)])

    # ---- to override -----------------------------------------------------------------
    def routes(self) -> list[Route]:
        raise NotImplementedError

    def error_body(self, status: int, message: str) -> dict[str, Any]:
        """The provider's error envelope."""
        return {"error": {"message": message, "type": "invalid_request_error", "code": "bad"}}

    def authorized(self, request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {self.api_key}"

    def auth_error(self) -> Response:
        return self.error(401, "invalid api key")

    # ---- helpers ---------------------------------------------------------------------
    def count(self, kind: str) -> int:
        return sum(1 for call in self.calls if call.kind == kind)

    @property
    def submits(self) -> int:
        return self.count("submit")

    @property
    def polls(self) -> int:
        return self.count("poll")

    def last(self, kind: str = "submit") -> Call:
        return [call for call in self.calls if call.kind == kind][-1]

    def error(self, status: int, message: str) -> JSONResponse:
        return JSONResponse(self.error_body(status, message), status_code=status)

    @staticmethod
    def root(request: Request) -> str:
        """``http://127.0.0.1:<port>`` as the client reached it (for file URLs)."""
        return str(request.base_url).rstrip("/")

    async def record(self, request: Request, kind: str) -> Call:
        call = Call(kind, request.method, request.url.path, dict(request.query_params),
                    {k.lower(): v for k, v in request.headers.items()})  # fmt: skip
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            async with request.form() as form:
                for name, value in form.multi_items():
                    if isinstance(value, str):
                        call.form[name] = value
                    else:
                        data = await value.read()
                        call.files[name] = (value.filename or "", value.content_type or "", data)
        else:
            body = await request.body()
            if body:
                try:
                    call.json = json.loads(body)
                except ValueError:
                    call.json = body.decode(errors="replace")
        self.calls.append(call)
        return call

    async def hang(self) -> Response:
        """Answer only when the server shuts down (the client times out long before)."""
        await self._release.wait()
        return Response("released", status_code=503)

    async def gate(self, request: Request, kind: str) -> Response | None:
        """Record and authorise the call and play the failure scenarios for ``kind``;
        ``None`` means "answer normally"."""
        await self.record(request, kind)
        if not self.authorized(request):
            return self.auth_error()
        scenario, number = self.scenario, self.count(kind)
        if kind == "submit" and scenario in SUBMIT_SCENARIOS:
            return await self._failure(scenario.removeprefix("poll_"), number)
        if kind == "poll" and scenario.startswith("poll_"):
            return await self._failure(scenario.removeprefix("poll_"), number)
        return None

    async def _failure(self, what: str, number: int) -> Response | None:
        if what in {"error_4xx", "4xx"}:
            status = 400 if what == "error_4xx" else 404
            return self.error(status, 'invalid request: 参数错误 "size"')
        if what == "rate_limited":
            return self.error(429, "rate limit exceeded")
        if what in {"error_5xx_then_ok", "5xx_then_ok"}:
            if number == 1:
                return Response(HTML_ERROR, status_code=502, media_type="text/html")
            return None
        if what == "hang":
            return await self.hang()
        if what == "malformed":
            return Response(MALFORMED, status_code=200, media_type="application/json")
        return None

    async def _file(self, request: Request) -> Response:
        await self.record(request, "file")
        found = file_for(request.path_params["name"])
        if found is None:
            return Response("not found", status_code=404)
        data, content_type = found
        return Response(data, media_type=content_type or None)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[str]:
        """Serve this fake; yields the base URL a config would hold (root + ``prefix``)."""
        self._release = asyncio.Event()
        async with serve(self.app) as root:
            try:
                yield root + self.prefix
            finally:
                self._release.set()


def json_answer(body: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status)


PNG_URL = "/files/result.png"
MP4_URL = "/files/result.mp4"


class VideoFake(FakeProvider):
    """A fake whose tasks advance one stage per poll (deterministic).

    Stages: ``pending`` → ``running`` → ``succeeded`` (``SUCCESS``); ``succeeded`` at once
    (``IMMEDIATE``); ``running`` → ``failed`` (``FAIL_ON_SECOND_POLL``); ``pending`` →
    ``running`` → ``empty``, a success without video (``EMPTY``).
    """

    task_id = "task-1"

    def stage(self) -> str:
        number = self.polls
        if self.scenario == Scenario.IMMEDIATE:
            return "succeeded"
        if self.scenario == Scenario.FAIL_ON_SECOND_POLL:
            return "running" if number < 2 else "failed"
        last = "empty" if self.scenario == Scenario.EMPTY else "succeeded"
        return ["pending", "running", last][min(number, 3) - 1]
