"""Contract: audio extraction (api.md §2.17), answered in the envelope (issue #3)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from drama_common.storage.local import LocalStorage
from tests.contract.answers import data_of, error_of
from tests.contract.content import unique
from tests.fixtures.stack import Stack

BATCH_FAILED = ("第 1 个视频提取音频失败", "failed to extract audio at index 1")


def make_clip(path: Path, seconds: float, *, audio: bool) -> Path:
    """A 320x240 H.264 clip with a sine tone, or without any audio track."""
    command = [
        "ffmpeg",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        f"testsrc=size=320x240:rate=24:duration={seconds}",
    ]
    if audio:
        command += [
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}",
            "-c:a",
            "aac",
            "-shortest",
        ]
    command += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)]
    subprocess.run(command, check=True, timeout=120)
    return path


async def stored_clip(stack: Stack, tmp_path: Path, seconds: float, *, audio: bool) -> str:
    clip = make_clip(tmp_path / "clip.mp4", seconds, audio=audio)
    key = f"videos/{unique('audio-source')}.mp4"
    await LocalStorage(stack.env["storage_root"]).put_file(key, clip, "video/mp4")
    return key


async def test_extract_from_a_static_url(stack: Stack, tmp_path: Path) -> None:
    key = await stored_clip(stack, tmp_path, 1.5, audio=True)

    data = data_of(await stack.api.post("/audio/extract", json={"video_url": f"/static/{key}"}))

    assert {"audio_url", "duration"} <= set(data)
    assert data["duration"] == pytest.approx(1.5, abs=0.1)
    assert data["audio_url"].startswith("/static/audios/")
    served = await stack.http.get(data["audio_url"])
    assert served.status_code == 200 and len(served.content) > 1000


async def test_extract_from_an_http_url(stack: Stack, tmp_path: Path) -> None:
    key = await stored_clip(stack, tmp_path, 1.0, audio=True)

    data = data_of(
        await stack.api.post("/audio/extract", json={"video_url": f"{stack.base_url}/static/{key}"})
    )

    assert data["duration"] == pytest.approx(1.0, abs=0.1)


async def test_a_silent_video_gives_silence_of_its_length(stack: Stack, tmp_path: Path) -> None:
    key = await stored_clip(stack, tmp_path, 1.0, audio=False)

    data = data_of(await stack.api.post("/audio/extract", json={"video_url": key}))

    assert data["duration"] == pytest.approx(1.0, abs=0.1)


async def test_batch_extracts_each_video(stack: Stack, tmp_path: Path) -> None:
    key = await stored_clip(stack, tmp_path, 1.0, audio=True)

    data = data_of(
        await stack.api.post(
            "/audio/extract/batch", json={"video_urls": [f"/static/{key}", f"/static/{key}"]}
        )
    )

    assert data["total"] == 2 and len(data["results"]) == 2
    first, second = data["results"]
    assert first["audio_url"] != second["audio_url"]
    assert first["duration"] == pytest.approx(1.0, abs=0.1)


async def test_batch_failure_names_the_index(stack: Stack, tmp_path: Path) -> None:
    key = await stored_clip(stack, tmp_path, 1.0, audio=True)

    message = error_of(
        await stack.api.post(
            "/audio/extract/batch",
            json={"video_urls": [f"/static/{key}", "/static/videos/never-stored.mp4"]},
        ),
        400,
        "BAD_REQUEST",
    )

    assert message.startswith(BATCH_FAILED)


@pytest.mark.parametrize(
    "video_url",
    [
        "/static/videos/never-stored.mp4",
        "/etc/passwd",
        "file:///etc/passwd",
        "ftp://example.com/a.mp4",
        "/static/../../etc/passwd",
    ],
)
async def test_sources_that_cannot_be_read_are_400(stack: Stack, video_url: str) -> None:
    error_of(
        await stack.api.post("/audio/extract", json={"video_url": video_url}), 400, "BAD_REQUEST"
    )


async def test_a_file_that_is_no_video_is_400(stack: Stack) -> None:
    storage = LocalStorage(stack.env["storage_root"])
    key = f"characters/{unique('still')}.png"
    await storage.put_bytes(key, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
    text_key = f"characters/{unique('note')}.txt"
    await storage.put_bytes(text_key, b"not a video", "text/plain")

    for source in (key, text_key):
        error_of(
            await stack.api.post("/audio/extract", json={"video_url": source}), 400, "BAD_REQUEST"
        )


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/audio/extract", {}),
        ("/audio/extract", {"video_url": ""}),
        ("/audio/extract", {"video_url": 12}),
        ("/audio/extract", {"video_url": "a\u0000b"}),
        ("/audio/extract/batch", {}),
        ("/audio/extract/batch", {"video_urls": []}),
        ("/audio/extract/batch", {"video_urls": "a.mp4"}),
        ("/audio/extract/batch", {"video_urls": ["a.mp4"] * 51}),
    ],
)
async def test_bad_bodies_are_400_envelopes(stack: Stack, path: str, body: object) -> None:
    error_of(await stack.api.post(path, json=body), 400, "BAD_REQUEST")
