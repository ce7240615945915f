"""Routes: episodes (api.md §2.9).

First the shot listing of an episode; the AI routes, finalize and download follow below.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import relay

router = APIRouter(tags=["episodes"])


@router.get("/episodes/{episode_id}/storyboards")
async def episode_storyboards(episode_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "episodes.storyboards", {"episode_id": episode_id}))
