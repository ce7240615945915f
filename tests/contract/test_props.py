"""Contract of /props (api.md §2.7: create, update, delete)."""

from __future__ import annotations

import pytest

from tests.contract.answers import data_of, error_of
from tests.contract.content import drama_detail, new_drama
from tests.fixtures.stack import Stack

PROP_KEYS = {
    "id",
    "drama_id",
    "name",
    "type",
    "description",
    "prompt",
    "image_url",
    "reference_images",
    "created_at",
    "updated_at",
    "drama",
}


async def test_create_update_delete(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    body = {
        "drama_id": str(drama["id"]),
        "name": "剑",
        "type": "weapon",
        "reference_images": ["a.png"],
        "id": 5,
    }
    prop = data_of(await stack.api.post("/props", json=body), 201)
    assert set(prop) == PROP_KEYS
    assert (prop["drama_id"], prop["reference_images"]) == (drama["id"], ["a.png"])
    assert prop["drama"]["id"] == 0

    path = f"/props/{prop['id']}"
    change = {"prompt": "a sword", "local_path": "props/1.png", "unknown": 1}
    answer = await stack.api.put(path, json=change)
    assert data_of(answer) is None and "data" not in answer.json()
    (after,) = (await drama_detail(stack.api, drama["id"]))["props"]
    assert (after["prompt"], after["local_path"], after["name"]) == ("a sword", "props/1.png", "剑")
    assert "data" not in (await stack.api.delete(path)).json()
    assert "props" not in await drama_detail(stack.api, drama["id"])
    error_of(await stack.api.delete(path), 404, "NOT_FOUND")
    error_of(await stack.api.put(path, json={}), 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "body", [{}, {"drama_id": 0}, {"drama_id": "x"}, {"drama_id": 1, "name": 5}]
)
async def test_create_refuses_bad_bodies(stack: Stack, body: object) -> None:
    error_of(await stack.api.post("/props", json=body), 400, "BAD_REQUEST")


async def test_unknown_ids(stack: Stack) -> None:
    error_of(await stack.api.post("/props", json={"drama_id": 987654321}), 404, "NOT_FOUND")
    error_of(await stack.api.put("/props/abc", json={}), 400, "BAD_REQUEST")
    error_of(await stack.api.delete("/props/abc"), 400, "BAD_REQUEST")
    error_of(await stack.api.put("/props/987654321", json={}), 404, "NOT_FOUND")
    drama = await new_drama(stack.api)
    prop = data_of(await stack.api.post("/props", json={"drama_id": drama["id"]}), 201)
    move = {"drama_id": 987654321}
    error_of(await stack.api.put(f"/props/{prop['id']}", json=move), 404, "NOT_FOUND")
