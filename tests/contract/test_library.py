"""Contract of /character-library (api.md §2.5)."""

from __future__ import annotations

import pytest

from tests.contract.answers import data_of, error_of
from tests.contract.content import unique
from tests.fixtures.stack import Stack

ITEM_KEYS = {
    "id",
    "name",
    "category",
    "image_url",
    "description",
    "tags",
    "source_type",
    "created_at",
    "updated_at",
}


async def test_create_get_list_delete(stack: Stack) -> None:
    name = unique("角色")
    body = {
        "name": name,
        "image_url": "https://img.example/a.png",
        "local_path": "c/a.png",
        "category": "hero",
        "tags": "a,b",
    }
    item = data_of(await stack.api.post("/character-library", json=body), 201)
    assert set(item) == ITEM_KEYS | {"local_path"}
    assert (item["source_type"], item["tags"], item["description"]) == ("generated", "a,b", None)
    assert data_of(await stack.api.get(f"/character-library/{item['id']}")) == item

    second = data_of(
        await stack.api.post(
            "/character-library",
            json={"name": f"{name} 2", "image_url": "u", "source_type": "uploaded"},
        ),
        201,
    )
    assert "local_path" not in second
    page = data_of(await stack.api.get("/character-library", params={"keyword": name}))
    assert [i["id"] for i in page["items"]] == [second["id"], item["id"]]
    assert page["pagination"] == {"page": 1, "page_size": 20, "total": 2, "total_pages": 1}
    uploaded = data_of(
        await stack.api.get(
            "/character-library", params={"keyword": name, "source_type": "uploaded"}
        )
    )
    assert [i["id"] for i in uploaded["items"]] == [second["id"]]

    assert set(data_of(await stack.api.delete(f"/character-library/{item['id']}"))) == {"message"}
    error_of(await stack.api.get(f"/character-library/{item['id']}"), 404, "NOT_FOUND")
    error_of(await stack.api.delete(f"/character-library/{item['id']}"), 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": "n"},
        {"image_url": "u"},
        {"name": "", "image_url": "u"},
        {"name": "n" * 101, "image_url": "u"},
        {"name": 1, "image_url": "u"},
    ],
)
async def test_create_refuses_bad_bodies(stack: Stack, body: object) -> None:
    error_of(await stack.api.post("/character-library", json=body), 400, "BAD_REQUEST")


async def test_paging_and_ids(stack: Stack) -> None:
    page = data_of(
        await stack.api.get("/character-library", params={"keyword": unique(), "page_size": 101})
    )
    assert page["pagination"]["page_size"] == 20 and page["items"] == []
    error_of(await stack.api.get("/character-library", params={"page": "x"}), 400, "BAD_REQUEST")
    for item_id in ("abc", "0", "987654321"):
        error_of(await stack.api.get(f"/character-library/{item_id}"), 404, "NOT_FOUND")
