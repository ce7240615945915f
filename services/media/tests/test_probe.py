from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from drama_media.errors import ProbeFailed
from drama_media.probe import probe


async def test_probe_reads_streams_and_shape(uniform_clips: list[Path]) -> None:
    info = await probe(uniform_clips[0])

    assert (info.has_video, info.has_audio) == (True, True)
    assert (info.width, info.height) == (320, 240)
    assert info.fps == Fraction(24)
    assert info.pix_fmt == "yuv420p"
    assert info.sar == 1
    assert (info.video_codec, info.audio_codec) == ("h264", "aac")
    assert (info.sample_rate, info.channels, info.channel_layout) == (44100, 2, "stereo")
    assert info.video_duration == pytest.approx(1.5, abs=1 / 24)
    assert info.duration >= info.video_duration


async def test_probe_of_silent_clip_has_no_audio(silent_clip: Path) -> None:
    info = await probe(silent_clip)

    assert info.has_video and not info.has_audio
    assert info.duration == pytest.approx(1.0, abs=1 / 24)


async def test_missing_file_is_a_readable_error(tmp_path: Path) -> None:
    with pytest.raises(ProbeFailed) as caught:
        await probe(tmp_path / "nope.mp4")

    assert "nope.mp4" in caught.value.message("en")
    assert "no such file" in caught.value.message("en")
    assert "无法读取" in caught.value.message("zh")


async def test_non_media_file_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "notes.mp4"
    junk.write_text("this is not a video")

    with pytest.raises(ProbeFailed) as caught:
        await probe(junk)

    assert caught.value.reason
