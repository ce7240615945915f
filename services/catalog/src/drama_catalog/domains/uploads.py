"""Catalog methods: what an uploaded file changes in the catalog (api.md §2.6 upload-image)."""

from __future__ import annotations

from typing import Any

from drama_catalog.context import CatalogContext
from drama_catalog.domains.characters import load_character
from drama_catalog.domains.common import id_param
from drama_catalog.routing import Routes
from drama_common.errors import BadRequest

routes = Routes()


@routes.method("uploads.character_image")
async def set_character_image(context: CatalogContext, params: dict[str, Any]) -> dict[str, Any]:
    """Point a character at an uploaded image: its ``image_url`` and its ``local_path`` (so the
    upload shows even when an older generated image left a ``local_path`` behind)."""
    character_id = id_param(params, what="character")
    url, key = params.get("url"), params.get("local_path")
    if not isinstance(url, str) or not isinstance(key, str) or not url or not key:
        raise BadRequest("field_required", field="url")
    async with context.transaction() as session:
        character = await load_character(session, character_id)
        character.image_url = url
        character.local_path = key
    return {"id": character_id, "image_url": url, "local_path": key}
