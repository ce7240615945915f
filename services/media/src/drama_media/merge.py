"""Merge shot clips into one episode video, verified by probing the result."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import structlog

from drama_media.clips import ClipInput, MergeResult, OutputTarget
from drama_media.concat import concat_args, write_concat_list
from drama_media.errors import (
    FFmpegFailed,
    MediaCancelled,
    MergeCancelled,
    MergeVerificationFailed,
)
from drama_media.normalise import normalise_args
from drama_media.outputs import partial_output, publish
from drama_media.plan import MergePlan, plan_merge, probe_clips
from drama_media.probe import MediaInfo, probe
from drama_media.runner import ProgressCallback, RunLimits, run_ffmpeg
from drama_media.transitions import Transition
from drama_media.verify import check_output

log = structlog.get_logger()


def _check_cancel(cancel: asyncio.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise MergeCancelled("cancelled")


async def _run(
    plan: MergePlan,
    partial: Path,
    limits: RunLimits,
    cancel: asyncio.Event | None,
    on_progress: ProgressCallback | None,
) -> None:
    def progress(seconds: float) -> None:
        if on_progress is not None and plan.expected_seconds > 0:
            on_progress(min(seconds / plan.expected_seconds, 1.0))

    if plan.strategy == "copy":
        list_file = partial.with_suffix(".txt")
        write_concat_list(plan, list_file)
        try:
            await run_ffmpeg(
                concat_args(list_file, partial), limits=limits, cancel=cancel, on_progress=progress
            )
        finally:
            list_file.unlink(missing_ok=True)
    else:
        await run_ffmpeg(
            normalise_args(plan, partial), limits=limits, cancel=cancel, on_progress=progress
        )


async def _attempt(
    plan: MergePlan,
    output: Path,
    limits: RunLimits,
    cancel: asyncio.Event | None,
    on_progress: ProgressCallback | None,
) -> MediaInfo:
    """Run ``plan`` into ``output`` and return the probed, verified result."""
    log.info(
        "media.merge.started",
        clips=len(plan.segments),
        strategy=plan.strategy,
        expected_seconds=round(plan.expected_seconds, 3),
        output=str(output),
    )
    with partial_output(output) as partial:
        try:
            await _run(plan, partial, limits, cancel, on_progress)
        except MediaCancelled as error:
            raise MergeCancelled("cancelled") from error
        info = await probe(partial)
        check_output(
            info,
            width=plan.target.width,
            height=plan.target.height,
            fps=plan.target.fps,
            seconds=plan.expected_seconds,
        )
        _check_cancel(cancel)
        publish(partial, output)
    return info


async def merge_clips(
    clips: list[ClipInput],
    output: Path,
    *,
    transition: Transition | None = None,
    target: OutputTarget | None = None,
    limits: RunLimits | None = None,
    cancel: asyncio.Event | None = None,
    on_progress: ProgressCallback | None = None,
) -> MergeResult:
    """Merge ``clips`` in the given order into the MP4 ``output``.

    Clips that share codec, encoder set-up, size, frame rate, pixel format, aspect and audio
    layout, with no trims and no transitions, are stream-copied; anything else takes one
    normalising pass to ``target`` (default: the largest clip size at the highest frame
    rate). A stream copy that fails verification is redone as a normalising pass.
    ``transition`` is the default for clips without their own; ``on_progress`` gets the done
    fraction (0..1). The output appears only once verified; nothing is left on failure.
    """
    _check_cancel(cancel)
    limits = limits or RunLimits()
    infos = await probe_clips(clips)
    plan = plan_merge(clips, infos, transition=transition, target=target)
    _check_cancel(cancel)
    try:
        info = await _attempt(plan, output, limits, cancel, on_progress)
    except (MergeVerificationFailed, FFmpegFailed) as error:
        if plan.strategy != "copy":
            raise
        log.warning("media.merge.copy_rejected", reason=error.reason)
        plan = plan_merge(clips, infos, transition=transition, target=target, allow_copy=False)
        info = await _attempt(plan, output, limits, cancel, on_progress)
    log.info(
        "media.merge.completed",
        strategy=plan.strategy,
        seconds=round(info.video_duration, 3),
        output=str(output),
    )
    return MergeResult(
        path=output,
        strategy=plan.strategy,
        duration=info.video_duration,
        width=info.width,
        height=info.height,
        fps=plan.target.fps,
        clips=len(clips),
        info=replace(info, path=output),
    )
