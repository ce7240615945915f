"""Routes: the language setting (api.md §2.18)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import relay

router = APIRouter(tags=["settings"])


class LanguageBody(BaseModel):
    language: str


@router.get("/settings/language")
async def get_language(request: Request) -> JSONBody:
    return ok(await relay(request, "settings.language.get"))


@router.put("/settings/language")
async def set_language(body: LanguageBody, request: Request) -> JSONBody:
    return ok(await relay(request, "settings.language.set", body.model_dump()))
