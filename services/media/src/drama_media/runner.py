"""Run FFmpeg as an asyncio subprocess, under limits and cancellable.

FFmpeg is started with ``-progress pipe:1`` so its ``out_time`` can be watched: a run that
exceeds the wall-clock limit, or whose ``out_time`` stops advancing for the no-progress limit,
is killed; so is a run whose cancel event is set. The process never outlives the call.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import structlog

from drama_media.errors import (
    FFmpegFailed,
    FFmpegStalled,
    FFmpegTimedOut,
    MediaCancelled,
    MediaError,
)

log = structlog.get_logger()

FFMPEG = "ffmpeg"
_STDERR_TAIL = 4000
_TICK_SECONDS = 0.25


@dataclass(frozen=True, slots=True)
class RunLimits:
    """How long one FFmpeg run may take: in total, and without its output time advancing."""

    wall_seconds: float = 1800.0
    stall_seconds: float = 120.0


ProgressCallback = Callable[[float], None]
"""Called with FFmpeg's output time in seconds each time it advances."""


class _Watch:
    def __init__(self, on_progress: ProgressCallback | None) -> None:
        self.out_time = -1.0
        self.advanced_at = asyncio.get_running_loop().time()
        self.on_progress = on_progress

    def feed(self, line: str) -> None:
        key, _, value = line.partition("=")
        if key != "out_time_us" or not value.strip().lstrip("-").isdigit():
            return
        seconds = int(value) / 1_000_000
        if seconds > self.out_time:
            self.out_time = seconds
            self.advanced_at = asyncio.get_running_loop().time()
            if self.on_progress is not None:
                self.on_progress(seconds)


async def _read_progress(stream: asyncio.StreamReader, watch: _Watch) -> None:
    while line := await stream.readline():
        watch.feed(line.decode("utf-8", "replace").strip())


async def _read_tail(stream: asyncio.StreamReader, sink: bytearray) -> None:
    while chunk := await stream.read(4096):
        sink.extend(chunk)
        del sink[:-_STDERR_TAIL]


async def _kill(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    await process.wait()


async def run_ffmpeg(
    args: Sequence[str],
    *,
    limits: RunLimits | None = None,
    cancel: asyncio.Event | None = None,
    on_progress: ProgressCallback | None = None,
) -> None:
    """Run ``ffmpeg <args>`` (arguments after the program name) to completion.

    Raises :class:`FFmpegFailed` on a non-zero exit, :class:`FFmpegTimedOut`,
    :class:`FFmpegStalled` or :class:`MediaCancelled` after killing the process.
    """
    limits = limits or RunLimits()
    command = [
        FFMPEG,
        "-hide_banner",
        "-nostdin",
        "-nostats",
        "-v",
        "error",
        "-progress",
        "pipe:1",
        "-stats_period",
        "0.25",
        *args,
    ]
    try:
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
    except OSError as error:
        raise MediaError(f"cannot start ffmpeg: {error}") from error
    assert process.stdout is not None and process.stderr is not None
    log.debug("media.ffmpeg.started", pid=process.pid, args=command[1:])
    loop = asyncio.get_running_loop()
    started = loop.time()
    watch = _Watch(on_progress)
    stderr = bytearray()
    readers = [
        asyncio.create_task(_read_progress(process.stdout, watch)),
        asyncio.create_task(_read_tail(process.stderr, stderr)),
    ]
    try:
        while process.returncode is None:
            if cancel is not None and cancel.is_set():
                raise MediaCancelled("cancelled")
            now = loop.time()
            if now - started > limits.wall_seconds:
                raise FFmpegTimedOut(limits.wall_seconds)
            if now - watch.advanced_at > limits.stall_seconds:
                raise FFmpegStalled(limits.stall_seconds)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(process.wait()), _TICK_SECONDS)
        await asyncio.gather(*readers)
    except BaseException as error:
        await _kill(process)
        log.info("media.ffmpeg.killed", pid=process.pid, reason=type(error).__name__)
        raise
    finally:
        for reader in readers:
            reader.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
    if process.returncode != 0:
        raise FFmpegFailed(process.returncode, stderr.decode("utf-8", "replace"))
