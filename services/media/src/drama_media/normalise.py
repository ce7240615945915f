"""The normalising pass: one FFmpeg run that conforms every clip and joins them.

Each clip is cut to its window, set to the target frame rate, scaled and padded to the target
size (aspect kept), padded or cut to exactly its planned frame count, and given a stereo
44.1 kHz track of exactly the same length (silence when it has none). Clips are then joined by
``xfade`` + ``acrossfade`` where a transition is planned, by ``concat`` elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ffmpeg

from drama_media.clips import OutputTarget
from drama_media.plan import Boundary, MergePlan, Segment

SAMPLE_RATE = 44100
VIDEO_OPTIONS: dict[str, Any] = {
    "vcodec": "libx264",
    "preset": "veryfast",
    "crf": 23,
    "pix_fmt": "yuv420p",
}
AUDIO_OPTIONS: dict[str, Any] = {
    "acodec": "aac",
    "audio_bitrate": "128k",
    "ar": SAMPLE_RATE,
    "ac": 2,
}


def _video(source: Any, segment: Segment, target: OutputTarget) -> Any:
    stream = source.video
    if segment.info.sar != 1:
        stream = stream.filter("scale", "trunc(iw*sar/2)*2", "ih")
    fps = f"{target.fps.numerator}/{target.fps.denominator}"
    return (
        stream.filter("fps", fps=fps)
        .filter("scale", target.width, target.height, force_original_aspect_ratio="decrease")
        .filter("pad", target.width, target.height, "(ow-iw)/2", "(oh-ih)/2")
        .filter("setsar", "1")
        .filter("format", "yuv420p")
        .filter("tpad", stop_mode="clone", stop=segment.frames)
        .filter("trim", end_frame=segment.frames)
        .filter("setpts", "PTS-STARTPTS")
        .filter("settb", _timebase(target))
    )


def _audio(source: Any, segment: Segment, target: OutputTarget, repeat: int) -> Any:
    seconds = f"{float(segment.frames / target.fps):.6f}"
    if segment.info.has_audio:
        stream = source.audio.filter("asetpts", "PTS-STARTPTS")
    else:
        stream = ffmpeg.input(
            f"anullsrc=channel_layout=stereo:sample_rate={SAMPLE_RATE}",
            f="lavfi",
            t=f"{float(segment.frames / target.fps) + 1 + repeat * 1e-6:.6f}",
        ).audio
    return (
        stream.filter("aresample", SAMPLE_RATE)
        .filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE, channel_layouts="stereo")
        .filter("apad", whole_dur=seconds)
        .filter("atrim", duration=seconds)
        .filter("asetpts", "PTS-STARTPTS")
    )


def _timebase(target: OutputTarget) -> str:
    return f"{target.fps.denominator}/{target.fps.numerator}"


def _conformed(segments: list[Segment], target: OutputTarget) -> tuple[list[Any], list[Any]]:
    """One conformed (video, audio) pair per segment, each read from its own input.

    ffmpeg-python merges graph nodes with equal arguments, so a clip used twice would become
    one node feeding two joins (which FFmpeg refuses, and a ``split`` in front of
    ``acrossfade`` loses audio). A repeated use (of a clip, or of silence of one length)
    therefore reads a window longer by a microsecond per repeat — far below one frame, and
    cut off by the trims.
    """
    seen: dict[object, int] = {}

    def repeats(key: object) -> int:
        seen[key] = seen.get(key, -1) + 1
        return seen[key]

    videos: list[Any] = []
    audios: list[Any] = []
    for segment in segments:
        repeat = repeats((segment.clip.path, segment.start, segment.seconds))
        window = {"t": f"{segment.seconds + repeat * 1e-6:.6f}"}
        if segment.start > 0:
            window["ss"] = f"{segment.start:.6f}"
        source = ffmpeg.input("file:" + str(segment.clip.path), **window)
        videos.append(_video(source, segment, target))
        silence = 0 if segment.info.has_audio else repeats(("silence", segment.frames))
        audios.append(_audio(source, segment, target, silence))
    return videos, audios


def _join(
    videos: list[Any],
    audios: list[Any],
    boundaries: list[Boundary],
    frames: list[int],
    target: OutputTarget,
) -> tuple[Any, Any]:
    if all(b.xfade is None for b in boundaries):
        pairs = [s for pair in zip(videos, audios, strict=True) for s in pair]
        joined = ffmpeg.concat(*pairs, v=1, a=1).node
        return joined[0], joined[1]
    video, audio, length = videos[0], audios[0], frames[0]
    for boundary, next_video, next_audio, next_frames in zip(
        boundaries, videos[1:], audios[1:], frames[1:], strict=True
    ):
        if boundary.xfade is None:
            video = ffmpeg.concat(video, next_video, v=1, a=0).filter("settb", _timebase(target))
            audio = ffmpeg.concat(audio, next_audio, v=0, a=1)
        else:
            overlap = float(boundary.frames / target.fps)
            offset = float((length - boundary.frames) / target.fps)
            video = ffmpeg.filter(
                [video, next_video],
                "xfade",
                transition=boundary.xfade,
                duration=f"{overlap:.6f}",
                offset=f"{offset:.6f}",
            )
            audio = ffmpeg.filter([audio, next_audio], "acrossfade", d=f"{overlap:.6f}")
        length += next_frames - boundary.frames
    return video, audio


def normalise_args(plan: MergePlan, output: Path) -> list[str]:
    """FFmpeg arguments (without the program name) for the normalising pass of ``plan``."""
    videos, audios = _conformed(plan.segments, plan.target)
    video, audio = _join(
        videos, audios, plan.boundaries, [s.frames for s in plan.segments], plan.target
    )
    out = ffmpeg.output(
        video,
        audio,
        "file:" + str(output),
        format="mp4",
        movflags="+faststart",
        **VIDEO_OPTIONS,
        **AUDIO_OPTIONS,
    )
    args: list[str] = out.overwrite_output().get_args()
    return args
