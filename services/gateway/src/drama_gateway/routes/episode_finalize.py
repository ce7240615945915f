"""Routes: finalize an episode into a merged video, and its download answer (api.md §2.9).

The finalize body is optional: a missing or malformed body means "use every shot in order".
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from pydantic import BaseModel, StrictFloat, StrictInt, StrictStr, ValidationError

from drama_gateway.responses import JSONBody, ok, raw
from drama_gateway.state import relay

router = APIRouter(tags=["episodes"])
Seconds = StrictFloat | StrictInt


class ClipTransition(BaseModel):
    type: StrictStr = ""
    duration: Seconds = 0.0


class TimelineClip(BaseModel):
    asset_id: StrictInt | StrictStr | None = None
    storyboard_id: StrictStr = ""
    order: StrictInt = 0
    start_time: Seconds = 0.0
    end_time: Seconds = 0.0
    duration: Seconds = 0.0
    transition: ClipTransition | None = None


class Timeline(BaseModel):
    episode_id: StrictStr = ""
    clips: list[TimelineClip] = []


def _timeline(body: bytes) -> list[dict[str, Any]]:
    try:
        timeline = Timeline.model_validate(orjson.loads(body))
    except (orjson.JSONDecodeError, ValidationError):
        return []
    return [clip.model_dump() for clip in timeline.clips]


@router.post("/episodes/{episode_id}/finalize")
async def finalize(episode_id: str, request: Request) -> JSONBody:
    clips = _timeline(await request.body())
    params = {"episode_id": episode_id, "clips": clips}
    return ok(await relay(request, "episodes.finalize", params, slow=True))


@router.get("/episodes/{episode_id}/download")
async def download(episode_id: str, request: Request) -> JSONBody:
    return raw(await relay(request, "episodes.download", {"episode_id": episode_id}))
