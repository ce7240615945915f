"""Grab one frame of a video as a JPEG poster."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ffmpeg

from drama_media.errors import MediaError, VerificationFailed
from drama_media.outputs import partial_output, publish
from drama_media.probe import probe
from drama_media.runner import RunLimits, run_ffmpeg


@dataclass(frozen=True, slots=True)
class Poster:
    path: Path
    width: int
    height: int
    at_seconds: float


async def poster_frame(
    video: Path, output_jpg: Path, at_seconds: float = 0.0, *, limits: RunLimits | None = None
) -> Poster:
    """Save the frame of ``video`` shown at ``at_seconds`` (clamped into the video) as JPEG."""
    source = await probe(video)
    if not source.has_video:
        raise MediaError(f"{video} has no video stream")
    last = max((source.video_duration or source.duration) - 2 * source.frame_seconds, 0.0)
    at = min(max(at_seconds, 0.0), last)
    with partial_output(output_jpg) as partial:
        args: list[str] = (
            ffmpeg.input("file:" + str(video), ss=f"{at:.3f}")
            .output(
                "file:" + str(partial), vframes=1, format="image2", vcodec="mjpeg", **{"q:v": 2}
            )
            .overwrite_output()
            .get_args()
        )
        await run_ffmpeg(args, limits=limits)
        if not partial.is_file() or partial.stat().st_size == 0:
            raise VerificationFailed("no frame was written")
        image = await probe(partial)
        if (image.width, image.height) != (source.width, source.height):
            raise VerificationFailed(f"poster is {image.width}x{image.height}")
        publish(partial, output_jpg)
    return Poster(output_jpg, image.width, image.height, at)
