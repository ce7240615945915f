"""Read what a media file holds (streams, size, frame rate, duration) in-process with PyAV.

PyAV opens the file with FFmpeg's own demuxers (its wheels bundle FFmpeg's libraries), so the
facts are the ones ``ffprobe -show_format -show_streams`` reports, without starting a process
per file. Opening reads only the container's headers and a few packets; nothing is decoded.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import av
from av.audio.stream import AudioStream
from av.container import InputContainer
from av.stream import Disposition, Stream
from av.video.stream import VideoStream

from drama_media.errors import ProbeFailed

AnyStream = TypeVar("AnyStream", bound=Stream)


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


def _stream_seconds(stream: Stream) -> float:
    """The stream's stated length (0 when the container does not state one)."""
    if stream.duration is None or stream.time_base is None:
        return 0.0
    return max(float(stream.duration * stream.time_base), 0.0)


def _first(streams: Sequence[AnyStream]) -> AnyStream | None:
    """The first stream that is not a cover picture."""
    for stream in streams:
        if not stream.disposition & Disposition.attached_pic:
            return stream
    return None


def _checksum(extradata: bytes | None) -> str:
    """CRC32 of the decoder set-up, written as ``ffprobe -show_data_hash CRC32`` does."""
    return f"CRC32:{zlib.crc32(extradata):08x}" if extradata else ""


def _video_facts(stream: VideoStream, container_seconds: float) -> dict[str, Any]:
    codec = stream.codec_context
    return {
        "has_video": True,
        "width": codec.width,
        "height": codec.height,
        "fps": stream.average_rate or stream.base_rate or Fraction(0),
        "pix_fmt": codec.pix_fmt or "",
        "sar": stream.sample_aspect_ratio or codec.sample_aspect_ratio or Fraction(1),
        "video_codec": stream.codec.canonical_name,
        "video_profile": codec.profile or "",
        "video_extradata": _checksum(codec.extradata),
        "video_duration": _stream_seconds(stream) or container_seconds,
    }


def _audio_facts(stream: AudioStream, container_seconds: float) -> dict[str, Any]:
    codec = stream.codec_context
    return {
        "has_audio": True,
        "audio_codec": stream.codec.canonical_name,
        "sample_rate": codec.sample_rate,
        "channels": codec.channels,
        "channel_layout": codec.layout.name,
        "audio_duration": _stream_seconds(stream) or container_seconds,
    }


def _facts(path: Path, container: InputContainer) -> MediaInfo:
    duration = max((container.duration or 0) / av.time_base, 0.0)
    fields: dict[str, Any] = {}
    video = _first(container.streams.video)
    if video is not None:
        fields.update(_video_facts(video, duration))
    audio = _first(container.streams.audio)
    if audio is not None:
        fields.update(_audio_facts(audio, duration))
    if not duration:
        duration = max(fields.get("video_duration", 0.0), fields.get("audio_duration", 0.0))
    return MediaInfo(path=path, duration=duration, format_name=container.format.name, **fields)


def read_media_info(path: Path) -> MediaInfo:
    """Open ``path`` and read its facts (blocking: :func:`probe` runs it on a thread)."""
    try:
        container = av.open("file:" + str(path), metadata_errors="replace")
    except av.FFmpegError as error:
        raise ProbeFailed(str(path), error.strerror or str(error)) from error
    with container:
        return _facts(path, container)


async def probe(path: Path | str) -> MediaInfo:
    """Probe ``path``; a missing, unreadable or stream-less file raises :class:`ProbeFailed`."""
    path = Path(path)
    if not path.is_file():
        raise ProbeFailed(str(path), "no such file")
    info = await asyncio.to_thread(read_media_info, path)
    if not (info.has_video or info.has_audio):
        raise ProbeFailed(str(path), "no audio or video stream")
    return info
