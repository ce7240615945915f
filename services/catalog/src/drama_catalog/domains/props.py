"""Catalog methods: props (api.md §2.7, flows.md F34). Prop image generation lives with the
generation domains."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import get_live, strict_id_param
from drama_catalog.domains.replies import optional_id, required_id
from drama_catalog.models import Drama, Prop
from drama_catalog.routing import Routes
from drama_catalog.serialize import JsonDict, prop_to_json

routes = Routes()
COLUMNS = ("name", "type", "description", "prompt", "image_url", "local_path", "reference_images")


def _apply(prop: Prop, params: dict[str, Any]) -> None:
    for field in COLUMNS:
        if field in params:
            value = params[field]
            if field == "name":
                value = str(value or "")
            setattr(prop, field, value)


async def _live_drama(session: AsyncSession, drama_id: int) -> None:
    await get_live(session, Drama, drama_id, "drama")


@routes.method("props.create")
async def create_prop(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    drama_id = required_id(params, "drama_id")
    prop = Prop(drama_id=drama_id, name="")
    _apply(prop, params)
    async with context.transaction() as session:
        await _live_drama(session, drama_id)
        session.add(prop)
        await session.flush()
    return prop_to_json(prop)


@routes.method("props.update")
async def update_prop(context: CatalogContext, params: dict[str, Any]) -> None:
    prop_id = strict_id_param(params)
    drama_id = optional_id(params, "drama_id")
    async with context.transaction() as session:
        prop = await get_live(session, Prop, prop_id, "prop")
        if drama_id is not None and drama_id != prop.drama_id:
            await _live_drama(session, drama_id)
            prop.drama_id = drama_id
        _apply(prop, params)


@routes.method("props.delete")
async def delete_prop(context: CatalogContext, params: dict[str, Any]) -> None:
    prop_id = strict_id_param(params)
    async with context.transaction() as session:
        prop = await get_live(session, Prop, prop_id, "prop")
        prop.soft_delete()
