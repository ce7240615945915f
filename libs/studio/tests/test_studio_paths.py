"""Where the finished episode is: read in place from local storage, else downloaded."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from drama_studio.client import StudioClient
from drama_studio.paths import (
    StudioSettings,
    UnsafeStorageKey,
    download_url,
    resolve_episode_file,
)
from drama_studio.pipeline import Pipeline, Where

MERGED_KEY = "videos/merged/merged_1700000000.mp4"
EPISODE_BYTES = bytes(range(256)) * 64


def test_static_urls_and_bare_keys_resolve_under_the_storage_root(tmp_path: Path) -> None:
    expected = tmp_path.resolve() / MERGED_KEY
    assert resolve_episode_file(f"/static/{MERGED_KEY}", tmp_path) == expected
    assert resolve_episode_file(MERGED_KEY, tmp_path) == expected
    assert resolve_episode_file("/static/videos/merged/a%20b.mp4", tmp_path) == (
        tmp_path.resolve() / "videos/merged/a b.mp4"
    )


def test_remote_urls_and_remote_storage_need_a_download(tmp_path: Path) -> None:
    assert resolve_episode_file("https://cdn.example.com/e.mp4", tmp_path) is None
    assert resolve_episode_file(f"/static/{MERGED_KEY}", None) is None
    assert download_url(f"/static/{MERGED_KEY}", "http://127.0.0.1:5678/") == (
        f"http://127.0.0.1:5678/static/{MERGED_KEY}"
    )
    assert download_url(MERGED_KEY, "http://h:1") == f"http://h:1/static/{MERGED_KEY}"
    assert download_url("https://cdn.example.com/e.mp4", "http://h:1") == (
        "https://cdn.example.com/e.mp4"
    )


@pytest.mark.parametrize("url", ["/static/../etc/passwd", "../x.mp4", "/static/", ""])
def test_keys_leaving_the_storage_root_are_refused(url: str, tmp_path: Path) -> None:
    with pytest.raises(UnsafeStorageKey):
        resolve_episode_file(url, tmp_path)


def test_the_data_folder_is_absolute_and_holds_the_stack_files(tmp_path: Path) -> None:
    layout = StudioSettings(data_dir=tmp_path / "d").layout
    assert layout.root.is_absolute()
    assert layout.pid_file("nats") == tmp_path.resolve() / "d/run/nats.pid"
    assert layout.log_file("gateway") == tmp_path.resolve() / "d/logs/gateway.log"
    assert layout.episode_output(7) == tmp_path.resolve() / "d/output/episode-7.mp4"


class FakeGateway(BaseHTTPRequestHandler):
    """The two routes ``fetch`` uses: the raw download answer and the stored file."""

    def do_GET(self) -> None:
        if self.path == "/api/v1/episodes/7/download":
            body = json.dumps({"video_url": MERGED_KEY, "title": "t", "episode_number": 1}).encode()
            kind = "application/json"
        elif self.path == f"/static/{MERGED_KEY}":
            body, kind = EPISODE_BYTES, "video/mp4"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def gateway() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def fetch(gateway: str, where: Where) -> Path:
    async with httpx.AsyncClient(base_url=f"{gateway}/api/v1", timeout=30) as http:
        pipeline = Pipeline(StudioClient(http, poll_interval=0.05))
        pipeline.run.episode_id = 7
        return await pipeline.fetch(where)


async def test_a_file_in_local_storage_is_used_in_place(gateway: str, tmp_path: Path) -> None:
    stored = tmp_path / "storage" / MERGED_KEY
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"already here")

    found = await fetch(gateway, Where(tmp_path / "storage", tmp_path / "output"))

    assert found == stored.resolve()
    assert not (tmp_path / "output").exists()


async def test_remote_storage_downloads_the_episode(gateway: str, tmp_path: Path) -> None:
    found = await fetch(gateway, Where(None, tmp_path / "output"))

    assert found == (tmp_path / "output" / "episode-7.mp4").resolve()
    assert found.read_bytes() == EPISODE_BYTES
    assert [p.name for p in found.parent.iterdir()] == ["episode-7.mp4"]


async def test_a_missing_local_file_falls_back_to_a_download(gateway: str, tmp_path: Path) -> None:
    found = await fetch(gateway, Where(tmp_path / "empty-storage", tmp_path / "out"))
    assert found.read_bytes() == EPISODE_BYTES
