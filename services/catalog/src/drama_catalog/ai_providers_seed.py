"""The provider catalogue (``ai_service_providers``) and its idempotent seed.

The catalogue lists, per service type, the providers a user can pick when adding an AI config,
with a suggested base URL and model names. It is refreshed on every start: rows are matched by
``name``, missing ones are inserted, existing ones get the current values and become active.
"""

from __future__ import annotations

from dataclasses import dataclass

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.models import AIServiceProvider, utcnow

log = structlog.get_logger()

CHATFIRE = "https://api.chatfire.site/v1"
OPENAI = "https://api.openai.com/v1"
GEMINI = "https://generativelanguage.googleapis.com"
VOLCENGINE = "https://ark.cn-beijing.volces.com/api/v3"
MINIMAX = "https://api.minimaxi.com/v1"
VIDU = "https://api.vidu.com/v1"
FAL = "https://queue.fal.run"

SEEDANCE = (
    "doubao-seedance-1-5-pro-251215",
    "doubao-seedance-2-0-260128",
    "doubao-seedance-1-0-pro-fast-251015",
    "doubao-seedance-1-0-pro-250528",
    "doubao-seedance-1-0-lite-i2v-250428",
    "doubao-seedance-1-0-lite-t2v-250428",
)


@dataclass(frozen=True, slots=True)
class ProviderEntry:
    name: str
    service_type: str
    provider: str
    display_name: str
    default_url: str
    preset_models: tuple[str, ...]
    description: str


def _entry(
    name: str, display_name: str, url: str, models: tuple[str, ...], description: str
) -> ProviderEntry:
    provider, _, service_type = name.rpartition("-")
    return ProviderEntry(name, service_type, provider, display_name, url, models, description)


