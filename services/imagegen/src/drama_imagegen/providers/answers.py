"""Reading the ``data[0]`` item that OpenAI-style image APIs (OpenAI, Seedream) answer with."""

from __future__ import annotations

from typing import Any

import structlog

from drama_common.errors import PermanentProviderError
from drama_common.image_refs import decode_base64, sniff_mime
from drama_common.provider_models import ImageResult

log = structlog.get_logger()

EMPTY_RESULT = "empty result"


def first_image(body: dict[str, Any], *, provider: str) -> ImageResult:
    """The first image of ``{"data": [{"url"} | {"b64_json"}]}``.

    ``url`` wins over ``b64_json``; an answer with neither, or with base64 that does not
    decode, is a :class:`PermanentProviderError` ``"empty result"``.
    """
    data = body.get("data")
    item = data[0] if isinstance(data, list) and data else None
    if not isinstance(item, dict):
        log.warning("image_answer_empty", provider=provider, reason="no data item")
        raise PermanentProviderError(EMPTY_RESULT, provider=provider)
    url = item.get("url")
    if isinstance(url, str) and url:
        return ImageResult(url=url)
    encoded = item.get("b64_json")
    if isinstance(encoded, str) and encoded:
        try:
            image = decode_base64(encoded)
        except ValueError:
            log.warning("image_answer_empty", provider=provider, reason="bad base64")
            raise PermanentProviderError(EMPTY_RESULT, provider=provider) from None
        if image:
            return ImageResult(data=image, mime_type=sniff_mime(image, default="image/png"))
    log.warning("image_answer_empty", provider=provider, reason="no url or b64_json")
    raise PermanentProviderError(EMPTY_RESULT, provider=provider)
