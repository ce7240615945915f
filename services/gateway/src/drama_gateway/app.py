"""Building the gateway application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response

from drama_common.broker import make_broker
from drama_common.messages import subjects
from drama_common.rpc import RpcClient
from drama_common.storage import make_storage
from drama_gateway.body import JsonBodyLayer
from drama_gateway.errors import install_error_handlers
from drama_gateway.middleware import EdgeLayer
from drama_gateway.responses import raw
from drama_gateway.routes import static, system
from drama_gateway.routes.api import api_router
from drama_gateway.settings import GatewaySettings
from drama_gateway.state import GatewayState


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        broker = make_broker(settings, "gateway")
        client = await broker.connect()
        app.state.gateway = GatewayState(
            settings=settings,
            client=client,
            catalog=RpcClient(client, subjects.CATALOG_RPC, "catalog", settings.catalog_timeout_s),
            media=RpcClient(client, subjects.MEDIA_RPC, "media", settings.slow_call_timeout_s),
            storage=make_storage(settings),
        )
        yield
        await broker.stop()

    app = FastAPI(
        title="Drama Studio API",
        version="0.1.0",
        description="REST API of the AI short-drama studio (huobao-drama compatible).",
        lifespan=lifespan,
        redirect_slashes=False,
    )
    install_error_handlers(app)
    app.add_middleware(
        JsonBodyLayer, max_bytes=settings.max_body_bytes, max_depth=settings.max_json_depth
    )
    app.add_middleware(EdgeLayer, settings=settings)
    app.include_router(system.router)
    app.include_router(static.router)
    app.include_router(api_router, prefix="/api/v1")

    @app.api_route(
        "/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"], include_in_schema=False
    )
    async def catch_all(rest: str, request: Request) -> Response:
        return raw({"error": "API endpoint not found"}, status=404)

    return app
