"""Tiny real media made with FFmpeg's test sources, shared by the media tests."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

MakeClip = Callable[..., Path]


def make_clip(
    path: Path,
    *,
    size: str = "320x240",
    fps: int = 24,
    seconds: float = 1.5,
    audio: bool = True,
    tone: int = 440,
) -> Path:
    """Write an H.264/AAC test clip (colour bars and a sine tone; silence if ``tone`` is 0)."""
    command = [
        "ffmpeg",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        f"testsrc=size={size}:rate={fps}:duration={seconds}",
    ]
    if audio:
        sound = (
            f"sine=frequency={tone}:sample_rate=44100:duration={seconds}"
            if tone
            else f"anullsrc=channel_layout=stereo:sample_rate=44100:duration={seconds}"
        )
        command += ["-f", "lavfi", "-i", sound, "-ac", "2", "-c:a", "aac"]
    command += [
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        "-shortest",
        str(path),
    ]
    subprocess.run(command, check=True, timeout=120)
    return path


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def uniform_clips(media_dir: Path) -> list[Path]:
    return [make_clip(media_dir / f"shot_{i}.mp4", tone=300 + 100 * i) for i in range(1, 4)]


@pytest.fixture(scope="session")
def small_fast_clip(media_dir: Path) -> Path:
    return make_clip(media_dir / "small_30fps.mp4", size="160x120", fps=30, seconds=1.0)


@pytest.fixture(scope="session")
def silent_clip(media_dir: Path) -> Path:
    return make_clip(media_dir / "silent.mp4", seconds=1.0, audio=False)


def mean_volume(path: Path, start: float, length: float) -> float:
    """The mean volume in dB of ``path`` between ``start`` and ``start + length`` seconds."""
    result = subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-ss",
            f"{start}",
            "-t",
            f"{length}",
            "-i",
            str(path),
            "-vn",
            "-af",
            "volumedetect",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    match = re.search(r"mean_volume: (-?[\d.]+|-inf) dB", result.stderr)
    assert match is not None, result.stderr
    return float(match.group(1))


def child_ffmpeg_pids() -> list[int]:
    """Process ids of FFmpeg processes that are children of this test process."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        if parent == os.getpid() and name == "ffmpeg":
            pids.append(int(entry.name))
    return pids


@pytest.fixture(scope="session")
def clip_maker() -> MakeClip:
    return make_clip


@pytest.fixture(scope="session")
def volume_meter() -> Callable[[Path, float, float], float]:
    return mean_volume


@pytest.fixture(scope="session")
def ffmpeg_children() -> Callable[[], list[int]]:
    return child_ffmpeg_pids
