"""Catalog methods: AI service configs and the provider catalogue (api.md §2.2-2.3).

Keys never leave in clear: answers carry the masked key, workers get it sealed with the bus
secret. A masked key sent back is replaced by the stored one only for the same provider and
base URL, so a stored key can never be redirected to another host.
"""

from __future__ import annotations

from typing import Any

from cryptography.exceptions import InvalidTag
from sqlalchemy import select

from drama_catalog.context import CatalogContext
from drama_catalog.domains.ai_config_keys import connection_test, resolve_key
from drama_catalog.domains.common import strict_id_param
from drama_catalog.generation.endpoints import default_endpoints
from drama_catalog.models import AIServiceConfig, AIServiceProvider
from drama_catalog.routing import Routes
from drama_catalog.serialize import ai_service_config_to_json, ai_service_provider_to_json
from drama_common.errors import BadRequest, NotFound
from drama_common.sealing import seal, unseal

routes = Routes()
Json = dict[str, Any]
SERVICE_TYPES = ("text", "image", "video", "audio", "lipsync")


def _models(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [str(item) for item in value if item]
    return []


def _limit(value: Any) -> int | None:
    return (
        int(value) if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
    )


async def _get(context: CatalogContext, session: Any, config_id: int) -> AIServiceConfig:
    config = await session.get(AIServiceConfig, config_id)
    if config is None:
        raise NotFound("not_found", what="config")
    assert isinstance(config, AIServiceConfig)
    return config


@routes.method("ai_configs.list")
async def list_configs(context: CatalogContext, params: Json) -> list[Json]:
    query = select(AIServiceConfig).order_by(
        AIServiceConfig.priority.desc(),
        AIServiceConfig.created_at.desc(),
        AIServiceConfig.id.desc(),
    )
    if params.get("service_type"):
        query = query.where(AIServiceConfig.service_type == str(params["service_type"]))
    async with context.reading() as session:
        return [ai_service_config_to_json(c) for c in (await session.scalars(query)).all()]


def unsealed(context: CatalogContext, params: Json) -> Json:
    """The request with the key the gateway sealed for the bus opened again."""
    token = params.pop("sealed_api_key", None)
    if token:
        secret = context.settings.bus_secret.get_secret_value()
        try:
            params["api_key"] = unseal(str(token), secret)
        except (ValueError, InvalidTag) as error:
            raise BadRequest(detail="sealed key cannot be opened") from error
    return params


@routes.method("ai_configs.create")
async def create_config(context: CatalogContext, params: Json) -> Json:
    params = unsealed(context, params)
    service_type = str(params.get("service_type") or "")
    if service_type not in SERVICE_TYPES:
        raise BadRequest(detail=f"service_type must be one of {', '.join(SERVICE_TYPES)}")
    provider = str(params.get("provider") or "")
    base_url = str(params.get("base_url") or "")
    endpoint = str(params.get("endpoint") or "")
    query_endpoint = str(params.get("query_endpoint") or "")
    if not endpoint:
        endpoint, derived_query = default_endpoints(provider, service_type)
        query_endpoint = query_endpoint or derived_query
    async with context.transaction() as session:
        api_key = await resolve_key(
            session, context, str(params.get("api_key") or ""), provider, base_url
        )
        config = AIServiceConfig(
            service_type=service_type,
            provider=provider,
            name=str(params.get("name") or ""),
            base_url=base_url,
            api_key=api_key,
            model=_models(params.get("model")),
            endpoint=endpoint,
            query_endpoint=query_endpoint,
            priority=int(params.get("priority") or 0),
            is_default=bool(params.get("is_default")),
            is_active=True,
            settings=str(params.get("settings") or ""),
            requests_per_minute=_limit(params.get("requests_per_minute")),
            max_in_flight=_limit(params.get("max_in_flight")),
        )
        session.add(config)
        await session.flush()
        await session.refresh(config)
        return ai_service_config_to_json(config)


@routes.method("ai_configs.get")
async def get_config(context: CatalogContext, params: Json) -> Json:
    async with context.reading() as session:
        return ai_service_config_to_json(await _get(context, session, strict_id_param(params)))


@routes.method("ai_configs.update")
async def update_config(context: CatalogContext, params: Json) -> Json:
    params = unsealed(context, params)
    config_id = strict_id_param(params)
    async with context.transaction() as session:
        config = await _get(context, session, config_id)
        origin = (config.provider or "", config.base_url)
        for key in ("name", "provider", "base_url", "settings"):
            if params.get(key):
                setattr(config, key, str(params[key]))
        if _models(params.get("model")):
            config.model = _models(params.get("model"))
        for key in ("priority", "is_default", "is_active"):
            if params.get(key) is not None:
                setattr(config, key, params[key])
        for key in ("requests_per_minute", "max_in_flight"):
            if key in params:
                setattr(config, key, _limit(params[key]))
        if params.get("api_key"):
            config.api_key = await resolve_key(
                session,
                context,
                str(params["api_key"]),
                config.provider or "",
                config.base_url,
                own=(config.api_key, origin),
            )
        if params.get("endpoint"):
            config.endpoint = str(params["endpoint"])
        elif params.get("provider"):
            derived, _ = default_endpoints(
                str(params["provider"]), config.service_type, unknown_provider=False
            )
            config.endpoint = derived or config.endpoint
        config.query_endpoint = str(params.get("query_endpoint") or "")
        await session.flush()
        await session.refresh(config)
        return ai_service_config_to_json(config)


@routes.method("ai_configs.delete")
async def delete_config(context: CatalogContext, params: Json) -> Json:
    config_id = strict_id_param(params)
    async with context.transaction() as session:
        await session.delete(await _get(context, session, config_id))
    return {"message": "AI config deleted" if context.language == "en" else "AI 配置已删除"}


@routes.method("ai_configs.test")
async def test_config(context: CatalogContext, params: Json) -> Json:
    await connection_test(context, unsealed(context, params))
    return {"message": "connection ok" if context.language == "en" else "连接测试成功"}


@routes.method("ai_configs.resolve")
async def resolve_config(context: CatalogContext, params: Json) -> Json:
    """For workers: the config a job names, the key sealed with the bus secret."""
    async with context.reading() as session:
        config = await _get(context, session, strict_id_param(params))
        secret = context.settings.bus_secret.get_secret_value()
        return {
            "config_id": config.id,
            "provider": config.provider or "",
            "base_url": config.base_url,
            "model": config.model[0] if config.model else "",
            "endpoint": config.endpoint or "",
            "query_endpoint": config.query_endpoint or "",
            "requests_per_minute": config.requests_per_minute,
            "max_in_flight": config.max_in_flight,
            "sealed_key": seal(config.api_key, secret) if config.api_key else "",
        }


@routes.method("ai_providers.list")
async def list_providers(context: CatalogContext, params: Json) -> list[Json]:
    query = (
        select(AIServiceProvider)
        .where(AIServiceProvider.is_active.is_(True))
        .order_by(AIServiceProvider.service_type, AIServiceProvider.display_name)
    )
    if params.get("service_type"):
        query = query.where(AIServiceProvider.service_type == str(params["service_type"]))
    async with context.reading() as session:
        return [ai_service_provider_to_json(p) for p in (await session.scalars(query)).all()]
