"""The offline ``local`` video provider: a still frame turned into a clip with a slow pan.

The frame is scaled once to a little more than the output size, then a crop window glides
across it; the clip gets a silent stereo track of the same length so that every clip can be
merged like a provider's. The result is checked by probing it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import ffmpeg
import structlog

from drama_media.errors import VerificationFailed
from drama_media.outputs import partial_output, publish
from drama_media.probe import MediaInfo, probe
from drama_media.runner import RunLimits, run_ffmpeg

log = structlog.get_logger()

OVERSCAN = 1.12
"""How much larger than the output the frame is scaled, giving the pan room to move."""
SAMPLE_RATE = 44100


def _even(value: float) -> int:
    return max(2, round(value / 2) * 2)


def clip_args(
    frame_png: Path, output: Path, *, frames: int, width: int, height: int, fps: int
) -> list[str]:
    """FFmpeg arguments (without the program name) for a ``frames``-long panning clip."""
    seconds = f"{frames / fps:.6f}"
    wide, tall = _even(width * OVERSCAN), _even(height * OVERSCAN)
    span = f"{max(frames - 1, 1) / fps:.6f}"
    video = (
        ffmpeg.input("file:" + str(frame_png), loop=1, framerate=fps, t=seconds)
        .video.filter("scale", wide, tall, force_original_aspect_ratio="increase")
        .filter("crop", wide, tall)
        .filter("crop", width, height, x=f"(iw-ow)*t/{span}", y=f"(ih-oh)*(0.25+0.5*t/{span})")
        .filter("setsar", "1")
        .filter("format", "yuv420p")
        .filter("trim", end_frame=frames)
    )
    audio = ffmpeg.input(
        f"anullsrc=channel_layout=stereo:sample_rate={SAMPLE_RATE}", f="lavfi", t=seconds
    ).audio
    out = ffmpeg.output(
        video,
        audio,
        "file:" + str(output),
        format="mp4",
        vcodec="libx264",
        preset="veryfast",
        crf=23,
        pix_fmt="yuv420p",
        acodec="aac",
        audio_bitrate="128k",
        ar=SAMPLE_RATE,
        ac=2,
        movflags="+faststart",
    )
    args: list[str] = out.overwrite_output().get_args()
    return args


def _check(info: MediaInfo, *, seconds: float, width: int, height: int, fps: int) -> None:
    frame = 1 / fps
    problems: list[str] = []
    if not (info.has_video and info.video_codec == "h264" and info.pix_fmt == "yuv420p"):
        problems.append("no H.264 yuv420p video")
    if not (info.has_audio and info.audio_codec == "aac" and info.channels == 2):
        problems.append("no stereo AAC audio")
    if (info.width, info.height) != (width, height):
        problems.append(f"size {info.width}x{info.height}")
    if abs(info.video_duration - seconds) > frame + 0.002:
        problems.append(f"video lasts {info.video_duration:.3f} s, not {seconds:.3f} s")
    if abs(info.audio_duration - info.video_duration) > max(frame, 1024 / SAMPLE_RATE) + 0.002:
        problems.append(f"audio lasts {info.audio_duration:.3f} s")
    if problems:
        raise VerificationFailed("; ".join(problems))


async def render_clip(
    frame_png: Path,
    output_mp4: Path,
    *,
    duration: float,
    width: int,
    height: int,
    fps: int = 24,
    limits: RunLimits | None = None,
    cancel: asyncio.Event | None = None,
) -> None:
    """Write an H.264/AAC MP4 of ``duration`` seconds (to the frame) panning over the frame."""
    if duration <= 0 or width <= 0 or height <= 0 or fps <= 0:
        raise ValueError("clip duration, size and frame rate must be positive")
    width, height = width + width % 2, height + height % 2
    frames = max(1, round(duration * fps))
    with partial_output(output_mp4) as partial:
        args = clip_args(frame_png, partial, frames=frames, width=width, height=height, fps=fps)
        await run_ffmpeg(args, limits=limits, cancel=cancel)
        _check(await probe(partial), seconds=frames / fps, width=width, height=height, fps=fps)
        publish(partial, output_mp4)
    log.info(
        "videogen.local.clip_rendered",
        output=str(output_mp4),
        seconds=frames / fps,
        width=width,
        height=height,
    )
