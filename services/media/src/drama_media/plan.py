"""Plan a merge: probe the clips, fix each one's length and transitions, pick the strategy."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from drama_media.clips import ClipInput, OutputTarget, Strategy
from drama_media.errors import BadClip, MissingClip, NoClips, ProbeFailed
from drama_media.probe import MediaInfo, probe
from drama_media.transitions import Transition

COPY_VIDEO_CODECS = frozenset({"h264", "hevc"})
COPY_AUDIO_CODECS = frozenset({"aac"})
MAX_FPS = Fraction(60)
DEFAULT_FPS = Fraction(24)


@dataclass(frozen=True, slots=True)
class Segment:
    """One clip as it enters the output: source window and length in output frames."""

    clip: ClipInput
    info: MediaInfo
    start: float
    seconds: float
    frames: int


@dataclass(frozen=True, slots=True)
class Boundary:
    """The join after a segment: an ``xfade`` name (``None`` = cut) and overlap in frames."""

    xfade: str | None
    frames: int


@dataclass(frozen=True, slots=True)
class MergePlan:
    strategy: Strategy
    target: OutputTarget
    segments: list[Segment]
    boundaries: list[Boundary]
    expected_seconds: float


async def probe_clips(clips: list[ClipInput]) -> dict[Path, MediaInfo]:
    """Probe each distinct clip file once; missing files are refused first, naming shots."""
    if not clips:
        raise NoClips("no clips")
    missing = [clip for clip in clips if not clip.path.is_file()]
    if missing:
        raise MissingClip([c.shot for c in missing], [str(c.path) for c in missing])
    paths = list(dict.fromkeys(clip.path for clip in clips))
    results = await asyncio.gather(*(probe(path) for path in paths), return_exceptions=True)
    infos: dict[Path, MediaInfo] = {}
    for path, result in zip(paths, results, strict=True):
        if isinstance(result, ProbeFailed):
            shot = next(clip.shot for clip in clips if clip.path == path)
            raise BadClip(shot, result.reason) from result
        if isinstance(result, BaseException):
            raise result
        infos[path] = result
    for clip in clips:
        info = infos[clip.path]
        if not info.has_video or info.width <= 0 or info.height <= 0:
            raise BadClip(clip.shot, "no video stream")
    return infos


def default_target(infos: list[MediaInfo]) -> OutputTarget:
    """The largest display size among the clips and their highest frame rate (max 60)."""
    width = max(round(info.width * info.sar) for info in infos)
    height = max(info.height for info in infos)
    fps = max((info.fps for info in infos if info.fps > 0), default=DEFAULT_FPS)
    return OutputTarget(width=width, height=height, fps=min(fps, MAX_FPS))


def _window(clip: ClipInput, info: MediaInfo) -> tuple[float, float]:
    """The clip's (start, seconds) after trimming, within the video's length."""
    length = info.video_duration or info.duration
    start = max(clip.start or 0.0, 0.0)
    if start >= length:
        raise BadClip(clip.shot, f"trim start {start:.2f} s is beyond the clip ({length:.2f} s)")
    end = length
    if clip.end is not None and start < clip.end < length:
        end = clip.end
    return start, end - start


def _segments(clips: list[ClipInput], infos: dict[Path, MediaInfo], fps: Fraction) -> list[Segment]:
    """Segments whose frame counts are rounded on the running total, so that rounding
    never adds up: the whole is within half a frame of the sum of the clips."""
    segments: list[Segment] = []
    elapsed = 0.0
    for clip in clips:
        start, seconds = _window(clip, infos[clip.path])
        before = round(elapsed * fps)
        elapsed += seconds
        frames = max(1, round(elapsed * fps) - before)
        segments.append(Segment(clip, infos[clip.path], start, seconds, frames))
    return segments


def _boundaries(
    segments: list[Segment], default: Transition | None, fps: Fraction
) -> list[Boundary]:
    """Joins between segments; overlaps are rounded on the running total like segments, and
    capped at half of either neighbour so that two transitions never meet inside a clip."""
    boundaries: list[Boundary] = []
    overlapped = 0.0
    for left, right in itertools.pairwise(segments):
        transition = left.clip.transition or default
        name = transition.xfade if transition is not None else None
        if transition is None or name is None:
            boundaries.append(Boundary(None, 0))
            continue
        before = round(overlapped * fps)
        overlapped += transition.seconds
        wanted = round(overlapped * fps) - before
        frames = min(wanted, left.frames // 2, right.frames // 2)
        boundaries.append(Boundary(name, frames) if frames >= 1 else Boundary(None, 0))
    return boundaries


def _copy_shape(info: MediaInfo) -> tuple[object, ...]:
    """Everything that must be equal for clips to be joined without re-encoding."""
    return (
        info.video_codec, info.video_profile, info.video_extradata, info.width, info.height,
        info.fps, info.pix_fmt, info.sar, info.has_audio, info.audio_codec, info.sample_rate,
        info.channels, info.channel_layout,
    )  # fmt: skip


def _can_copy(
    segments: list[Segment], boundaries: list[Boundary], target: OutputTarget | None
) -> bool:
    if any(b.xfade for b in boundaries) or any(s.clip.trimmed for s in segments):
        return False
    if any("\n" in str(s.clip.path) or "\r" in str(s.clip.path) for s in segments):
        return False
    first = segments[0].info
    if first.width % 2 or first.height % 2 or not first.fps:
        return False
    if target is not None and (target.width, target.height, target.fps) != (
        first.width, first.height, first.fps,
    ):  # fmt: skip
        return False
    frame = first.frame_seconds
    return (
        first.video_codec in COPY_VIDEO_CODECS
        and first.has_audio
        and first.audio_codec in COPY_AUDIO_CODECS
        and all(_copy_shape(s.info) == _copy_shape(first) for s in segments)
        and all(abs(s.info.audio_duration - s.info.video_duration) <= frame for s in segments)
    )


def plan_merge(
    clips: list[ClipInput],
    infos: dict[Path, MediaInfo],
    *,
    transition: Transition | None,
    target: OutputTarget | None,
    allow_copy: bool = True,
) -> MergePlan:
    """Decide how to merge ``clips`` and how long the result must be."""
    chosen = target or default_target([infos[c.path] for c in clips])
    segments = _segments(clips, infos, chosen.fps)
    boundaries = _boundaries(segments, transition, chosen.fps)
    if allow_copy and _can_copy(segments, boundaries, target):
        first = segments[0].info
        copy_target = OutputTarget(first.width, first.height, first.fps)
        expected = sum(s.info.duration for s in segments)
        return MergePlan("copy", copy_target, segments, boundaries, expected)
    frames = sum(s.frames for s in segments) - sum(b.frames for b in boundaries)
    return MergePlan("normalise", chosen, segments, boundaries, float(frames / chosen.fps))
