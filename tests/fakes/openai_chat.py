"""A fake OpenAI-compatible chat-completions server whose replies the test scripts.

``POST /v1/chat/completions`` records the request body and answers with what ``replier``
returns for it (``Reply`` objects built with the helpers below); the default replier echoes
an empty JSON array. Auth is a Bearer key::

    fake = OpenAIChatFake()
    fake.replier = lambda body: chat_reply('[{"name": "林晓"}]')
    async with fake.running() as base_url:                # "http://127.0.0.1:<port>/v1"
        ...
    assert len(fake.requests) == 1 and fake.requests[0]["temperature"] == 0.7
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.server import serve

Body = dict[str, Any]


@dataclass
class Reply:
    """What the fake answers: a JSON body and a status."""

    body: Any
    status: int = 200


def completion(model: str, choices: list[Body]) -> Body:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1700000000,
        "model": model,
        "choices": choices,
        "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30},
    }


def chat_reply(
    content: str | None,
    *,
    finish_reason: str = "stop",
    model: str = "fake-chat",
    reasoning: str | None = None,
) -> Reply:
    """One choice whose message holds ``content`` (``None`` → JSON null)."""
    message: Body = {"role": "assistant", "content": content}
    if reasoning is not None:
        message["reasoning_content"] = reasoning
    choice = {"index": 0, "message": message, "finish_reason": finish_reason}
    return Reply(completion(model, [choice]))


def no_choices(model: str = "fake-chat") -> Reply:
    return Reply(completion(model, []))


def error_reply(status: int, message: str, code: str = "invalid_request_error") -> Reply:
    """The OpenAI error envelope."""
    return Reply({"error": {"message": message, "type": code, "param": None, "code": code}}, status)


def user_text(body: Body) -> str:
    """The text of the last user message of a recorded request."""
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    return str(users[-1].get("content", "")) if users else ""


@dataclass
class OpenAIChatFake:
    api_key: str = "sk-chat-fake-0123456789"
    replier: Callable[[Body], Reply] = field(default=lambda body: chat_reply("[]"))
    requests: list[Body] = field(default_factory=list)

    def app(self) -> Starlette:
        async def chat(request: Request) -> Response:
            try:
                body = json.loads(await request.body())
            except ValueError:
                return JSONResponse(error_reply(400, "body is not JSON").body, 400)
            self.requests.append(body)
            if request.headers.get("authorization") != f"Bearer {self.api_key}":
                reply = error_reply(401, "Incorrect API key provided", "invalid_api_key")
            else:
                reply = self.replier(body)
            return JSONResponse(reply.body, status_code=reply.status)

        return Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[str]:
        """Serve the fake; yields its OpenAI base URL (``…/v1``)."""
        async with serve(self.app()) as root:
            yield f"{root}/v1"
