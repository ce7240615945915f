"""Every RPC method of the catalog, gathered from its domain modules."""

from __future__ import annotations

from drama_catalog.domains import (
    ai_configs,
    app_settings,
    assets,
    characters,
    dramas,
    dramas_detail,
    dramas_saves,
    episodes,
    frame_prompts,
    images,
    library,
    merges,
    props,
    scenes,
    scripts,
    storyboards,
    system,
    tasks,
    uploads,
    videos,
)
from drama_catalog.routing import Routes

MODULES = (
    ai_configs,
    app_settings,
    assets,
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
    system,
    tasks,
    videos,
    dramas_detail,
    dramas_saves,
    uploads,
)


def all_routes() -> Routes:
    routes = Routes()
    for module in MODULES:
        routes.include(module.routes)
    return routes
