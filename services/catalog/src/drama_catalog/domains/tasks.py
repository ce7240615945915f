"""Catalog methods: reading async task status (api.md §2.10, flows.md F39)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from drama_catalog.context import CatalogContext
from drama_catalog.models import AsyncTask
from drama_catalog.routing import Routes
from drama_catalog.serialize import JsonDict, async_task_to_json
from drama_common.errors import BadRequest, NotFound

routes = Routes()
TASK_ID_LENGTH = 36


@routes.method("tasks.get")
async def get_task(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    task_id = str(params.get("task_id") or "").strip()
    if not task_id or len(task_id) > TASK_ID_LENGTH:
        raise NotFound("not_found", what="task")
    async with context.reading() as session:
        task = await session.get(AsyncTask, task_id)
    if task is None or task.is_deleted:
        raise NotFound("not_found", what="task")
    return async_task_to_json(task)


@routes.method("tasks.list")
async def list_tasks(context: CatalogContext, params: dict[str, Any]) -> list[JsonDict]:
    resource_id = str(params.get("resource_id") or "").strip()
    if not resource_id:
        raise BadRequest("field_required", field="resource_id")
    if len(resource_id) > TASK_ID_LENGTH:
        return []
    async with context.reading() as session:
        rows = await session.scalars(
            select(AsyncTask)
            .where(AsyncTask.resource_id == resource_id, AsyncTask.live())
            .order_by(AsyncTask.created_at.desc())
        )
        return [async_task_to_json(task) for task in rows]
