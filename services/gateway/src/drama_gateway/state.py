"""What the gateway holds while it runs, reached from a request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import Request
from nats.aio.client import Client

from drama_common.rpc import RpcClient
from drama_common.storage import ObjectStorage
from drama_gateway.settings import GatewaySettings


@dataclass
class GatewayState:
    settings: GatewaySettings
    client: Client
    catalog: RpcClient
    media: RpcClient
    storage: ObjectStorage


def state_of(request: Request) -> GatewayState:
    state: GatewayState = request.app.state.gateway
    return state


async def call(
    request: Request, method: str, params: dict[str, Any] | None = None, *, slow: bool = False
) -> Any:
    """Ask the catalog, carrying the request id; errors come back as exceptions."""
    state = state_of(request)
    timeout = state.settings.slow_call_timeout_s if slow else state.settings.catalog_timeout_s
    return await state.catalog.call(
        method, params, timeout=timeout, request_id=getattr(request.state, "request_id", None)
    )


async def relay(
    request: Request, method: str, params: dict[str, Any] | None = None, *, slow: bool = False
) -> orjson.Fragment:
    """Ask the catalog for data the gateway only passes on: its JSON is spliced into the answer
    as the catalog serialized it, never parsed here."""
    state = state_of(request)
    timeout = state.settings.slow_call_timeout_s if slow else state.settings.catalog_timeout_s
    data = await state.catalog.call_raw(
        method, params, timeout=timeout, request_id=getattr(request.state, "request_id", None)
    )
    return orjson.Fragment(data)


def language_of(request: Request) -> str:
    try:
        return state_of(request).catalog.language
    except AttributeError:
        return "zh"