PROVIDERS: tuple[ProviderEntry, ...] = (
    _entry(
        "chatfire-text",
        "Chatfire",
        CHATFIRE,
        (
            "gemini-3-flash-preview",
            "gemini-3-pro-preview",
            "gemini-3.1-pro-preview",
            "claude-sonnet-4-5-20250929",
            "claude-sonnet-4",
            "doubao-seed-1-8-251228",
            "doubao-seed-2-0-pro-260215",
        ),
        "Chatfire 聚合网关，一个密钥调用多家语言模型",
    ),
    _entry(
        "openai-text", "OpenAI", OPENAI, ("gpt-5.2", "gpt-4.1", "gpt-4.1-mini"), "OpenAI 语言模型"
    ),
    _entry(
        "gemini-text",
        "Google Gemini",
        GEMINI,
        (
            "gemini-3.1-pro-preview",
            "gemini-3-pro-preview",
            "gemini-3-flash-preview",
            "gemini-2.5-pro",
            "gemini-2.5-flash",
        ),
        "Google Gemini 语言模型（原生协议）",
    ),
    _entry(
        "volcengine-text",
        "火山引擎",
        VOLCENGINE,
        (
            "doubao-seed-2-0-pro-260215",
            "doubao-seed-2-0-lite-260215",
            "doubao-seed-2-0-mini-260215",
            "doubao-seed-1-8-251228",
            "doubao-seed-1-6-251015",
            "doubao-seed-1-6-lite-251015",
        ),
        "火山方舟上的豆包语言模型",
    ),
    _entry(
        "openrouter-text",
        "OpenRouter",
        "https://openrouter.ai/api/v1",
        (
            "google/gemini-3.1-pro-preview",
            "google/gemini-3-pro-preview",
            "google/gemini-3-flash-preview",
            "anthropic/claude-sonnet-4.5",
            "anthropic/claude-sonnet-4",
        ),
        "OpenRouter 多厂商模型路由",
    ),
    _entry(
        "minimax-text",
        "MiniMax 海螺",
        MINIMAX,
        (
            "MiniMax-M2.5",
            "MiniMax-M2.5-highspeed",
            "MiniMax-M2.1",
            "MiniMax-M2.1-highspeed",
            "MiniMax-M2",
            "MiniMax-M1",
            "MiniMax-MCP",
        ),
        "MiniMax 语言模型",
    ),
    _entry(
        "chatfire-image",
        "Chatfire",
        CHATFIRE,
        ("nano-banana-pro", "banana-2", "doubao-seedream-4-5-251128"),
        "Chatfire 聚合网关的图片模型",
    ),
    _entry(
        "volcengine-image",
        "火山引擎",
        VOLCENGINE,
        ("doubao-seedream-4-5-251128", "doubao-seedream-4-0-250828"),
        "豆包 Seedream 图片生成",
    ),
    _entry(
        "gemini-image",
        "Google Gemini",
        GEMINI,
        (
            "gemini-3-pro-image-preview",
            "gemini-3.1-flash-image-preview",
            "gemini-2.5-flash-image",
            "imagen-4.0-generate-001",
            "imagen-4.0-ultra-generate-001",
            "imagen-4.0-fast-generate-001",
            "gemini-3-pro-image-preview-batch",
        ),
        "Gemini 与 Imagen 图片生成",
    ),
    _entry("openai-image", "OpenAI", OPENAI, ("dall-e-3", "dall-e-2"), "OpenAI 图片生成"),
    _entry("fal-image", "FAL", FAL, ("banana", "banana-2"), "FAL 队列式图片生成"),
    _entry(
        "chatfire-video",
        "Chatfire",
        CHATFIRE,
        (
            *SEEDANCE,
            "sora-2",
            "sora-2-pro",
            "veo-3.0-generate-001",
            "veo-3.0-fast-generate-001",
        ),
        "Chatfire 聚合网关的视频模型",
    ),
    _entry("volces-video", "火山引擎", VOLCENGINE, SEEDANCE, "豆包 Seedance 视频生成"),
    _entry(
        "gemini-video",
        "Google Gemini",
        GEMINI,
        (
            "veo-3.1-generate-preview",
            "veo-3.1-fast-generate-preview",
            "veo-3.0-generate-001",
            "veo-3.0-fast-generate-001",
            "veo-2.0-generate-001",
        ),
        "Google Veo 视频生成",
    ),
    _entry(
        "minimax-video",
        "MiniMax 海螺",
        MINIMAX,
        (
            "MiniMax-Hailuo-2.3",
            "MiniMax-Hailuo-2.3-Fast",
            "MiniMax-Hailuo-02",
            "t2v-01",
            "t2v-01-director",
        ),
        "海螺视频生成",
    ),
    _entry("openai-video", "OpenAI", OPENAI, ("sora-2", "sora-2-pro"), "OpenAI Sora 视频生成"),
    _entry(
        "vidu-video",
        "生数科技 Vidu",
        VIDU,
        (
            "viduq3-pro",
            "viduq2-pro-fast",
            "viduq2-pro",
            "viduq2-turbo",
            "viduq1",
            "viduq1-classic",
            "vidu2.0",
        ),
        "Vidu 视频生成",
    ),
    _entry(
        "fal-video",
        "FAL",
        FAL,
        (
            "fal-wan25",
            "fal-veo31",
            "fal-sora2",
            "fal-ai/kling-video/v2.5-turbo/pro/image-to-video",
            "fal-ai/kling-video/v3/standard/image-to-video",
            "fal-ai/kling-video/v3/pro/image-to-video",
        ),
        "FAL 队列式视频生成",
    ),
    _entry(
        "minimax-audio",
        "MiniMax 海螺",
        MINIMAX,
        ("speech-03-hd", "speech-02-hd", "speech-02-turbo"),
        "MiniMax 语音合成",
    ),
    _entry("fal-audio", "FAL", FAL, ("fal-ai/index-tts-2/text-to-speech",), "FAL 语音合成"),
    _entry(
        "qwen-audio",
        "阿里百炼",
        "https://dashscope.aliyuncs.com/compatible-mode/v1",
        ("cosyvoice-v2",),
        "通义 CosyVoice 语音合成",
    ),
    _entry(
        "fal-lipsync",
        "FAL",
        FAL,
        ("fal-ai/kling-video/lipsync/audio-to-video",),
        "FAL 口型同步",
    ),
    _entry("vidu-lipsync", "生数科技 Vidu", VIDU, ("vidu-lipsync",), "Vidu 口型同步"),
)


async def seed_ai_providers(session: AsyncSession) -> int:
    """Bring the catalogue up to date inside the caller's transaction.

    Returns the number of rows inserted. Existing rows (matched by name) get the catalogue's
    current models, provider key, display name, URL and description and are made active.
    """
    result = await session.execute(select(AIServiceProvider))
    existing = {row.name: row for row in result.scalars()}
    inserted = 0
    now = utcnow()
    for entry in PROVIDERS:
        row = existing.get(entry.name)
        if row is None:
            row = AIServiceProvider(
                name=entry.name, service_type=entry.service_type, created_at=now
            )
            session.add(row)
            inserted += 1
        row.display_name = entry.display_name
        row.provider = entry.provider
        row.default_url = entry.default_url
        row.preset_models = list(entry.preset_models)
        row.description = entry.description
        row.is_active = True
        row.updated_at = now
    await session.flush()
    log.info("catalog.providers_seeded", inserted=inserted, total=len(PROVIDERS))
    return inserted
