"""Merges: the merge code (``drama_media.merge.merge_clips``: probe, plan, FFmpeg, verify)
against one bare FFmpeg command doing the same join, on the same files, in the same run.

Uniform clips take the copy path and are compared with ``ffmpeg -f concat -c copy``; mixed
clips (sizes, frame rates, one without sound) take the normalising path and are compared with
one hand-written normalising ``ffmpeg`` command to the same target and encoder settings."""

from __future__ import annotations

import asyncio
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import structlog

from bench.infra import BenchSetupError
from bench.options import Options
from bench.stats import at_most, ratios, spread, write_result
from drama_media.clips import ClipInput
from drama_media.merge import merge_clips

log = structlog.get_logger()
NAME = "merges"
COPY_LIMIT = 2.0
NORMALISE_LIMIT = 1.2


@dataclass(frozen=True)
class Clip:
    width: int
    height: int
    fps: int
    seconds: float
    audio: bool


@dataclass(frozen=True)
class Sizes:
    uniform: list[Clip]
    mixed: list[Clip]
    runs: int


def sizes(options: Options) -> Sizes:
    if options.quick:
        uniform = [Clip(320, 240, 24, 1, True)] * 3
        mixed = [
            Clip(320, 240, 24, 1, True),
            Clip(240, 180, 30, 1, False),
            Clip(320, 180, 25, 1, True),
        ]
        return Sizes(uniform, mixed, runs=1)
    uniform = [Clip(1280, 720, 24, 3, True)] * 8
    shapes = [
        Clip(1280, 720, 24, 3, True),
        Clip(640, 480, 30, 3, True),
        Clip(854, 480, 25, 3, False),
        Clip(720, 1280, 30, 3, True),
    ]
    return Sizes(uniform, shapes * 2, runs=3)


def make_clip(clip: Clip, path: Path, seed: int) -> None:
    args = [
        "ffmpeg",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        f"testsrc2=size={clip.width}x{clip.height}:rate={clip.fps}:duration={clip.seconds}",
    ]
    if clip.audio:
        args += [
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency={220 + 40 * seed}:sample_rate=44100:duration={clip.seconds}",
            "-ac",
            "2",
        ]
    args += ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "48"]
    if clip.audio:
        args += ["-c:a", "aac", "-b:a", "128k"]
    subprocess.run([*args, str(path)], check=True, capture_output=True)


def bare_copy(paths: list[Path], output: Path) -> None:
    listing = output.with_suffix(".txt")
    listing.write_text("".join(f"file '{p}'\n" for p in paths))
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            str(listing),
            "-c",
            "copy",
            str(output),
        ],
        check=True,
        capture_output=True,
    )


def bare_normalise(paths: list[Path], clips: list[Clip], output: Path) -> None:
    """One FFmpeg pass: every clip to the largest size and highest rate, then concat."""
    width = max(c.width for c in clips)
    height = max(c.height for c in clips)
    fps = max(c.fps for c in clips)
    inputs: list[str] = []
    silences: list[str] = []
    graph: list[str] = []
    pairs: list[str] = []
    silent = len(paths)
    for index, (path, clip) in enumerate(zip(paths, clips, strict=True)):
        inputs += ["-i", str(path)]
        graph.append(
            f"[{index}:v]fps={fps},scale={width}:{height}:force_original_aspect_ratio=decrease,"
            f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p[v{index}]"
        )
        if clip.audio:
            source = f"[{index}:a]"
        else:
            silences += [
                "-f",
                "lavfi",
                "-t",
                str(clip.seconds),
                "-i",
                "anullsrc=channel_layout=stereo:sample_rate=44100",
            ]
            source = f"[{silent}:a]"
            silent += 1
        graph.append(
            f"{source}aresample=44100,aformat=sample_fmts=fltp:channel_layouts=stereo[a{index}]"
        )
        pairs.append(f"[v{index}][a{index}]")
    graph.append(f"{''.join(pairs)}concat=n={len(paths)}:v=1:a=1[v][a]")
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            *inputs,
            *silences,
            "-filter_complex",
            ";".join(graph),
            "-map",
            "[v]",
            "-map",
            "[a]",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "23",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-movflags",
            "+faststart",
            str(output),
        ],
        check=True,
        capture_output=True,
    )


async def merge_code(paths: list[Path], output: Path) -> str:
    """The project's merge; answers the strategy it took."""
    clips = [ClipInput(path=path, shot=index + 1) for index, path in enumerate(paths)]
    result = await merge_clips(clips, output)
    return result.strategy


async def _compare(
    paths: list[Path], folder: Path, runs: int, expected: str, bare: Callable[[Path], None]
) -> dict[str, Any]:
    merged: list[float] = []
    baseline: list[float] = []
    for index in range(runs):
        started = time.perf_counter()
        await asyncio.to_thread(bare, folder / f"bare-{index}.mp4")
        baseline.append(time.perf_counter() - started)
        started = time.perf_counter()
        strategy = await merge_code(paths, folder / f"merged-{index}.mp4")
        merged.append(time.perf_counter() - started)
        if strategy != expected:
            raise BenchSetupError(f"the merge took the {strategy} path, not {expected}")
    return {
        "strategy": expected,
        "clips": len(paths),
        "merge_s": spread(merged),
        "bare_ffmpeg_s": spread(baseline),
        "ratio_merge_to_bare": spread(ratios(merged, baseline)),
        "runs": [
            {"merge_s": round(m, 4), "bare_ffmpeg_s": round(b, 4)}
            for m, b in zip(merged, baseline, strict=True)
        ],
    }


async def run(options: Options) -> dict[str, Any]:
    plan = sizes(options)
    with tempfile.TemporaryDirectory(prefix="drama-bench-merge-") as name:
        folder = Path(name)
        uniform = [folder / f"uniform-{i}.mp4" for i in range(len(plan.uniform))]
        make_clip(plan.uniform[0], uniform[0], 0)
        for path in uniform[1:]:
            path.write_bytes(uniform[0].read_bytes())
        mixed = [folder / f"mixed-{i}.mp4" for i in range(len(plan.mixed))]
        for index, (clip, path) in enumerate(zip(plan.mixed, mixed, strict=True)):
            make_clip(clip, path, index)
        copy = await _compare(
            uniform, folder, plan.runs, "copy", lambda out: bare_copy(uniform, out)
        )
        normalise = await _compare(
            mixed,
            folder,
            plan.runs,
            "normalise",
            lambda out: bare_normalise(mixed, plan.mixed, out),
        )
    body = {
        "quick": options.quick,
        "uniform": {**copy, "clip": plan.uniform[0].__dict__},
        "mixed": {**normalise, "clip_shapes": [c.__dict__ for c in plan.mixed]},
    }
    targets = [
        at_most(
            "uniform merge / bare copy (median)", copy["ratio_merge_to_bare"]["median"], COPY_LIMIT
        ),
        at_most(
            "mixed merge / bare normalising pass (median)",
            normalise["ratio_merge_to_bare"]["median"],
            NORMALISE_LIMIT,
        ),
    ]
    return write_result(NAME, body, targets, options.results)
