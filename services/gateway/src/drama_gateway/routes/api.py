"""Every route under /api/v1, gathered from the route modules."""

from __future__ import annotations

from fastapi import APIRouter

from drama_gateway.routes import (
    ai_configs,
    app_settings,
    assets,
    audio,
    characters,
    dramas,
    episodes,
    frame_prompts,
    images,
    library,
    merges,
    props,
    scenes,
    scripts,
    storyboards,
    tasks,
    uploads,
    videos,
)

api_router = APIRouter()
for module in (
    ai_configs,
    app_settings,
    assets,
    audio,
    characters,
    dramas,
    episodes,
    frame_prompts,
    images,
    library,
    merges,
    props,
    scenes,
    scripts,
    storyboards,
    tasks,
    uploads,
    videos,
):
    api_router.include_router(module.router)
