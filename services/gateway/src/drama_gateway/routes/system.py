"""Health, readiness and metrics."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from drama_common.errors import AppError
from drama_gateway.responses import raw
from drama_gateway.state import call, state_of

router = APIRouter()


@router.get("/health", include_in_schema=False)
async def health() -> Response:
    return raw(
        {
            "status": "ok",
            "app": "drama-studio",
            "version": "0.1.0",
            "time": datetime.now(UTC).isoformat(),
        }
    )


@router.get("/ready", include_in_schema=False)
async def ready(request: Request) -> Response:
    if not state_of(request).client.is_connected:
        return raw({"status": "not ready", "reason": "bus disconnected"}, status=503)
    try:
        await call(request, "system.ping")
    except AppError:
        return raw({"status": "not ready", "reason": "catalog unavailable"}, status=503)
    return raw({"status": "ready"})


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
