"""The whole pipeline through the public API of an in-process stack: script in, episode out."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from drama_studio.cli import load_script
from drama_studio.client import StudioClient
from drama_studio.pipeline import StageFailed, Where, run_episode
from drama_studio.report import StageBars, show_summary
from drama_studio.texts import STAGES
from tests.fixtures.stack import Stack


def probe(path: Path) -> dict[str, object]:
    answer = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        capture_output=True,
        check=True,
        text=True,
        timeout=60,
    )
    return dict(json.loads(answer.stdout))


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_bundled_script_becomes_an_episode_file(
    stack: Stack, tmp_path: Path, language: str
) -> None:
    storage = Path(stack.env["storage_root"])
    console = Console(file=io.StringIO(), width=160)
    client = StudioClient(stack.api, poll_interval=0.2, job_timeout=600)

    with StageBars(console, language) as bars:
        run = await run_episode(
            client,
            load_script(None, language),
            f"demo-{language}",
            language,
            Where(storage, tmp_path / "output"),
            bars,
        )

    assert run.file is not None and run.file.is_file()
    assert run.file.is_relative_to(storage.resolve()), "local storage is read in place"
    assert not (tmp_path / "output").exists()
    media = probe(run.file)
    streams = media["streams"]
    assert isinstance(streams, list)
    assert any(stream["codec_type"] == "video" for stream in streams)
    assert float(media["format"]["duration"]) > 0  # type: ignore[index]

    assert run.shots and all(shot.duration > 0 for shot in run.shots)
    assert list(run.stage_seconds) == list(STAGES)
    download = (await stack.api.get(f"/episodes/{run.episode_id}/download")).json()
    assert download["video_url"] == run.video_url
    drama = (await stack.api.get(f"/dramas/{run.drama_id}")).json()["data"]
    assert [e["status"] for e in drama["episodes"]] == ["completed"]
    assert drama["scenes"], "the bundled scripts have scenes"
    assert all(scene["image_url"] for scene in drama["scenes"]), "every scene has its picture"

    show_summary(console, run, language)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    for shot in run.shots:
        assert shot.title in shown


async def test_a_refused_call_stops_the_run_at_its_stage(stack: Stack, tmp_path: Path) -> None:
    client = StudioClient(stack.api, poll_interval=0.2, job_timeout=120)

    with pytest.raises(StageFailed) as failure:
        await run_episode(client, "第一场。", "", "zh", Where(None, tmp_path))

    assert failure.value.stage == "setup"
    assert "400" in failure.value.reason
