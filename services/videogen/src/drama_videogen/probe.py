"""Measuring a clip: it must hold a decodable video stream with a positive duration."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from drama_common.errors import PermanentProviderError


async def clip_duration(path: Path) -> float:
    process = await asyncio.create_subprocess_exec(
        "ffprobe",
        "-v",
        "error",
        "-show_entries",
        "format=duration:stream=codec_type",
        "-of",
        "json",
        str(path),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, _ = await process.communicate()
    try:
        info = json.loads(out or b"{}")
        streams = [s.get("codec_type") for s in info.get("streams", [])]
        duration = float(info["format"]["duration"])
    except (ValueError, KeyError, TypeError) as error:
        raise PermanentProviderError("the video result cannot be decoded") from error
    if "video" not in streams or duration <= 0:
        raise PermanentProviderError("the video result holds no playable video")
    return duration
