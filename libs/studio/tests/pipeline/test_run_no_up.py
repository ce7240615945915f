"""``drama-studio run --no-up`` against another stack while an old demo's ``./data`` is present.

The stack here is a fresh one (its own NATS server, database and storage folder), so its first
merge is stored as ``videos/merged/merge-1.mp4`` - the key an earlier demo left in the local
``./data/storage``. The command must answer the episode it just made, fetched from the
gateway, and not that stale local file.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from drama_studio.cli import bundled_script
from drama_studio.paths import storage_key
from tests.fixtures.infra import NatsServer
from tests.fixtures.stack import Stack, stack_env, start_stack

BIN = Path(sys.executable).parent
MERGED_KEY = "videos/merged/merge-1.mp4"
RUN_TIMEOUT_S = 280


@pytest.fixture
async def other_stack(private_nats: NatsServer, tmp_path: Path) -> AsyncIterator[Stack]:
    root = tmp_path / "other-stack"
    root.mkdir()
    env = stack_env(private_nats.url, f"sqlite:///{root / 'catalog.db'}", root)
    running, stop = await start_stack(env)
    yield running
    await stop()


def stale_demo_video(path: Path) -> bytes:
    """A real one-second video, standing for the episode an earlier demo merged."""
    path.parent.mkdir(parents=True)
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=64x64:d=1", str(path)],
        check=True,
        timeout=60,
    )
    return path.read_bytes()


def cli_environment(api_url: str) -> dict[str, str]:
    """This machine's environment without the settings that would point the CLI elsewhere."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DRAMA_", "STORAGE_", "S3_"))
    }
    return {**env, "DRAMA_API_URL": api_url}


async def test_no_up_downloads_the_new_episode_instead_of_a_stale_local_file(
    other_stack: Stack, tmp_path: Path
) -> None:
    workdir = tmp_path / "cwd"
    stale = workdir / "data" / "storage" / MERGED_KEY
    stale_bytes = stale_demo_video(stale)
    (workdir / "s.txt").write_text(bundled_script("en"), encoding="utf-8")

    process = await asyncio.create_subprocess_exec(
        str(BIN / "drama-studio"),
        *("run", "--no-up", "--language", "en", "s.txt"),
        cwd=workdir,
        env=cli_environment(f"{other_stack.base_url}/api/v1"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), RUN_TIMEOUT_S)
    shown = output.decode(errors="replace")
    assert process.returncode == 0, shown

    printed = Path(shown.strip().splitlines()[-1])
    dramas = (await other_stack.api.get("/dramas")).json()["data"]["items"]
    assert [drama["title"] for drama in dramas] == ["s"]
    drama = (await other_stack.api.get(f"/dramas/{dramas[0]['id']}")).json()["data"]
    episode_id = drama["episodes"][0]["id"]
    download = (await other_stack.api.get(f"/episodes/{episode_id}/download")).json()
    key = storage_key(str(download["video_url"]))
    assert key == MERGED_KEY, "the new merge shares its key with the stale local file"

    assert printed == (workdir / "data" / "output" / f"episode-{episode_id}.mp4").resolve()
    served = (await other_stack.http.get(f"/static/{key}")).content
    assert printed.read_bytes() == served
    assert served == (Path(other_stack.env["storage_root"]) / MERGED_KEY).read_bytes()
    assert served != stale_bytes
    assert stale.read_bytes() == stale_bytes, "the stale file is left as it was"
