"""Contract: images started for their owners (characters, scenes, props) update the owner on
completion; the event applier is idempotent (api.md §2.6, §2.7, §2.11)."""

from __future__ import annotations

from typing import Any

from drama_catalog.models import Character, ImageGeneration, ProcessedEvent
from drama_common.messages import subjects
from drama_common.messages.events import GenerationEvent
from tests.contract.answers import data_of, error_of
from tests.contract.content import insert_rows, new_drama
from tests.contract.generation_helpers import WAIT_S, bus, completed_image
from tests.fixtures.infra import eventually
from tests.fixtures.stack import Stack


async def characters_of(stack: Stack, drama_id: int, *names: str) -> list[dict[str, Any]]:
    people = [{"name": n, "appearance": f"{n} in a red coat"} for n in names]
    data_of(await stack.api.put(f"/dramas/{drama_id}/characters", json={"characters": people}))
    listed: list[dict[str, Any]] = data_of(await stack.api.get(f"/dramas/{drama_id}/characters"))
    return sorted(listed, key=lambda c: c["id"])


async def test_character_image_updates_the_character(stack: Stack) -> None:
    drama = await new_drama(stack.api, style="ghibli")
    [hero] = await characters_of(stack, drama["id"], "Lin")
    answer = data_of(await stack.api.post(f"/characters/{hero['id']}/generate-image", json={}))
    record = answer["image_generation"]
    assert answer["message"] and record["status"] == "pending"
    assert (record["image_type"], record["character_id"]) == ("character", hero["id"])
    assert record["prompt"] == "Lin in a red coat, ghibli"
    image = await completed_image(stack.api, record["id"])
    [after] = data_of(await stack.api.get(f"/dramas/{drama['id']}/characters"))
    assert (after["image_url"], after["local_path"]) == (image["image_url"], image["local_path"])


async def test_character_image_errors(stack: Stack) -> None:
    error_of(await stack.api.post("/characters/999999999/generate-image"), 404, "NOT_FOUND")
    error_of(
        await stack.api.post("/characters/abc/generate-image", content=b"not json"),
        404,
        "NOT_FOUND",
    )


