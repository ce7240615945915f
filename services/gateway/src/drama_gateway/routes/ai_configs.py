"""Routes: AI service configs and the provider catalogue (api.md §2.2-2.3).

Answers carry the API key masked; sending the masked form back keeps the stored key.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from pydantic import AfterValidator, BaseModel, Field, StrictBool, StrictInt, StrictStr

from drama_common.sealing import seal
from drama_gateway.responses import JSONBody, entity_id, ok
from drama_gateway.state import relay, state_of

router = APIRouter(tags=["ai-configs"])

ServiceType = Literal["text", "image", "video", "audio", "lipsync"]
Models = StrictStr | list[StrictStr]
Limit = Annotated[StrictInt, Field(ge=1, le=1_000_000)]


def _url(value: str) -> str:
    parts = urlsplit(value)
    if value and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise ValueError("must be an absolute http(s) URL")
    return value


Url = Annotated[StrictStr, AfterValidator(_url)]


class CreateConfigBody(BaseModel):
    service_type: ServiceType
    name: Annotated[StrictStr, Field(min_length=1, max_length=100)]
    provider: Annotated[StrictStr, Field(min_length=1)]
    base_url: Annotated[Url, Field(min_length=1)]
    api_key: Annotated[StrictStr, Field(min_length=1)]
    model: Models
    endpoint: StrictStr = ""
    query_endpoint: StrictStr = ""
    priority: StrictInt = 0
    is_default: StrictBool = False
    settings: StrictStr = ""
    requests_per_minute: Limit | None = None
    max_in_flight: Limit | None = None


class UpdateConfigBody(BaseModel):
    name: Annotated[StrictStr, Field(max_length=100)] | None = None
    provider: StrictStr | None = None
    base_url: Url | None = None
    api_key: StrictStr | None = None
    model: Models | None = None
    endpoint: StrictStr | None = None
    query_endpoint: StrictStr | None = None
    priority: StrictInt | None = None
    is_default: StrictBool | None = None
    is_active: StrictBool | None = None
    settings: StrictStr | None = None
    requests_per_minute: Limit | None = None
    max_in_flight: Limit | None = None


class TestConfigBody(BaseModel):
    base_url: Annotated[Url, Field(min_length=1)]
    api_key: Annotated[StrictStr, Field(min_length=1)]
    model: Models
    provider: StrictStr = ""
    endpoint: StrictStr = ""


@router.get("/ai-configs")
async def list_configs(request: Request, service_type: str | None = None) -> JSONBody:
    return ok(await relay(request, "ai_configs.list", {"service_type": service_type}))


def sealed(request: Request, params: dict[str, Any]) -> dict[str, Any]:
    """The request for the catalog with its API key sealed: no key crosses the bus in clear."""
    key = params.pop("api_key", None)
    if key:
        secret = state_of(request).settings.bus_secret.get_secret_value()
        params["sealed_api_key"] = seal(str(key), secret)
    return params


@router.post("/ai-configs")
async def create_config(body: CreateConfigBody, request: Request) -> JSONBody:
    params = sealed(request, body.model_dump())
    return ok(await relay(request, "ai_configs.create", params), 201)


@router.post("/ai-configs/test")
async def test_config(body: TestConfigBody, request: Request) -> JSONBody:
    params = sealed(request, body.model_dump())
    return ok(await relay(request, "ai_configs.test", params, slow=True))


@router.get("/ai-configs/{config_id}")
async def get_config(config_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "ai_configs.get", {"id": entity_id(config_id)}))


@router.put("/ai-configs/{config_id}")
async def update_config(config_id: str, body: UpdateConfigBody, request: Request) -> JSONBody:
    params = sealed(request, {**body.model_dump(exclude_unset=True), "id": entity_id(config_id)})
    return ok(await relay(request, "ai_configs.update", params))


@router.delete("/ai-configs/{config_id}")
async def delete_config(config_id: str, request: Request) -> JSONBody:
    return ok(await relay(request, "ai_configs.delete", {"id": entity_id(config_id)}))


@router.get("/ai-providers")
async def list_providers(request: Request, service_type: str | None = None) -> JSONBody:
    return ok(await relay(request, "ai_providers.list", {"service_type": service_type}))
