"""Optional bearer-token authentication on the gateway (``AUTH_TOKEN``), off by default."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fixtures.stack import Stack, start_stack

TOKEN = "gateway-token-5d1c9a7e"


@pytest.fixture
async def guarded(stack: Stack) -> AsyncIterator[Stack]:
    """A second gateway with a token, in front of the session stack's catalog."""
    running, stop = await start_stack(stack.env, kinds=(), gateway_env={"auth_token": TOKEN})
    yield running
    await stop()


async def test_off_by_default(stack: Stack) -> None:
    answer = await stack.api.get("/dramas")
    assert answer.status_code == 200 and answer.json()["success"] is True


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer wrong-token", f"bearer {TOKEN}x", TOKEN, f"Basic {TOKEN}"],
)
async def test_on_refuses_a_missing_or_wrong_token(guarded: Stack, header: str | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    for method, path in (("GET", "/dramas"), ("POST", "/dramas"), ("GET", "/ai-configs")):
        answer = await guarded.api.request(
            method, path, headers=headers, json={"title": "never written"}
        )
        assert answer.status_code == 401, answer.text
        body = answer.json()
        assert body["success"] is False and body["error"]["code"] == "UNAUTHORIZED"
        assert TOKEN not in answer.text


async def test_on_accepts_the_token(guarded: Stack) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    answer = await guarded.api.get("/dramas", headers=headers)
    assert answer.status_code == 200 and answer.json()["success"] is True
    assert (await guarded.http.get("/health")).status_code == 200
