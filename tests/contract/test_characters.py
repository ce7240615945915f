"""Contract of /characters (api.md §2.6: update, delete, image, library image,
add to library)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.contract.answers import data_of, error_of
from tests.contract.content import new_drama
from tests.fixtures.stack import Stack


async def _character(stack: Stack, **fields: Any) -> tuple[int, dict[str, Any]]:
    drama = await new_drama(stack.api)
    body = {"characters": [{"name": "甲", **fields}]}
    data_of(await stack.api.put(f"/dramas/{drama['id']}/characters", json=body))
    (character,) = data_of(await stack.api.get(f"/dramas/{drama['id']}/characters"))
    return drama["id"], character


async def test_update_writes_given_fields(stack: Stack) -> None:
    drama_id, character = await _character(stack, role="main")
    path = f"/characters/{character['id']}"
    body = {"name": "", "appearance": "白衣", "local_path": "", "role": None}
    assert set(data_of(await stack.api.put(path, json=body))) == {"message"}
    (after,) = data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))
    assert (after["name"], after["appearance"], after["role"]) == ("甲", "白衣", "main")
    error_of(await stack.api.put(path, json={}), 400, "BAD_REQUEST")
    error_of(await stack.api.put(path, json={"name": 3}), 400, "BAD_REQUEST")


async def test_image_library_and_delete(stack: Stack) -> None:
    drama_id, character = await _character(stack)
    path = f"/characters/{character['id']}"
    error_of(await stack.api.post(f"{path}/add-to-library", json={}), 400, "BAD_REQUEST")
    data_of(await stack.api.put(f"{path}/image", json={"image_url": "https://x/1.png"}))
    error_of(await stack.api.put(f"{path}/image", json={}), 400, "BAD_REQUEST")

    item = data_of(await stack.api.post(f"{path}/add-to-library"), 201)
    assert (item["name"], item["image_url"], item["source_type"]) == (
        "甲",
        "https://x/1.png",
        "character",
    )
    assert item["category"] is None

    other = data_of(
        await stack.api.post(
            "/character-library", json={"name": "乙", "image_url": "u2", "local_path": "lib/2.png"}
        ),
        201,
    )
    for library_id in (other["id"], str(other["id"])):
        body = {"library_item_id": library_id}
        data_of(await stack.api.put(f"{path}/image-from-library", json=body))
    (after,) = data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))
    assert (after["image_url"], after["local_path"]) == ("u2", "lib/2.png")
    missing = {"library_item_id": 987654321}
    error_of(await stack.api.put(f"{path}/image-from-library", json=missing), 404, "NOT_FOUND")
    bad = {"library_item_id": "x"}
    error_of(await stack.api.put(f"{path}/image-from-library", json=bad), 400, "BAD_REQUEST")

    data_of(await stack.api.delete(path))
    assert data_of(await stack.api.get(f"/dramas/{drama_id}/characters")) == []
    error_of(await stack.api.put(path, json={"name": "x"}), 404, "NOT_FOUND")
    error_of(await stack.api.delete(path), 404, "NOT_FOUND")


async def test_a_character_of_a_deleted_drama_is_forbidden(stack: Stack) -> None:
    drama_id, character = await _character(stack)
    data_of(await stack.api.delete(f"/dramas/{drama_id}"))
    path = f"/characters/{character['id']}"
    error_of(await stack.api.put(path, json={"name": "x"}), 403, "FORBIDDEN")
    error_of(await stack.api.put(f"{path}/image", json={"image_url": "u"}), 403, "FORBIDDEN")
    error_of(await stack.api.delete(path), 403, "FORBIDDEN")


@pytest.mark.parametrize("character_id", ["987654321", "abc"])
async def test_unknown_characters(stack: Stack, character_id: str) -> None:
    path = f"/characters/{character_id}"
    error_of(await stack.api.put(path, json={"name": "x"}), 404, "NOT_FOUND")
    error_of(await stack.api.put(f"{path}/image", json={"image_url": "u"}), 404, "NOT_FOUND")
    error_of(await stack.api.post(f"{path}/add-to-library", json={}), 404, "NOT_FOUND")
    status, code = (400, "BAD_REQUEST") if character_id == "abc" else (404, "NOT_FOUND")
    error_of(await stack.api.delete(path), status, code)
