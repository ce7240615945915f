from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from drama_media.clips import ClipInput, OutputTarget
from drama_media.errors import BadClip, MergeCancelled, MergeVerificationFailed, MissingClip
from drama_media.merge import merge_clips
from drama_media.probe import probe
from drama_media.runner import RunLimits
from drama_media.transitions import Transition
from drama_media.verify import check_output

LIMITS = RunLimits(wall_seconds=600, stall_seconds=120)


def clips_of(paths: list[Path]) -> list[ClipInput]:
    return [ClipInput(path=p, shot=i) for i, p in enumerate(paths, start=1)]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name)


async def test_uniform_clips_are_stream_copied(uniform_clips: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "episode.mp4"

    result = await merge_clips(
        clips_of(uniform_clips), output, transition=None, target=None, limits=LIMITS, cancel=None
    )

    assert result.strategy == "copy"
    inputs = [await probe(p) for p in uniform_clips]
    merged = await probe(output)
    assert merged.video_duration == pytest.approx(sum(i.duration for i in inputs), abs=1 / 24)
    assert (merged.width, merged.height, merged.fps) == (320, 240, Fraction(24))
    assert merged.has_audio and merged.audio_codec == "aac"
    assert leftovers(tmp_path) == []


async def test_copy_path_keeps_shot_order(
    uniform_clips: list[Path],
    tmp_path: Path,
    volume_meter: Callable[[Path, float, float], float],
    clip_maker: Callable[..., Path],
) -> None:
    quiet = clip_maker(tmp_path / "quiet.mp4", tone=0)
    output = tmp_path / "ordered.mp4"

    result = await merge_clips(clips_of([quiet, uniform_clips[0]]), output, limits=LIMITS)

    assert result.strategy == "copy"
    assert volume_meter(output, 0.2, 1.0) < -80
    assert volume_meter(output, 1.7, 1.0) > -40


async def test_same_clip_twice_is_merged_twice(uniform_clips: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "twice.mp4"
    clip = uniform_clips[0]

    result = await merge_clips(
        clips_of([clip, clip, clip]), output, transition=Transition("wipeleft", 0.25), limits=LIMITS
    )

    assert result.strategy == "normalise"
    assert result.duration == pytest.approx(3 * 1.5 - 2 * 0.25, abs=1 / 24)


@pytest.fixture
def other_encoder_clip(uniform_clips: list[Path], tmp_path: Path) -> Path:
    """A shot re-encoded with another H.264 profile: same size and rate, other set-up."""
    other = tmp_path / "other_encoder.mp4"
    command = [
        "ffmpeg",
        "-v",
        "error",
        "-y",
        "-i",
        str(uniform_clips[1]),
        "-c:v",
        "libx264",
        "-preset",
        "medium",
        "-profile:v",
        "high",
        "-c:a",
        "copy",
        str(other),
    ]
    subprocess.run(command, check=True, timeout=120)
    return other


async def test_incompatible_encodings_are_not_copied(
    uniform_clips: list[Path], other_encoder_clip: Path, tmp_path: Path
) -> None:
    output = tmp_path / "encoders.mp4"
    clips = clips_of([uniform_clips[0], other_encoder_clip])

    result = await merge_clips(clips, output, limits=LIMITS)

    assert result.strategy == "normalise"
    assert result.info.fps == Fraction(24)
    assert result.duration == pytest.approx(3.0, abs=1 / 24)


async def test_mixed_sizes_and_rates_are_normalised(
    uniform_clips: list[Path], small_fast_clip: Path, tmp_path: Path
) -> None:
    output = tmp_path / "mixed.mp4"

    result = await merge_clips(clips_of([uniform_clips[0], small_fast_clip]), output, limits=LIMITS)

    assert result.strategy == "normalise"
    merged = await probe(output)
    assert (merged.width, merged.height) == (320, 240)
    assert merged.fps == Fraction(30)
    assert (merged.video_codec, merged.pix_fmt) == ("h264", "yuv420p")
    assert (merged.sample_rate, merged.channels) == (44100, 2)
    assert merged.video_duration == pytest.approx(1.5 + 1.0, abs=1 / 30)


async def test_explicit_target_is_honoured(uniform_clips: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "wide.mp4"
    target = OutputTarget(width=480, height=270, fps=Fraction(25))

    result = await merge_clips(clips_of(uniform_clips[:2]), output, target=target, limits=LIMITS)

    assert result.strategy == "normalise"
    merged = await probe(output)
    assert (merged.width, merged.height, merged.fps) == (480, 270, Fraction(25))
    assert merged.video_duration == pytest.approx(3.0, abs=1 / 25)


async def test_silent_clip_gets_aligned_silence(
    uniform_clips: list[Path],
    silent_clip: Path,
    tmp_path: Path,
    volume_meter: Callable[[Path, float, float], float],
) -> None:
    output = tmp_path / "with_silence.mp4"

    result = await merge_clips(
        clips_of([uniform_clips[0], silent_clip, uniform_clips[1]]), output, limits=LIMITS
    )

    merged = await probe(output)
    assert result.strategy == "normalise"
    assert merged.video_duration == pytest.approx(1.5 + 1.0 + 1.5, abs=1 / 24)
    assert merged.audio_duration == pytest.approx(merged.video_duration, abs=1 / 24)
    assert volume_meter(output, 0.1, 1.3) > -40
    assert volume_meter(output, 1.6, 0.8) < -80
    assert volume_meter(output, 2.6, 1.3) > -40


async def test_repeated_silent_clips_each_get_silence(
    silent_clip: Path, uniform_clips: list[Path], tmp_path: Path
) -> None:
    output = tmp_path / "silences.mp4"
    clips = clips_of([silent_clip, silent_clip, uniform_clips[0], silent_clip])

    result = await merge_clips(clips, output, transition=Transition("fade", 0.25), limits=LIMITS)

    expected = 1.0 * 3 + 1.5 - 3 * 0.25
    assert result.duration == pytest.approx(expected, abs=1 / 24)
    assert result.info.audio_duration == pytest.approx(expected, abs=1 / 24)


async def test_transitions_shorten_the_total(uniform_clips: list[Path], tmp_path: Path) -> None:
    output = tmp_path / "faded.mp4"

    result = await merge_clips(
        clips_of(uniform_clips), output, transition=Transition("dissolve", 0.5), limits=LIMITS
    )

    merged = await probe(output)
    assert result.strategy == "normalise"
    assert merged.video_duration == pytest.approx(3 * 1.5 - 2 * 0.5, abs=1 / 24)
    assert merged.audio_duration == pytest.approx(merged.video_duration, abs=1 / 24)


async def test_per_clip_transitions_mix_with_cuts(
    uniform_clips: list[Path], silent_clip: Path, tmp_path: Path
) -> None:
    clips = [
        ClipInput(uniform_clips[0], shot=1, transition=Transition("slideleft", 0.5)),
        ClipInput(silent_clip, shot=2, transition=Transition("none", 0)),
        ClipInput(uniform_clips[1], shot=3, transition=Transition("fadein", 0)),
        ClipInput(uniform_clips[2], shot=4),
    ]
    output = tmp_path / "mixed_transitions.mp4"

    await merge_clips(clips, output, limits=LIMITS)

    merged = await probe(output)
    default_fade_capped_at_half_a_clip = 0.75
    expected = 1.5 + 1.0 + 1.5 + 1.5 - 0.5 - default_fade_capped_at_half_a_clip
    assert merged.video_duration == pytest.approx(expected, abs=1 / 24)
    assert merged.audio_duration == pytest.approx(expected, abs=1 / 24)


async def test_trims_cut_each_clip(uniform_clips: list[Path], tmp_path: Path) -> None:
    clips = [
        ClipInput(uniform_clips[0], shot=1, start=0.5, end=1.25),
        ClipInput(uniform_clips[1], shot=2, start=0.25),
    ]
    output = tmp_path / "trimmed.mp4"

    result = await merge_clips(clips, output, limits=LIMITS)

    merged = await probe(output)
    assert result.strategy == "normalise"
    assert merged.video_duration == pytest.approx(0.75 + 1.25, abs=1 / 24)


async def test_missing_clip_is_refused_naming_the_shot(
    uniform_clips: list[Path], tmp_path: Path
) -> None:
    clips = [ClipInput(uniform_clips[0], shot=7), ClipInput(tmp_path / "gone.mp4", shot=8)]
    output = tmp_path / "never.mp4"

    with pytest.raises(MissingClip) as caught:
        await merge_clips(clips, output, limits=LIMITS)

    assert caught.value.shots == [8]
    assert "8" in caught.value.message("zh") and "shot 8" in caught.value.message("en")
    assert not output.exists()


async def test_unreadable_clip_names_the_shot(uniform_clips: list[Path], tmp_path: Path) -> None:
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00" * 1000)

    with pytest.raises(BadClip) as caught:
        await merge_clips(
            [ClipInput(uniform_clips[0], 1), ClipInput(junk, 2)],
            tmp_path / "never.mp4",
            limits=LIMITS,
        )

    assert caught.value.shot == 2


@pytest.mark.parametrize("transition", [None, Transition("fade", 0.4)])
async def test_odd_file_names_work(
    uniform_clips: list[Path], tmp_path: Path, transition: Transition | None
) -> None:
    folder = tmp_path / "第1集 it's here"
    folder.mkdir()
    names = ["镜头 一.mp4", "Bob's shot.mp4", "a 'quoted' \\ name;[x].mp4"]
    odd = []
    for source, name in zip(uniform_clips, names, strict=True):
        target = folder / name
        target.write_bytes(source.read_bytes())
        odd.append(target)
    output = folder / "合成 final's.mp4"

    result = await merge_clips(clips_of(odd), output, transition=transition, limits=LIMITS)

    assert result.strategy == ("copy" if transition is None else "normalise")
    merged = await probe(output)
    expected = 4.5 - (0.0 if transition is None else 0.8)
    assert merged.video_duration == pytest.approx(expected, abs=1 / 24)


async def test_cancel_kills_ffmpeg_and_leaves_nothing(
    clip_maker: Callable[..., Path], tmp_path: Path, ffmpeg_children: Callable[[], list[int]]
) -> None:
    long_clip = clip_maker(tmp_path / "long.mp4", seconds=20, size="160x120")
    cancel = asyncio.Event()
    seen: list[float] = []

    def on_progress(done: float) -> None:
        seen.append(done)
        cancel.set()

    output = tmp_path / "cancelled.mp4"
    with pytest.raises(MergeCancelled):
        await merge_clips(
            [ClipInput(long_clip, 1), ClipInput(long_clip, 2)],
            output,
            transition=Transition("fade", 1.0),
            target=OutputTarget(640, 480, Fraction(30)),
            limits=LIMITS,
            cancel=cancel,
            on_progress=on_progress,
        )

    assert seen
    assert ffmpeg_children() == []
    assert not output.exists()
    assert leftovers(tmp_path) == []


async def test_cancel_before_start_runs_nothing(uniform_clips: list[Path], tmp_path: Path) -> None:
    cancel = asyncio.Event()
    cancel.set()

    with pytest.raises(MergeCancelled):
        await merge_clips(clips_of(uniform_clips), tmp_path / "x.mp4", limits=LIMITS, cancel=cancel)

    assert files_in(tmp_path) == []


async def test_verification_rejects_a_wrong_output(
    uniform_clips: list[Path], silent_clip: Path
) -> None:
    with_audio = await probe(uniform_clips[0])
    without_audio = await probe(silent_clip)

    with pytest.raises(MergeVerificationFailed, match="no audio stream"):
        check_output(without_audio, width=320, height=240, fps=Fraction(24), seconds=1.0)
    with pytest.raises(MergeVerificationFailed, match="duration"):
        check_output(with_audio, width=320, height=240, fps=Fraction(24), seconds=3.0)
    with pytest.raises(MergeVerificationFailed, match="size"):
        check_output(with_audio, width=640, height=480, fps=Fraction(24), seconds=1.5)
    check_output(with_audio, width=320, height=240, fps=Fraction(24), seconds=1.5)
