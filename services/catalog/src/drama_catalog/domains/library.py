"""Catalog methods: the shared character library (api.md §2.5)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import get_live, id_param, newest_first_page, page_of
from drama_catalog.domains.replies import message
from drama_catalog.domains.search import containing, keyword_of
from drama_catalog.models import CharacterLibraryItem
from drama_catalog.routing import Routes
from drama_catalog.serialize import JsonDict, character_library_item_to_json
from drama_common.errors import BadRequest

routes = Routes()
Item = CharacterLibraryItem


@routes.method("library.list")
async def list_items(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    page = page_of(params)
    query = select(Item).where(Item.live())
    for field in ("category", "source_type"):
        if params.get(field):
            query = query.where(getattr(Item, field) == str(params[field]))
    keyword = keyword_of(params)
    if keyword is not None:
        query = query.where(containing(keyword, Item.name, Item.description))
    async with context.reading() as session:
        return await newest_first_page(session, query, Item, page, character_library_item_to_json)


@routes.method("library.create")
async def create_item(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    for field in ("name", "image_url"):
        if not params.get(field):
            raise BadRequest("field_required", field=field)
    item = Item(
        name=str(params["name"]),
        image_url=str(params["image_url"]),
        category=params.get("category"),
        local_path=params.get("local_path"),
        description=params.get("description"),
        tags=params.get("tags"),
        source_type=str(params.get("source_type") or "generated"),
    )
    async with context.transaction() as session:
        session.add(item)
        await session.flush()
    return character_library_item_to_json(item)


@routes.method("library.get")
async def get_item(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    item_id = id_param(params, what="library")
    async with context.reading() as session:
        item = await get_live(session, Item, item_id, "library")
    return character_library_item_to_json(item)


@routes.method("library.delete")
async def delete_item(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    item_id = id_param(params, what="library")
    async with context.transaction() as session:
        item = await get_live(session, Item, item_id, "library")
        item.soft_delete()
    return message(context, "ok_deleted")
