"""Judge an FFmpeg result by what the output file holds, never by the exit code alone."""

from __future__ import annotations

from fractions import Fraction

from drama_media.errors import MergeVerificationFailed
from drama_media.probe import MediaInfo

AAC_FRAME_SECONDS = 1024 / 44100
EPSILON = 0.002


def check_output(
    info: MediaInfo, *, width: int, height: int, fps: Fraction, seconds: float
) -> None:
    """Raise :class:`MergeVerificationFailed` unless ``info`` matches the plan.

    Video and audio must both be present, the size and frame rate must be the target's, the
    video must last ``seconds`` within one frame, and the audio must cover the video within
    one frame (or one AAC packet, whichever is longer).
    """
    problems: list[str] = []
    frame = float(1 / fps)
    tolerance = max(frame, AAC_FRAME_SECONDS) + EPSILON
    if not info.has_video:
        problems.append("no video stream")
    if not info.has_audio:
        problems.append("no audio stream")
    if info.has_video and (info.width, info.height) != (width, height):
        problems.append(f"size {info.width}x{info.height}, expected {width}x{height}")
    if info.has_video and abs(float(info.fps) - float(fps)) > 0.01 * float(fps):
        problems.append(f"frame rate {float(info.fps):.3f}, expected {float(fps):.3f}")
    video = info.video_duration if info.has_video else info.duration
    if abs(video - seconds) > tolerance:
        problems.append(f"duration {video:.3f} s, expected {seconds:.3f} s")
    if info.has_audio and info.has_video and abs(info.audio_duration - video) > tolerance:
        problems.append(f"audio lasts {info.audio_duration:.3f} s but video {video:.3f} s")
    if problems:
        raise MergeVerificationFailed("; ".join(problems))
