"""API keys of AI configs: telling a masked echo from a new key, and the connection test."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.models import AIServiceConfig
from drama_catalog.script.text_client import complete
from drama_catalog.serialize.common import MASK_CHAR, is_masked_echo
from drama_common.errors import BadRequest, ProviderError
from drama_common.provider_models import ProviderSettings
from drama_common.url_guard import check_url

TEST_TIMEOUT_S = 60.0


def _masked_refused(context: CatalogContext) -> BadRequest:
    return BadRequest(
        detail=(
            "the API key is masked; enter the full key"
            if context.language == "en"
            else "API 密钥是打码后的形式，请输入完整密钥"
        )
    )


async def resolve_key(
    session: AsyncSession,
    context: CatalogContext,
    candidate: str,
    provider: str,
    base_url: str,
    own: tuple[str, tuple[str, str]] | None = None,
) -> str:
    """The key to store or use for ``candidate``.

    A masked echo becomes the stored key it masks, but only a key stored for this same
    provider and base URL (``own`` is the config being edited: its key and where it pointed).
    Any other value containing the mask character run is refused rather than stored.
    """
    if own is not None and is_masked_echo(candidate, own[0]):
        if own[1] == (provider, base_url):
            return own[0]
        raise _masked_refused(context)
    if MASK_CHAR * 3 not in candidate:
        return candidate
    same_target = await session.scalars(
        select(AIServiceConfig.api_key).where(
            AIServiceConfig.provider == provider, AIServiceConfig.base_url == base_url
        )
    )
    for stored in same_target.all():
        if is_masked_echo(candidate, stored):
            return stored
    raise _masked_refused(context)


def _first_model(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


async def connection_test(context: CatalogContext, params: dict[str, Any]) -> None:
    """One small chat call with the given settings; a failure is a 400 with the reason."""
    provider = str(params.get("provider") or "")
    base_url = str(params.get("base_url") or "")
    await check_url(base_url, allow_private=context.settings.allow_private_urls)
    async with context.reading() as session:
        api_key = await resolve_key(
            session, context, str(params.get("api_key") or ""), provider, base_url
        )
    settings = ProviderSettings(
        provider=provider or "openai",
        base_url=base_url,
        api_key=SecretStr(api_key),
        model=_first_model(params.get("model")),
        endpoint=str(params.get("endpoint") or ""),
    )
    try:
        await complete(
            settings, "", "Hello", temperature=None, max_tokens=50, request_timeout=TEST_TIMEOUT_S
        )
    except ProviderError as error:
        prefix = "connection test failed: " if context.language == "en" else "连接测试失败："
        raise BadRequest(detail=prefix + error.message) from error
