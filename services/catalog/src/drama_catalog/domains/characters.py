"""Catalog methods: editing one character (api.md §2.6, flows.md F32). Image generation and
uploads for characters live with the generation and upload domains."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.domains.common import get_live, id_param, strict_id_param
from drama_catalog.domains.replies import message, required_id
from drama_catalog.models import Character, CharacterLibraryItem, Drama
from drama_catalog.routing import Routes
from drama_catalog.serialize import JsonDict, character_library_item_to_json
from drama_common.errors import BadRequest, Forbidden

routes = Routes()
EDITABLE = ("role", "appearance", "personality", "description", "image_url", "local_path")


async def load_character(session: AsyncSession, character_id: int) -> Character:
    """A live character whose drama is live: 404 when it is missing, 403 when its drama is."""
    character = await get_live(session, Character, character_id, "character")
    drama = await session.get(Drama, character.drama_id)
    if drama is None or drama.is_deleted:
        raise Forbidden("drama_gone")
    return character


@routes.method("characters.update")
async def update_character(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    character_id = id_param(params, what="character")
    changes = {f: params[f] for f in EDITABLE if params.get(f) is not None}
    if params.get("name"):
        changes["name"] = params["name"]
    async with context.transaction() as session:
        character = await load_character(session, character_id)
        if not changes:
            raise BadRequest("no_fields")
        for field, value in changes.items():
            setattr(character, field, str(value))
    return message(context, "ok_updated")


@routes.method("characters.delete")
async def delete_character(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    character_id = strict_id_param(params)
    async with context.transaction() as session:
        character = await load_character(session, character_id)
        character.soft_delete()
    return message(context, "ok_deleted")


@routes.method("characters.image")
async def set_image(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    character_id = id_param(params, what="character")
    if not params.get("image_url"):
        raise BadRequest("field_required", field="image_url")
    async with context.transaction() as session:
        character = await load_character(session, character_id)
        character.image_url = str(params["image_url"])
    return message(context, "ok_image_set")


@routes.method("characters.image_from_library")
async def apply_library_item(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    character_id = id_param(params, what="character")
    item_id = required_id(params, "library_item_id")
    async with context.transaction() as session:
        item = await get_live(session, CharacterLibraryItem, item_id, "library")
        character = await load_character(session, character_id)
        if item.image_url:
            character.image_url = item.image_url
        if item.local_path:
            character.local_path = item.local_path
    return message(context, "ok_library_applied")


@routes.method("characters.add_to_library")
async def add_to_library(context: CatalogContext, params: dict[str, Any]) -> JsonDict:
    character_id = id_param(params, what="character")
    async with context.transaction() as session:
        character = await load_character(session, character_id)
        if not character.image_url:
            raise BadRequest("no_character_image")
        item = CharacterLibraryItem(
            name=character.name,
            image_url=character.image_url,
            local_path=character.local_path,
            description=character.description,
            source_type="character",
        )
        session.add(item)
        await session.flush()
    return character_library_item_to_json(item)
