from __future__ import annotations

import asyncio
import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from drama_media.probe import probe
from drama_videogen.local_clip import render_clip


@pytest.fixture(scope="module")
def frame_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    image = Image.new("RGB", (400, 300), (30, 60, 90))
    draw = ImageDraw.Draw(image)
    for x in range(0, 400, 40):
        draw.rectangle((x, 0, x + 19, 299), fill=(200, 180, 40))
    path = tmp_path_factory.mktemp("frames") / "镜头 1's frame.png"
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def grab_frame(video: Path, at: float) -> Image.Image:
    """The frame shown at ``at`` seconds, in grey."""
    result = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-ss",
            f"{at}",
            "-i",
            str(video),
            "-frames:v",
            "1",
            "-f",
            "image2pipe",
            "-vcodec",
            "png",
            "-",
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    return Image.open(io.BytesIO(result.stdout)).convert("L")


@pytest.mark.parametrize(("duration", "fps"), [(1.5, 24), (2.0, 30)])
async def test_clip_has_exact_length_and_streams(
    frame_png: Path, tmp_path: Path, duration: float, fps: int
) -> None:
    output = tmp_path / "clip.mp4"

    await render_clip(frame_png, output, duration=duration, width=320, height=240, fps=fps)

    info = await probe(output)
    assert (info.video_codec, info.pix_fmt, info.width, info.height) == (
        "h264",
        "yuv420p",
        320,
        240,
    )
    assert float(info.fps) == pytest.approx(fps)
    assert info.video_duration == pytest.approx(duration, abs=1 / fps)
    assert (info.audio_codec, info.sample_rate, info.channels) == ("aac", 44100, 2)
    assert info.audio_duration == pytest.approx(info.video_duration, abs=1 / fps)


async def test_the_camera_moves(frame_png: Path, tmp_path: Path) -> None:
    output = tmp_path / "moving.mp4"
    await render_clip(frame_png, output, duration=1.5, width=320, height=240)

    first = await asyncio.to_thread(grab_frame, output, 0.0)
    last = await asyncio.to_thread(grab_frame, output, 1.4)

    assert first.size == last.size == (320, 240)
    assert first.tobytes() != last.tobytes()


async def test_bad_arguments_are_refused(frame_png: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        await render_clip(frame_png, tmp_path / "x.mp4", duration=0, width=320, height=240)
