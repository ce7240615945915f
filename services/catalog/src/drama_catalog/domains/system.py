"""Catalog methods: liveness of the catalog and its database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from drama_catalog.context import CatalogContext
from drama_catalog.routing import Routes

routes = Routes()


@routes.method("system.ping")
async def ping(context: CatalogContext, params: dict[str, Any]) -> dict[str, str]:
    async with context.reading() as session:
        await session.execute(text("SELECT 1"))
    return {"status": "ok"}
