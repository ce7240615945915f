"""Routes: audio extraction (api.md §2.17), answered in the envelope (unlike the reference),
done by the media service over request-reply."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import AfterValidator, BaseModel, Field

from drama_common.errors import AppError
from drama_common.i18n import translate
from drama_gateway.responses import JSONBody, ok
from drama_gateway.state import language_of, state_of

router = APIRouter(tags=["audio"])
MAX_BATCH = 50


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


VideoUrl = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_no_nul)]


class ExtractBody(BaseModel):
    video_url: VideoUrl


class ExtractBatchBody(BaseModel):
    video_urls: Annotated[list[VideoUrl], Field(min_length=1, max_length=MAX_BATCH)]


async def _extract(request: Request, video_url: str) -> dict[str, Any]:
    media = state_of(request).media
    answer: dict[str, Any] = await media.call(
        "audio.extract",
        {"video_url": video_url, "language": language_of(request)},
        request_id=getattr(request.state, "request_id", None),
    )
    return answer


@router.post("/audio/extract")
async def extract(body: ExtractBody, request: Request) -> JSONBody:
    return ok(await _extract(request, body.video_url))


@router.post("/audio/extract/batch")
async def extract_batch(body: ExtractBatchBody, request: Request) -> JSONBody:
    """One after the other; the first failure answers for the whole batch, naming its index."""
    results = []
    for index, video_url in enumerate(body.video_urls):
        try:
            results.append(await _extract(request, video_url))
        except AppError as error:
            language = language_of(request)
            reason = error.detail or translate(error.message_key, language, **error.params)
            raise type(error)(
                detail=translate("audio_batch_failed", language, index=index, reason=reason)
            ) from error
    return ok({"results": results, "total": len(results)})
