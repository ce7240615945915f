"""Routes: the stored frame prompts of a shot (api.md §2.16)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import relay

router = APIRouter(tags=["storyboards"])


@router.get("/storyboards/{storyboard_id}/frame-prompts")
async def list_frame_prompts(storyboard_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "storyboards.frame_prompts", {"id": storyboard_id}))
