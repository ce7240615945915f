from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from drama_media.errors import FFmpegFailed, FFmpegStalled, FFmpegTimedOut, MediaCancelled
from drama_media.runner import RunLimits, run_ffmpeg

ENDLESS = ["-re", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-f", "null", "-"]


async def test_cancel_kills_a_running_ffmpeg(ffmpeg_children: Callable[[], list[int]]) -> None:
    cancel = asyncio.Event()
    progress: list[float] = []

    def on_progress(seconds: float) -> None:
        progress.append(seconds)
        cancel.set()

    with pytest.raises(MediaCancelled):
        await run_ffmpeg(
            ENDLESS,
            limits=RunLimits(wall_seconds=300, stall_seconds=300),
            cancel=cancel,
            on_progress=on_progress,
        )

    assert progress
    assert ffmpeg_children() == []


async def test_wall_clock_limit_stops_a_run(ffmpeg_children: Callable[[], list[int]]) -> None:
    with pytest.raises(FFmpegTimedOut) as caught:
        await run_ffmpeg(ENDLESS, limits=RunLimits(wall_seconds=1, stall_seconds=300))

    assert "1 s" in caught.value.message("en")
    assert ffmpeg_children() == []


async def test_no_progress_limit_stops_a_stuck_run(
    tmp_path: Path, ffmpeg_children: Callable[[], list[int]]
) -> None:
    # Opening a FIFO that nobody writes blocks FFmpeg forever without any output time.
    fifo = tmp_path / "never_written"
    os.mkfifo(fifo)
    args = ["-f", "rawvideo", "-pix_fmt", "gray", "-s", "4x4", "-i", str(fifo), "-f", "null", "-"]

    with pytest.raises(FFmpegStalled) as caught:
        await run_ffmpeg(args, limits=RunLimits(wall_seconds=300, stall_seconds=1))

    assert "没有进展" in caught.value.message("zh")
    assert ffmpeg_children() == []


async def test_failure_carries_ffmpeg_reason(tmp_path: Path) -> None:
    with pytest.raises(FFmpegFailed) as caught:
        await run_ffmpeg(["-i", str(tmp_path / "absent.mp4"), "-f", "null", "-"])

    assert caught.value.returncode != 0
    assert "absent.mp4" in caught.value.reason
