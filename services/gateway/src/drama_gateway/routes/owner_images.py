"""Routes that start an image for its owner: characters (single and batch), scenes, props
(api.md §2.6, §2.7, §2.11). Included by the images router."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, StrictInt, StrictStr

from drama_gateway.responses import JSONBody, entity_id, ok
from drama_gateway.state import relay

router = APIRouter(tags=["images"])


class BatchCharacterImagesBody(BaseModel):
    character_ids: Annotated[list[StrictStr], Field(min_length=1, max_length=10)]
    model: StrictStr = ""


class SceneImageBody(BaseModel):
    scene_id: StrictInt = 0
    prompt: StrictStr = ""
    model: StrictStr = ""


async def _lenient_model(request: Request) -> str:
    """The optional ``model`` of a body that may be missing or not JSON at all."""
    try:
        body: Any = orjson.loads(await request.body() or b"{}")
    except orjson.JSONDecodeError:
        return ""
    model = body.get("model") if isinstance(body, dict) else None
    return model if isinstance(model, str) else ""


@router.post("/characters/batch-generate-images")
async def batch_character_images(body: BatchCharacterImagesBody, request: Request) -> JSONBody:
    return ok(
        await relay(request, "characters.batch_generate_images", body.model_dump(), slow=True)
    )


@router.post("/characters/{character_id}/generate-image")
async def character_image(character_id: str, request: Request) -> JSONBody:
    params = {"id": character_id, "model": await _lenient_model(request)}
    return ok(await relay(request, "characters.generate_image", params))


@router.post("/scenes/generate-image")
async def scene_image(body: SceneImageBody, request: Request) -> JSONBody:
    return ok(await relay(request, "scenes.generate_image", body.model_dump()))


@router.post("/props/{prop_id}/generate")
async def prop_image(prop_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "props.generate", {"id": entity_id(prop_id)}))
