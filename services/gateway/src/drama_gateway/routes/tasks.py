"""Routes: async task status (api.md §2.10)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import relay

router = APIRouter(tags=["tasks"])


@router.get("/tasks")
async def list_tasks(request: Request, resource_id: str | None = None) -> JSONBody:
    return ok(await relay(request, "tasks.list", {"resource_id": resource_id}))


@router.get("/tasks/{task_id}")
async def get_task(task_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "tasks.get", {"task_id": task_id}))
