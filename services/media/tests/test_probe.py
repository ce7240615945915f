from __future__ import annotations

import json
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from drama_media.errors import ProbeFailed
from drama_media.probe import MediaInfo, probe


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, timeout=120)


def ffprobe_report(path: Path) -> dict[str, Any]:
    """What the ``ffprobe`` program says about ``path``: the reference the probe must match."""
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_data_hash",
            "CRC32",
            "-show_format",
            "-show_streams",
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    report: dict[str, Any] = json.loads(out)
    return report


def _stream(report: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in report["streams"] if s["codec_type"] == kind)


@pytest.fixture(scope="module")
def made(media_dir: Path, uniform_clips: list[Path]) -> dict[str, Path]:
    """Files of the kinds the service meets, each made by the ``ffmpeg`` program."""
    folder = media_dir / "probe"
    folder.mkdir(exist_ok=True)
    ntsc, wide, joined, cover = (folder / n for n in ("ntsc.mp4", "sar.mp4", "joined.mp4", "c.mp3"))
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc=size=320x240:rate=30000/1001:duration=1"),
        *("-f", "lavfi", "-i", "sine=sample_rate=48000:duration=1"),
        *("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(ntsc)),
    )
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=1"),
        *("-vf", "setsar=4/3", "-c:v", "libx264", "-preset", "ultrafast", str(wide)),
    )
    listing = folder / "list.txt"
    listing.write_text("".join(f"file '{clip}'\n" for clip in uniform_clips))
    ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", str(joined))
    poster = folder / "poster.png"
    ffmpeg("-i", str(uniform_clips[0]), "-frames:v", "1", str(poster))
    ffmpeg(
        *("-i", str(uniform_clips[0]), "-i", str(poster), "-map", "0:a", "-map", "1"),
        *("-c:a", "libmp3lame", "-c:v", "png", "-disposition:v", "attached_pic", str(cover)),
    )
    return {"ntsc": ntsc, "anamorphic": wide, "joined": joined, "cover": cover}


def assert_agrees_with_ffprobe(info: MediaInfo, report: dict[str, Any]) -> None:
    """Every fact equals ffprobe's. Stream lengths agree to ffprobe's printed microsecond;
    the container's within a millisecond, because FFmpeg 5.1 (Debian 12's ffprobe) takes an
    MP4's length from its ``mvhd`` box, which counts whole milliseconds, while the newer
    FFmpeg in PyAV's wheels takes it from the tracks' own lengths."""
    fmt = report["format"]
    assert info.format_name == fmt["format_name"]
    assert info.duration == pytest.approx(float(fmt["duration"]), abs=0.001)
    video = _stream(report, "video")
    assert (info.video_codec, info.video_profile) == (video["codec_name"], video["profile"])
    assert (info.width, info.height, info.pix_fmt) == (
        video["width"],
        video["height"],
        video["pix_fmt"],
    )
    assert info.fps == Fraction(video["avg_frame_rate"])
    assert info.sar == Fraction(video["sample_aspect_ratio"].replace(":", "/"))
    assert info.video_extradata == video["extradata_hash"]
    assert info.video_duration == pytest.approx(float(video["duration"]), abs=1e-6)
    if not info.has_audio:
        assert not any(s["codec_type"] == "audio" for s in report["streams"])
        return
    audio = _stream(report, "audio")
    assert (info.audio_codec, info.sample_rate, info.channels, info.channel_layout) == (
        audio["codec_name"],
        int(audio["sample_rate"]),
        audio["channels"],
        audio["channel_layout"],
    )
    assert info.audio_duration == pytest.approx(float(audio["duration"]), abs=1e-6)


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


@pytest.mark.parametrize(
    "name", ["uniform", "silent", "small_fast", "ntsc", "anamorphic", "joined"]
)
async def test_facts_agree_with_ffprobe(
    name: str,
    made: dict[str, Path],
    uniform_clips: list[Path],
    silent_clip: Path,
    small_fast_clip: Path,
) -> None:
    path = {
        **made,
        "uniform": uniform_clips[0],
        "silent": silent_clip,
        "small_fast": small_fast_clip,
    }[name]

    assert_agrees_with_ffprobe(await probe(path), ffprobe_report(path))


async def test_probe_of_silent_clip_has_no_audio(silent_clip: Path) -> None:
    info = await probe(silent_clip)

    assert info.has_video and not info.has_audio
    assert (info.audio_codec, info.sample_rate, info.channels, info.audio_duration) == ("", 0, 0, 0)
    assert info.duration == pytest.approx(1.0, abs=1 / 24)


async def test_cover_picture_is_not_a_video(made: dict[str, Path]) -> None:
    info = await probe(made["cover"])

    assert info.has_audio and not info.has_video
    assert info.audio_codec == _stream(ffprobe_report(made["cover"]), "audio")["codec_name"]


async def test_colon_in_a_file_name_is_no_protocol(
    uniform_clips: list[Path], tmp_path: Path
) -> None:
    odd = tmp_path / "concat:shot 1.mp4"
    odd.write_bytes(uniform_clips[0].read_bytes())

    info = await probe(odd)

    assert (info.path, info.width) == (odd, 320)


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

    assert caught.value.reason == "Invalid data found when processing input"
    assert "notes.mp4" in caught.value.message("en")


async def test_file_without_sound_or_picture_is_refused(tmp_path: Path) -> None:
    subtitles = tmp_path / "lines.srt"
    subtitles.write_text("1\n00:00:00,000 --> 00:00:01,000\nHello\n")

    with pytest.raises(ProbeFailed) as caught:
        await probe(subtitles)

    assert caught.value.reason == "no audio or video stream"
