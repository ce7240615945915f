"""Measuring a clip: it must hold a decodable video stream with a positive duration."""

from __future__ import annotations

from pathlib import Path

from drama_common.errors import PermanentProviderError
from drama_media.errors import MediaError
from drama_media.probe import probe


async def clip_duration(path: Path) -> float:
    """The clip's duration, or a permanent failure when the result is no playable video."""
    try:
        info = await probe(path)
    except MediaError as error:
        raise PermanentProviderError("the video result cannot be decoded") from error
    if not info.has_video or info.duration <= 0:
        raise PermanentProviderError("the video result holds no playable video")
    return info.duration
