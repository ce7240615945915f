from __future__ import annotations

from pathlib import Path

import pytest

from drama_media.audio import extract_audio
from drama_media.errors import ProbeFailed
from drama_media.poster import poster_frame
from drama_media.probe import probe


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(("fmt", "codec"), [("aac", "aac"), ("mp3", "mp3"), ("wav", "pcm_s16le")])
async def test_audio_is_extracted(
    uniform_clips: list[Path], tmp_path: Path, fmt: str, codec: str
) -> None:
    output = tmp_path / f"音频 it's.{fmt}"

    info = await extract_audio(uniform_clips[0], output, fmt)  # type: ignore[arg-type]

    probed = await probe(output)
    assert probed.audio_codec == codec and not probed.has_video
    assert info.duration == pytest.approx(1.5, abs=0.1)
    assert (info.sample_rate, info.channels) == (44100, 2)
    assert info.size_bytes == output.stat().st_size > 0


async def test_silent_video_gives_silence_of_its_length(silent_clip: Path, tmp_path: Path) -> None:
    info = await extract_audio(silent_clip, tmp_path / "silence.wav", "wav")

    assert info.duration == pytest.approx(1.0, abs=0.05)


async def test_missing_video_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProbeFailed):
        await extract_audio(tmp_path / "none.mp4", tmp_path / "none.aac")

    assert files_in(tmp_path) == []


async def test_poster_frame_is_a_jpeg_of_the_video_size(
    uniform_clips: list[Path], tmp_path: Path
) -> None:
    output = tmp_path / "封面 poster.jpg"

    poster = await poster_frame(uniform_clips[0], output, 0.75)

    assert output.read_bytes()[:2] == b"\xff\xd8"
    assert (poster.width, poster.height, poster.at_seconds) == (320, 240, 0.75)


async def test_poster_time_is_clamped_into_the_video(
    uniform_clips: list[Path], tmp_path: Path
) -> None:
    poster = await poster_frame(uniform_clips[0], tmp_path / "late.jpg", 99.0)

    assert 0 < poster.at_seconds < 1.5
    assert (tmp_path / "late.jpg").stat().st_size > 0
