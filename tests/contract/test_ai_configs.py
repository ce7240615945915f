"""Contract: /ai-configs and /ai-providers (api.md §2.2-2.3), the masked key round trip and
the ``ai_configs.resolve`` method workers use (key sealed with the bus secret)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from drama_common.sealing import unseal
from tests.contract.answers import data_of, error_of
from tests.contract.content import unique
from tests.contract.generation_helpers import catalog_rpc
from tests.fakes.server import serve
from tests.fixtures.stack import Stack

KEY = "sk-live-0123456789abcdef"
CONFIG_KEYS = {
    "id",
    "service_type",
    "provider",
    "name",
    "base_url",
    "api_key",
    "model",
    "endpoint",
    "query_endpoint",
    "priority",
    "is_default",
    "is_active",
    "settings",
    "created_at",
    "updated_at",
}


CREATED: list[int] = []


@pytest.fixture(autouse=True)
async def remove_created_configs(stack: Stack) -> AsyncIterator[None]:
    """Configs are global: remove every config a test made so that no other test's
    generation picks it."""
    yield
    while CREATED:
        await stack.api.delete(f"/ai-configs/{CREATED.pop()}")


async def create(api: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body = {
        "service_type": "text",
        "name": unique("cfg"),
        "provider": "openai",
        "base_url": f"https://{unique('h')}.example.com/v1",
        "api_key": KEY,
        "model": ["gpt-test"],
        "is_default": False,
        **fields,
    }
    config: dict[str, Any] = data_of(await api.post("/ai-configs", json=body), 201)
    CREATED.append(config["id"])
    return config


async def stored_key(stack: Stack, config_id: int) -> str:
    async with catalog_rpc(stack) as rpc:
        answer = await rpc.call("ai_configs.resolve", {"id": config_id})
    secret = stack.services["catalog"].catalog_settings.bus_secret  # type: ignore[attr-defined]
    return unseal(answer["sealed_key"], secret.get_secret_value())


async def test_create_masks_the_key_and_fills_endpoints(stack: Stack) -> None:
    config = await create(
        stack.api,
        service_type="video",
        provider="chatfire",
        model="seedance-x",
        requests_per_minute=30,
        max_in_flight=2,
    )
    assert set(config) == CONFIG_KEYS
    assert config["api_key"] != KEY and config["api_key"].startswith("sk-")
    assert KEY not in str(config)
    assert config["model"] == ["seedance-x"]
    assert (config["endpoint"], config["query_endpoint"]) == (
        "/video/generations",
        "/video/task/{taskId}",
    )
    assert config["is_active"] is True and config["priority"] == 0


async def test_list_get_and_filters(stack: Stack) -> None:
    low = await create(stack.api, service_type="image", priority=1)
    high = await create(stack.api, service_type="image", priority=99)
    listed = data_of(await stack.api.get("/ai-configs", params={"service_type": "image"}))
    ids = [c["id"] for c in listed]
    assert ids.index(high["id"]) < ids.index(low["id"])
    assert all(c["service_type"] == "image" for c in listed)
    assert all(KEY not in c["api_key"] for c in listed)
    got = data_of(await stack.api.get(f"/ai-configs/{low['id']}"))
    assert got["id"] == low["id"] and got["endpoint"] == "/images/generations"


async def test_masked_key_round_trip_keeps_the_stored_key(stack: Stack) -> None:
    config = await create(stack.api)
    masked = config["api_key"]
    updated = data_of(
        await stack.api.put(
            f"/ai-configs/{config['id']}", json={"api_key": masked, "name": "renamed"}
        )
    )
    assert updated["name"] == "renamed" and updated["api_key"] == masked
    assert await stored_key(stack, config["id"]) == KEY

    new_key = "sk-other-fedcba9876543210"
    data_of(await stack.api.put(f"/ai-configs/{config['id']}", json={"api_key": new_key}))
    assert await stored_key(stack, config["id"]) == new_key


async def test_masked_key_is_refused_for_another_host(stack: Stack) -> None:
    config = await create(stack.api)
    moved = {"api_key": config["api_key"], "base_url": "https://elsewhere.example.org/v1"}
    error_of(await stack.api.put(f"/ai-configs/{config['id']}", json=moved), 400, "BAD_REQUEST")
    assert await stored_key(stack, config["id"]) == KEY
    copy = {
        "service_type": "text",
        "name": "copy",
        "provider": "openai",
        "base_url": "https://elsewhere.example.org/v1",
        "api_key": config["api_key"],
        "model": "m",
    }
    error_of(await stack.api.post("/ai-configs", json=copy), 400, "BAD_REQUEST")
    same_host = {**copy, "base_url": config["base_url"]}
    twin = data_of(await stack.api.post("/ai-configs", json=same_host), 201)
    CREATED.append(twin["id"])
    assert await stored_key(stack, twin["id"]) == KEY


async def test_resolve_answers_settings_and_limits(stack: Stack) -> None:
    config = await create(
        stack.api,
        service_type="image",
        model=["img-a", "img-b"],
        requests_per_minute=12,
        max_in_flight=3,
    )
    async with catalog_rpc(stack) as rpc:
        answer = await rpc.call("ai_configs.resolve", {"id": config["id"]})
    assert answer["model"] == "img-a" and answer["provider"] == "openai"
    assert (answer["requests_per_minute"], answer["max_in_flight"]) == (12, 3)
    assert KEY not in str(answer)


async def test_update_rules(stack: Stack) -> None:
    config = await create(stack.api, query_endpoint="/q")
    path = f"/ai-configs/{config['id']}"
    updated = data_of(await stack.api.put(path, json={"is_active": False, "priority": 5}))
    assert updated["is_active"] is False and updated["priority"] == 5
    assert updated["query_endpoint"] == ""
    assert updated["name"] == config["name"]
    updated = data_of(await stack.api.put(path, json={"model": "solo", "provider": "gemini"}))
    assert updated["model"] == ["solo"]
    assert updated["endpoint"] == "/v1beta/models/{model}:generateContent"


async def test_delete_and_errors(stack: Stack) -> None:
    config = await create(stack.api)
    path = f"/ai-configs/{config['id']}"
    assert "message" in data_of(await stack.api.delete(path))
    error_of(await stack.api.get(path), 404, "NOT_FOUND")
    error_of(await stack.api.delete(path), 404, "NOT_FOUND")
    error_of(await stack.api.put(path, json={"name": "x"}), 404, "NOT_FOUND")
    error_of(await stack.api.get("/ai-configs/abc"), 400, "BAD_REQUEST")
    error_of(await stack.api.get("/ai-configs/99999999999"), 404, "NOT_FOUND")
    bad_bodies: list[dict[str, Any]] = [
        {},
        {
            "service_type": "smell",
            "name": "n",
            "provider": "p",
            "base_url": "https://a.b",
            "api_key": "k",
            "model": "m",
        },
        {
            "service_type": "text",
            "name": 5,
            "provider": "p",
            "base_url": "https://a.b",
            "api_key": "k",
            "model": "m",
        },
        {
            "service_type": "text",
            "name": "n",
            "provider": "p",
            "base_url": "not a url",
            "api_key": "k",
            "model": "m",
        },
        {
            "service_type": "text",
            "name": "n",
            "provider": "p",
            "base_url": "https://a.b",
            "api_key": "k",
            "model": 7,
        },
    ]
    for body in bad_bodies:
        error_of(await stack.api.post("/ai-configs", json=body), 400, "BAD_REQUEST")
    error_of(await stack.api.put(path, json={"priority": "high"}), 400, "BAD_REQUEST")


async def test_providers_catalogue(stack: Stack) -> None:
    providers = data_of(await stack.api.get("/ai-providers"))
    assert {"chatfire-text", "openai-image", "fal-lipsync"} <= {p["name"] for p in providers}
    images = data_of(await stack.api.get("/ai-providers", params={"service_type": "image"}))
    assert images and all(p["service_type"] == "image" for p in images)
    assert all(isinstance(p["preset_models"], list) and p["is_active"] for p in images)
    order = [(p["service_type"], p["display_name"]) for p in providers]
    assert order == sorted(order)


@asynccontextmanager
async def chat_server(expected_key: str) -> AsyncIterator[str]:
    async def chat(request: Request) -> JSONResponse:
        if request.headers.get("authorization") != f"Bearer {expected_key}":
            return JSONResponse({"error": {"message": "invalid api key"}}, status_code=401)
        body = await request.json()
        return JSONResponse(
            {
                "id": "c1",
                "object": "chat.completion",
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": "Hello!"},
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
            }
        )

    app = Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])
    async with serve(app) as root:
        yield f"{root}/v1"


async def test_connection_test_against_a_real_chat_server(stack: Stack) -> None:
    async with chat_server(KEY) as base_url:
        body = {"base_url": base_url, "api_key": KEY, "model": ["gpt-test"], "provider": "openai"}
        assert "message" in data_of(await stack.api.post("/ai-configs/test", json=body))
        wrong = {**body, "api_key": "sk-wrong-key-0000000000"}
        message = error_of(await stack.api.post("/ai-configs/test", json=wrong), 400, "BAD_REQUEST")
        assert "invalid api key" in message
        config = await create(stack.api, base_url=base_url)
        masked = {**body, "api_key": config["api_key"]}
        assert "message" in data_of(await stack.api.post("/ai-configs/test", json=masked))
