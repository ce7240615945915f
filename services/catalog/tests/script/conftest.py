"""Fixtures: fake text providers speaking the real wire protocols, served by uvicorn on 127.0.0.1:0.

The scenario is chosen by the model name of each request, so one server serves every test.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

API_KEY = "sk-test-secret-key-0123456789"


@dataclass
class Recorder:
    requests: list[dict[str, Any]] = field(default_factory=list)

    def for_model(self, model: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["model"] == model]


def _openai_error(message: str, status: int, code: str = "bad") -> JSONResponse:
    body = {"error": {"message": message, "type": "invalid_request_error", "code": code}}
    return JSONResponse(body, status_code=status)


def _chat_answer(model: str, message: dict[str, Any], finish: str = "stop") -> JSONResponse:
    return JSONResponse(
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1700000000,
            "model": model,
            "choices": [
                {"index": 0, "message": {"role": "assistant", **message}, "finish_reason": finish}
            ],
            "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12},
        }
    )


def openai_app(recorder: Recorder) -> Starlette:
    async def chat(request: Request) -> Response:
        body = await request.json()
        model = body.get("model", "")
        recorder.requests.append(
            {
                "path": request.url.path,
                "model": model,
                "body": body,
                "auth": request.headers.get("authorization"),
            }
        )
        if request.headers.get("authorization") != f"Bearer {API_KEY}":
            return _openai_error("Incorrect API key provided", 401, "invalid_api_key")
        if model == "empty-choices":
            return JSONResponse(
                {
                    "id": "x",
                    "object": "chat.completion",
                    "created": 1,
                    "model": model,
                    "choices": [],
                }
            )
        if model == "null-content":
            return _chat_answer(model, {"content": None})
        if model == "reasoning-only":
            return _chat_answer(model, {"content": "", "reasoning_content": "Let me think…"})
        if model == "filtered":
            return _chat_answer(model, {"content": "partial"}, finish="content_filter")
        if model == "rate-limited":
            return _openai_error("Rate limit reached", 429, "rate_limit_exceeded")
        if model == "server-error":
            return PlainTextResponse("upstream exploded", status_code=502)
        if model == "bad-request":
            return _openai_error(
                json.dumps({"error": {"message": "model not found: bad-request"}}), 404
            )
        if model == "slow":
            await asyncio.sleep(30)
        if model == "no-max-tokens" and "max_tokens" in body:
            return _openai_error(
                "Unsupported parameter: 'max_tokens' is not supported with this model. "
                "Use 'max_completion_tokens' instead.",
                400,
                "unsupported_parameter",
            )
        if model == "no-temperature" and "temperature" in body:
            return _openai_error(
                "Unsupported value: 'temperature' does not support 0.7 with this model.",
                400,
                "unsupported_value",
            )
        if model == "always-rejects":
            return _openai_error("Unsupported parameter: 'max_tokens'", 400)
        text = json.dumps(
            {"echo": body["messages"][-1]["content"], "角色": "林晓"}, ensure_ascii=False
        )
        return _chat_answer(model, {"content": text}, finish="stop")

    return Starlette(
        routes=[
            Route("/v1/chat/completions", chat, methods=["POST"]),
            Route("/api/v3/custom/chat", chat, methods=["POST"]),
        ]
    )


def gemini_app(recorder: Recorder) -> Starlette:
    async def generate(request: Request) -> Response:
        model = request.path_params["model"].removesuffix(":generateContent")
        body = await request.json()
        key = request.headers.get("x-goog-api-key") or request.query_params.get("key")
        recorder.requests.append(
            {"model": model, "body": body, "key": key, "query": str(request.url.query)}
        )
        if key != API_KEY:
            return JSONResponse(
                {
                    "error": {
                        "code": 400,
                        "message": "API key not valid.",
                        "status": "INVALID_ARGUMENT",
                    }
                },
                status_code=400,
            )
        if model == "rate-limited":
            return JSONResponse(
                {
                    "error": {
                        "code": 429,
                        "message": "Quota exceeded",
                        "status": "RESOURCE_EXHAUSTED",
                    }
                },
                status_code=429,
            )
        if model == "unavailable":
            return JSONResponse(
                {"error": {"code": 503, "message": "overloaded", "status": "UNAVAILABLE"}},
                status_code=503,
            )
        if model == "no-candidates":
            return JSONResponse({"candidates": [], "promptFeedback": {"blockReason": "SAFETY"}})
        if model == "safety":
            return JSONResponse(
                {
                    "candidates": [
                        {
                            "content": {"parts": [], "role": "model"},
                            "finishReason": "SAFETY",
                            "index": 0,
                        }
                    ]
                }
            )
        if model == "thought-only":
            return JSONResponse(
                {
                    "candidates": [
                        {
                            "content": {
                                "parts": [{"text": "pondering", "thought": True}],
                                "role": "model",
                            },
                            "finishReason": "STOP",
                            "index": 0,
                        }
                    ]
                }
            )
        parts = [{"text": "thinking", "thought": True}, {"text": '{"名字": '}, {"text": '"林晓"}'}]
        return JSONResponse(
            {
                "candidates": [
                    {
                        "content": {"parts": parts, "role": "model"},
                        "finishReason": "MAX_TOKENS" if model == "cut" else "STOP",
                        "index": 0,
                    }
                ],
                "usageMetadata": {
                    "promptTokenCount": 3,
                    "candidatesTokenCount": 5,
                    "totalTokenCount": 8,
                },
            }
        )

    return Starlette(
        routes=[
            Route("/v1beta/models/{model}", generate, methods=["POST"]),
        ]
    )


class ServerThread:
    """A uvicorn server on an ephemeral port, in a daemon thread."""

    def __init__(self, app: Starlette) -> None:
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=0,
            log_level="warning",
            timeout_graceful_shutdown=1,
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("fake provider did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def openai_fake() -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder()
    with ServerThread(openai_app(recorder)) as url:
        yield url, recorder


@pytest.fixture(scope="session")
def gemini_fake() -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder()
    with ServerThread(gemini_app(recorder)) as url:
        yield url, recorder


@pytest.fixture(scope="session")
def api_key() -> str:
    return API_KEY
