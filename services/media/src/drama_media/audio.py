"""Extract a video's soundtrack to MP3, AAC (ADTS) or WAV; silence when it has none."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import ffmpeg
import structlog

from drama_media.errors import VerificationFailed
from drama_media.outputs import partial_output, publish
from drama_media.probe import probe
from drama_media.runner import RunLimits, run_ffmpeg

log = structlog.get_logger()

AudioFormat = Literal["mp3", "aac", "wav"]
SAMPLE_RATE = 44100
_ENCODING: dict[str, dict[str, str | int]] = {
    "mp3": {"acodec": "libmp3lame", "audio_bitrate": "192k", "format": "mp3"},
    "aac": {"acodec": "aac", "audio_bitrate": "128k", "format": "adts"},
    "wav": {"acodec": "pcm_s16le", "format": "wav"},
}


@dataclass(frozen=True, slots=True)
class AudioInfo:
    """An extracted audio file and its probed length."""

    path: Path
    format: AudioFormat
    duration: float
    sample_rate: int
    channels: int
    size_bytes: int


async def extract_audio(
    video: Path,
    output: Path,
    fmt: AudioFormat = "aac",
    *,
    limits: RunLimits | None = None,
    cancel: asyncio.Event | None = None,
) -> AudioInfo:
    """Write ``video``'s first audio track to ``output`` as stereo 44.1 kHz ``fmt``.

    A video without sound yields silence of the video's length. The result is probed: it
    must hold audio lasting more than zero seconds.
    """
    if fmt not in _ENCODING:
        raise ValueError(f"unsupported audio format: {fmt}")
    source = await probe(video)
    if source.has_audio:
        stream = ffmpeg.input("file:" + str(video)).audio
    else:
        stream = ffmpeg.input(
            f"anullsrc=channel_layout=stereo:sample_rate={SAMPLE_RATE}",
            f="lavfi",
            t=f"{source.duration:.3f}",
        ).audio
    with partial_output(output) as partial:
        args: list[str] = (
            ffmpeg.output(stream, "file:" + str(partial), ar=SAMPLE_RATE, ac=2, **_ENCODING[fmt])
            .overwrite_output()
            .get_args()
        )
        await run_ffmpeg(args, limits=limits, cancel=cancel)
        info = await probe(partial)
        if not info.has_audio or info.duration <= 0:
            raise VerificationFailed("the extracted file holds no audio")
        publish(partial, output)
    log.info(
        "media.audio.extracted",
        source=str(video),
        output=str(output),
        fmt=fmt,
        seconds=round(info.duration, 3),
        silent=not source.has_audio,
    )
    return AudioInfo(
        path=output,
        format=fmt,
        duration=info.duration,
        sample_rate=info.sample_rate,
        channels=info.channels,
        size_bytes=(await asyncio.to_thread(output.stat)).st_size,
    )
