"""Default endpoint paths of an AI config by provider and service type (providers.md §5.2)."""

from __future__ import annotations

GEMINI_PATH = "/v1beta/models/{model}:generateContent"
CHAT = "/chat/completions"
IMAGES = "/images/generations"

_VIDEO: dict[str, tuple[str, str]] = {
    "openai": ("/videos", "/videos/{taskId}"),
    "chatfire": ("/video/generations", "/video/task/{taskId}"),
    "doubao": ("/contents/generations/tasks", "/generations/tasks/{taskId}"),
    "volcengine": ("/contents/generations/tasks", "/generations/tasks/{taskId}"),
    "volces": ("/contents/generations/tasks", "/generations/tasks/{taskId}"),
    "minimax": ("/video_generation", "/query/video_generation"),
    "vidu": ("/ent/v2/video/generation", "/ent/v2/video/generation/{taskId}"),
}
_KNOWN = frozenset(
    {"gemini", "google", "openai", "chatfire", "doubao", "volcengine", "volces", "minimax", "vidu"}
)


def default_endpoints(
    provider: str, service_type: str, *, unknown_provider: bool = True
) -> tuple[str, str]:
    """``(endpoint, query_endpoint)``; empty strings where the table has nothing.

    ``unknown_provider=False`` drops the "any other provider" row (the update rule)."""
    key = provider.strip().lower()
    if key not in _KNOWN and not unknown_provider:
        return "", ""
    if service_type == "video":
        return _VIDEO.get(key, ("", ""))
    if service_type not in ("text", "image"):
        return "", ""
    if key in ("gemini", "google"):
        return GEMINI_PATH, ""
    if key in ("doubao", "volcengine", "volces", "minimax", "vidu"):
        return "", ""
    return (CHAT if service_type == "text" else IMAGES), ""
