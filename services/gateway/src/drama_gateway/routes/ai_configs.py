"""Routes: ai_configs."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
