"""Values the database cannot store are refused with a 400 envelope, and nothing is stored.

PostgreSQL refuses text longer than its ``varchar(n)``, numbers beyond an ``integer`` column
and NUL characters. SQLite keeps all three, as the reference's default SQLite does (models.md
§0.1: declared lengths are not enforced there), so on SQLite these values are stored as sent.
A number wider than 64 bits fits neither back end and is refused on both.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.contract.answers import data_of, error_of, translated
from tests.contract.content import drama_detail, new_drama, new_episodes, unique
from tests.fixtures.stack import Stack

LONG_GENRE = "g" * 300
"""Longer than ``dramas.genre``, a ``varchar(50)``."""
INT32_OVERFLOW = 2**31
INT64_OVERFLOW = 2**63


def keeps_any_value(stack: Stack) -> bool:
    """Whether the stack's database stores over-long text, 64-bit integers and NUL (SQLite)."""
    return not str(stack.env["database_url"]).startswith("postgres")


async def drama_total(stack: Stack) -> int:
    total: int = data_of(await stack.api.get("/dramas"))["pagination"]["total"]
    return total


async def image_total(stack: Stack, drama_id: int) -> int:
    answer = await stack.api.get("/images", params={"drama_id": drama_id})
    total: int = data_of(answer)["pagination"]["total"]
    return total


async def test_an_over_long_genre_is_refused_where_the_database_limits_it(stack: Stack) -> None:
    before = await drama_total(stack)
    answer = await stack.api.post("/dramas", json={"title": unique(), "genre": LONG_GENRE})
    if keeps_any_value(stack):
        assert data_of(answer, 201)["genre"] == LONG_GENRE
        assert await drama_total(stack) == before + 1
        return
    assert error_of(answer, 400, "BAD_REQUEST") == await translated(stack.api, "value_too_long")
    assert await drama_total(stack) == before


async def test_a_step_count_beyond_an_integer_column_is_refused(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    body = {"drama_id": str(drama["id"]), "prompt": "a quiet street at dawn"}
    answer = await stack.api.post("/images", json={**body, "steps": INT32_OVERFLOW})
    if keeps_any_value(stack):
        assert data_of(answer)["steps"] == INT32_OVERFLOW
        stored = 1
    else:
        assert error_of(answer, 400, "BAD_REQUEST") == await translated(stack.api, "number_range")
        stored = 0
    assert await image_total(stack, drama["id"]) == stored


async def test_a_number_wider_than_64_bits_is_refused_on_every_back_end(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    body = {"drama_id": str(drama["id"]), "prompt": "a quiet street at dawn"}
    for field in ("steps", "seed"):
        answer = await stack.api.post("/images", json={**body, field: INT64_OVERFLOW})
        assert error_of(answer, 400, "BAD_REQUEST") == await translated(stack.api, "number_range")
    assert await image_total(stack, drama["id"]) == 0


async def test_a_nul_character_in_text_is_refused_where_it_cannot_be_stored(
    stack: Stack,
) -> None:
    for body in ({"title": "before\u0000after"}, {"title": unique(), "description": "a\u0000b"}):
        before = await drama_total(stack)
        answer = await stack.api.post("/dramas", json=body)
        if keeps_any_value(stack):
            created = data_of(answer, 201)
            assert {key: created[key] for key in body} == body
            assert await drama_total(stack) == before + 1
            continue
        assert error_of(answer, 400, "BAD_REQUEST") == await translated(stack.api, "bad_character")
        assert await drama_total(stack) == before


async def test_a_refused_episode_leaves_the_whole_save_unstored(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    episodes = [
        {"episode_number": 1, "title": "fits"},
        {"episode_number": 2, "title": "t" * 1000},
    ]
    answer = await stack.api.put(f"/dramas/{drama['id']}/episodes", json={"episodes": episodes})
    detail = await drama_detail(stack.api, drama["id"])
    if keeps_any_value(stack):
        data_of(answer)
        assert [e["title"] for e in detail["episodes"]] == ["fits", "t" * 1000]
        return
    assert error_of(answer, 400, "BAD_REQUEST") == await translated(stack.api, "value_too_long")
    assert "episodes" not in detail


async def test_a_nul_character_in_an_exact_filter_is_refused_where_it_cannot_be_compared(
    stack: Stack,
) -> None:
    answer = await stack.api.get("/dramas", params={"genre": "a\u0000b"})
    if keeps_any_value(stack):
        assert data_of(answer)["items"] == []
        return
    assert error_of(answer, 400, "BAD_REQUEST") == await translated(stack.api, "bad_character")


LONG = "v" * 1000


def _routes(drama_id: int, episode_id: int) -> list[tuple[str, str, dict[str, Any], str]]:
    """(method, path, body, message key) of writes the tester found answering 500."""
    drama, image = str(drama_id), {"drama_id": str(drama_id), "prompt": "a quiet street"}
    clip = {"scene_id": 1, "video_url": "https://example.com/a.mp4", "duration": 1.0}
    merge = {"episode_id": str(episode_id), "drama_id": drama, "scenes": [clip]}
    config = {
        "service_type": "text",
        "name": unique("cfg"),
        "provider": LONG,
        "base_url": "https://refused.example.com/v1",
        "api_key": "sk-refused",
        "model": ["m"],
    }
    too_long = "value_too_long"
    return [
        ("POST", "/dramas", {"title": unique(), "style": LONG}, too_long),
        ("PUT", f"/dramas/{drama}", {"genre": LONG}, too_long),
        ("PUT", f"/dramas/{drama}/characters", {"characters": [{"name": LONG}]}, too_long),
        *[("POST", "/images", {**image, key: LONG}, too_long) for key in IMAGE_TEXT],
        ("POST", "/videos", {**image, "aspect_ratio": LONG}, too_long),
        ("POST", "/scenes", {"drama_id": drama_id, "location": LONG, "time": "t"}, too_long),
        ("POST", "/props", {"drama_id": drama_id, "name": LONG}, too_long),
        ("POST", "/ai-configs", config, too_long),
        ("POST", "/video-merges", {**merge, "title": LONG}, too_long),
        ("PUT", f"/dramas/{drama}", {"description": "a\u0000b"}, "bad_character"),
    ]


IMAGE_TEXT = ("size", "model", "frame_type", "image_type")


async def stored_for(stack: Stack, drama_id: int, episode_id: int) -> list[Any]:
    """Everything the routes above could write: the drama with its cast, scenes and props,
    its image and video generations, the episode's merges, the text AI configs."""
    reads = [
        (f"/dramas/{drama_id}", None),
        ("/images", {"drama_id": drama_id}),
        ("/videos", {"drama_id": drama_id}),
        ("/video-merges", {"episode_id": episode_id}),
        ("/ai-configs", {"service_type": "text"}),
    ]
    return [data_of(await stack.api.get(path, params=params)) for path, params in reads]


async def test_every_write_refuses_what_postgresql_cannot_store(stack: Stack) -> None:
    if keeps_any_value(stack):
        pytest.skip("SQLite stores these values as sent")
    drama = await new_drama(stack.api)
    (episode,) = await new_episodes(stack.api, drama["id"], 1)
    before = await stored_for(stack, drama["id"], episode["id"])
    for method, path, body, key in _routes(drama["id"], episode["id"]):
        answer = await stack.api.request(method, path, json=body)
        expected = await translated(stack.api, key)
        assert error_of(answer, 400, "BAD_REQUEST") == expected, (method, path, body.keys())
    assert await stored_for(stack, drama["id"], episode["id"]) == before
