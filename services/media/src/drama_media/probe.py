"""Read what a media file holds (streams, size, frame rate, duration) with FFprobe."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from drama_media.errors import MediaError, ProbeFailed
from drama_media.runner import run_ffprobe


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """The facts about one media file that merging, extraction and checks rely on.

    ``duration`` is the container's; ``video_duration``/``audio_duration`` are the streams'
    own lengths when the file states them (else the container's). ``video_extradata`` is a
    checksum of the decoder set-up (e.g. H.264 SPS/PPS): clips can only be stream-copied
    together when it is equal.
    """

    path: Path
    duration: float
    format_name: str
    has_video: bool = False
    has_audio: bool = False
    width: int = 0
    height: int = 0
    fps: Fraction = Fraction(0)
    pix_fmt: str = ""
    sar: Fraction = Fraction(1)
    video_codec: str = ""
    video_profile: str = ""
    video_extradata: str = ""
    video_duration: float = 0.0
    audio_codec: str = ""
    sample_rate: int = 0
    channels: int = 0
    channel_layout: str = ""
    audio_duration: float = 0.0

    @property
    def fps_float(self) -> float:
        return float(self.fps)

    @property
    def frame_seconds(self) -> float:
        """The length of one frame (0 without a frame rate)."""
        return float(1 / self.fps) if self.fps else 0.0


def _fraction(text: Any, default: Fraction) -> Fraction:
    try:
        num, _, den = str(text).replace(":", "/").partition("/")
        value = Fraction(int(num), int(den or 1))
    except (ValueError, ZeroDivisionError):
        return default
    return value if value > 0 else default


def _seconds(value: Any) -> float:
    try:
        return max(float(value), 0.0)
    except (TypeError, ValueError):
        return 0.0


def _first(streams: list[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    for stream in streams:
        disposition = stream.get("disposition") or {}
        if stream.get("codec_type") == kind and not disposition.get("attached_pic"):
            return stream
    return None


def parse_probe(path: Path, report: dict[str, Any]) -> MediaInfo:
    """Build a :class:`MediaInfo` from FFprobe's JSON report."""
    fmt = report.get("format") or {}
    streams = report.get("streams") or []
    duration = _seconds(fmt.get("duration"))
    fields: dict[str, Any] = {}
    video = _first(streams, "video")
    if video is not None:
        rate = _fraction(video.get("avg_frame_rate"), Fraction(0))
        fields.update(
            has_video=True,
            width=int(video.get("width") or 0),
            height=int(video.get("height") or 0),
            fps=rate or _fraction(video.get("r_frame_rate"), Fraction(0)),
            pix_fmt=str(video.get("pix_fmt") or ""),
            sar=_fraction(video.get("sample_aspect_ratio"), Fraction(1)),
            video_codec=str(video.get("codec_name") or ""),
            video_profile=str(video.get("profile") or ""),
            video_extradata=str(video.get("extradata_hash") or ""),
            video_duration=_seconds(video.get("duration")) or duration,
        )
    audio = _first(streams, "audio")
    if audio is not None:
        fields.update(
            has_audio=True,
            audio_codec=str(audio.get("codec_name") or ""),
            sample_rate=int(audio.get("sample_rate") or 0),
            channels=int(audio.get("channels") or 0),
            channel_layout=str(audio.get("channel_layout") or ""),
            audio_duration=_seconds(audio.get("duration")) or duration,
        )
    if not duration:
        duration = max(fields.get("video_duration", 0.0), fields.get("audio_duration", 0.0))
    return MediaInfo(
        path=path, duration=duration, format_name=str(fmt.get("format_name") or ""), **fields
    )


async def probe(path: Path | str) -> MediaInfo:
    """Probe ``path``; a missing, unreadable or stream-less file raises :class:`ProbeFailed`."""
    path = Path(path)
    if not path.is_file():
        raise ProbeFailed(str(path), "no such file")
    try:
        out = await run_ffprobe(
            [
                "-print_format",
                "json",
                "-show_data_hash",
                "CRC32",
                "-show_format",
                "-show_streams",
                "file:" + str(path),
            ]
        )
        report = json.loads(out.decode("utf-8", "replace"))
    except MediaError as error:
        raise ProbeFailed(str(path), error.reason) from error
    except json.JSONDecodeError as error:
        raise ProbeFailed(str(path), f"unreadable ffprobe report: {error}") from error
    info = parse_probe(path, report)
    if not (info.has_video or info.has_audio):
        raise ProbeFailed(str(path), "no audio or video stream")
    return info
