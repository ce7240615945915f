"""Catalog methods: the stored frame prompts of a shot (api.md §2.16)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from drama_catalog.context import CatalogContext
from drama_catalog.models import FramePrompt
from drama_catalog.routing import Routes
from drama_catalog.serialize import JsonDict, frame_prompt_to_json

routes = Routes()
MAX_ID = 2**63 - 1


@routes.method("storyboards.frame_prompts")
async def list_frame_prompts(
    context: CatalogContext, params: dict[str, Any]
) -> dict[str, list[JsonDict]]:
    """Newest first; an unknown or non-numeric shot simply has none, as in the reference."""
    text = str(params.get("id", "")).strip()
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_ID:
        return {"frame_prompts": []}
    async with context.reading() as session:
        rows = (
            (
                await session.execute(
                    select(FramePrompt)
                    .where(FramePrompt.storyboard_id == int(text))
                    .order_by(FramePrompt.created_at.desc(), FramePrompt.id.desc())
                )
            )
            .scalars()
            .all()
        )
    return {"frame_prompts": [frame_prompt_to_json(row) for row in rows]}
