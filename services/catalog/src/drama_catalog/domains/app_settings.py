"""Catalog methods: the language setting (api.md §2.18), stored so every replica shares it."""

from __future__ import annotations

from typing import Any

from drama_catalog.context import CatalogContext
from drama_catalog.models import AppSetting
from drama_catalog.routing import Routes
from drama_common.errors import BadRequest

routes = Routes()
LANGUAGE_KEY = "language"
LANGUAGES = ("zh", "en")


async def load_language(context: CatalogContext) -> str:
    async with context.reading() as session:
        row = await session.get(AppSetting, LANGUAGE_KEY)
    if row is not None and row.value in LANGUAGES:
        return row.value
    return context.settings.language


@routes.method("settings.language.get")
async def get_language(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    context.language = await load_language(context)
    return {"language": context.language}


@routes.method("settings.language.set")
async def set_language(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    language = str(params.get("language", ""))
    if language not in LANGUAGES:
        raise BadRequest(
            detail="language must be zh or en"
            if context.language == "en"
            else "语言只能是 zh 或 en"
        )
    async with context.transaction() as session:
        row = await session.get(AppSetting, LANGUAGE_KEY)
        if row is None:
            session.add(AppSetting(key=LANGUAGE_KEY, value=language))
        else:
            row.value = language
    context.language = language
    message = "language switched to English" if language == "en" else "语言已切换为中文"
    return {"message": message, "language": language}
