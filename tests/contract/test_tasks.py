"""Contract of /tasks (api.md §2.10)."""

from __future__ import annotations

import json
from datetime import timedelta

from drama_catalog.models import AsyncTask, new_task_id, utcnow
from tests.contract.answers import data_of, error_of
from tests.contract.content import insert_rows, unique
from tests.fixtures.stack import Stack

TASK_KEYS = {"id", "type", "status", "progress", "resource_id", "created_at", "updated_at"}


async def test_get_and_list_by_resource(stack: Stack) -> None:
    resource = unique("r")[:30]
    now = utcnow()
    done = AsyncTask(
        id=new_task_id(),
        type="prop_extraction",
        status="completed",
        progress=100,
        result=json.dumps([{"name": "伞"}]),
        message="完成",
        resource_id=resource,
        created_at=now - timedelta(seconds=5),
        completed_at=now,
    )
    running = AsyncTask(
        id=new_task_id(),
        type="storyboard_generation",
        status="processing",
        progress=50,
        resource_id=resource,
        created_at=now,
    )
    await insert_rows(stack, done, running)

    task = data_of(await stack.api.get(f"/tasks/{done.id}"))
    assert set(task) == TASK_KEYS | {"message", "result", "completed_at"}
    assert json.loads(task["result"]) == [{"name": "伞"}]
    assert (task["resource_id"], task["progress"]) == (resource, 100)
    pending = data_of(await stack.api.get(f"/tasks/{running.id}"))
    assert set(pending) == TASK_KEYS

    listed = data_of(await stack.api.get("/tasks", params={"resource_id": resource}))
    assert [t["id"] for t in listed] == [running.id, done.id]
    assert data_of(await stack.api.get("/tasks", params={"resource_id": unique()})) == []


async def test_errors(stack: Stack) -> None:
    error_of(await stack.api.get("/tasks"), 400, "BAD_REQUEST")
    error_of(await stack.api.get("/tasks", params={"resource_id": ""}), 400, "BAD_REQUEST")
    for task_id in (new_task_id(), "abc", "x" * 80):
        error_of(await stack.api.get(f"/tasks/{task_id}"), 404, "NOT_FOUND")