async def test_batch_character_images(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    people = await characters_of(stack, drama["id"], "A", "B")
    body = {"character_ids": [str(p["id"]) for p in people] + ["999999999"]}
    answer = data_of(await stack.api.post("/characters/batch-generate-images", json=body))
    assert answer["count"] == 3

    async def all_drawn() -> bool:
        listed = data_of(await stack.api.get(f"/dramas/{drama['id']}/characters"))
        return all(c.get("local_path") for c in listed)

    await eventually(all_drawn, timeout=WAIT_S)
    too_many = {"character_ids": [str(n) for n in range(1, 12)]}
    error_of(
        await stack.api.post("/characters/batch-generate-images", json=too_many), 400, "BAD_REQUEST"
    )
    bad_bodies: list[dict[str, Any]] = [{"character_ids": [1]}, {"character_ids": []}, {}]
    for bad in bad_bodies:
        error_of(
            await stack.api.post("/characters/batch-generate-images", json=bad), 400, "BAD_REQUEST"
        )


async def test_scene_generate_image_marks_the_scene(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    scene = data_of(
        await stack.api.post(
            "/scenes",
            json={
                "drama_id": drama["id"],
                "location": "old bridge",
                "time": "dawn",
                "prompt": "an old stone bridge in mist",
            },
        )
    )
    answer = data_of(await stack.api.post("/scenes/generate-image", json={"scene_id": scene["id"]}))
    record = answer["image_generation"]
    assert record["scene_id"] == scene["id"] and record["prompt"] == scene["prompt"]
    image = await completed_image(stack.api, record["id"])
    listed = data_of(await stack.api.get("/images", params={"scene_id": scene["id"]}))
    assert listed["items"][0]["id"] == image["id"]
    error_of(
        await stack.api.post("/scenes/generate-image", json={"scene_id": 999999999}),
        404,
        "NOT_FOUND",
    )
    error_of(
        await stack.api.post("/scenes/generate-image", json={"scene_id": "7"}), 400, "BAD_REQUEST"
    )


async def test_prop_generate_runs_a_task(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    prop = data_of(
        await stack.api.post(
            "/props", json={"drama_id": drama["id"], "name": "lantern", "prompt": "a paper lantern"}
        ),
        201,
    )
    answer = data_of(await stack.api.post(f"/props/{prop['id']}/generate"))
    task_path = f"/tasks/{answer['task_id']}"

    async def task_done() -> dict[str, Any] | None:
        task: dict[str, Any] = data_of(await stack.api.get(task_path))
        return task if task["status"] in ("completed", "failed") else None

    task = await eventually(task_done, timeout=WAIT_S)
    assert task["status"] == "completed" and task["progress"] == 100
    assert task["type"] == "prop_image_generation" and task["resource_id"] == str(prop["id"])
    images = data_of(await stack.api.get("/images", params={"drama_id": drama["id"]}))["items"]
    assert [i["prop_id"] for i in images] == [prop["id"]]
    assert '"image_url"' in task["result"] and images[0]["image_url"] in task["result"]
    props = data_of(
        await stack.api.get(f"/dramas/{drama['id']}/props", params={"drama_id": drama["id"]})
    )
    assert props[0]["local_path"] == images[0]["local_path"]

    bare = data_of(
        await stack.api.post("/props", json={"drama_id": drama["id"], "name": "rock"}), 201
    )
    error_of(await stack.api.post(f"/props/{bare['id']}/generate"), 400, "BAD_REQUEST")
    error_of(await stack.api.post("/props/abc/generate"), 400, "BAD_REQUEST")
    error_of(await stack.api.post("/props/999999999/generate"), 404, "NOT_FOUND")


async def _applied(stack: Stack, event_id: str) -> bool:
    context = stack.services["catalog"].context  # type: ignore[attr-defined]
    async with context.reading() as session:
        return await session.get(ProcessedEvent, event_id) is not None


async def _snapshot(stack: Stack, image_id: int, character_id: int) -> tuple[Any, ...]:
    context = stack.services["catalog"].context  # type: ignore[attr-defined]
    async with context.reading() as session:
        image = await session.get(ImageGeneration, image_id)
        person = await session.get(Character, character_id)
        assert image is not None and person is not None
        return (
            image.status,
            image.local_path,
            image.image_url,
            image.error_msg,
            image.updated_at,
            image.completed_at,
            person.image_url,
            person.local_path,
            person.updated_at,
        )


async def test_applying_the_same_event_twice_changes_nothing(stack: Stack) -> None:
    drama = await new_drama(stack.api)
    [person] = await characters_of(stack, drama["id"], "Twice")
    record = ImageGeneration(
        drama_id=drama["id"],
        character_id=person["id"],
        image_type="character",
        provider="local",
        prompt="twice",
        status="pending",
    )
    await insert_rows(stack, record)
    key = f"images/generation-{record.id}.png"
    event = GenerationEvent(
        kind="image",
        record_id=record.id,
        outcome="completed",
        storage_key=key,
        width=320,
        height=240,
    )
    late_failure = GenerationEvent(
        kind="image", record_id=record.id, outcome="failed", error="late failure"
    )
    async with bus(stack) as client:
        js = client.jetstream()
        await js.publish(f"{subjects.IMAGE_EVENTS}.completed", event.model_dump_json().encode())
        await eventually(lambda: _applied(stack, event.message_id), timeout=WAIT_S)
        first = await _snapshot(stack, record.id, person["id"])
        assert first[:3] == ("completed", key, f"/static/{key}")
        assert first[6:8] == (f"/static/{key}", key)

        again = event.model_copy(update={"message_id": "again-" + event.message_id})
        for repeat in (again, late_failure):
            await js.publish(
                f"{subjects.IMAGE_EVENTS}.{repeat.outcome}", repeat.model_dump_json().encode()
            )
            await eventually(lambda r=repeat: _applied(stack, r.message_id), timeout=WAIT_S)
    assert await _snapshot(stack, record.id, person["id"]) == first
