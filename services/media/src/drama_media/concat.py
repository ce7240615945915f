"""The copy path: join clips that already share every stream parameter, without re-encoding."""

from __future__ import annotations

from pathlib import Path

from drama_media.plan import MergePlan


def _quote(path: Path) -> str:
    """Quote a path for the concat demuxer's list: single quotes, ``'`` written as ``'\\''``."""
    return "'" + str(path.resolve()).replace("'", "'\\''") + "'"


def write_concat_list(plan: MergePlan, list_file: Path) -> None:
    lines = [f"file {_quote(segment.clip.path)}\n" for segment in plan.segments]
    list_file.write_text("ffconcat version 1.0\n" + "".join(lines), encoding="utf-8")


def concat_args(list_file: Path, output: Path) -> list[str]:
    """FFmpeg arguments (without the program name) to stream-copy the listed clips."""
    return [
        "-f",
        "concat",
        "-safe",
        "0",
        "-i",
        "file:" + str(list_file),
        "-map",
        "0:v:0",
        "-map",
        "0:a:0",
        "-c",
        "copy",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        "-y",
        "file:" + str(output),
    ]
