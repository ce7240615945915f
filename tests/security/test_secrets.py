"""API keys never appear in an answer, a message on the bus or a log line: a known key goes
through every AI-config route and through generations (a success and a provider refusal),
while every bus message is captured and every service logs to a file."""

from __future__ import annotations

from typing import Any

import httpx
from nats.aio.msg import Msg

from tests.fakes import OpenAIImagesFake, RunwayFake
from tests.faults.cluster import Cluster
from tests.faults.test_worker_kill import new_drama

# not shaped like the usual key prefixes, so no log redaction pattern can hide it by luck
KEY = "zq7Hw2Lm9Xc4Vb8Nt3Rk6Yp1"
SECOND_KEY = "sk-9f8e7d6c5b4a39281706f5e4"
SECRETS = (KEY, SECOND_KEY)


class Capture:
    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    async def on_message(self, msg: Msg) -> None:
        self.chunks.append(msg.subject.encode() + b" " + msg.data)
        for name, value in (msg.headers or {}).items():
            self.chunks.append(f"{name}: {value}".encode())

    def answer(self, response: httpx.Response) -> dict[str, Any]:
        self.chunks.append(response.content)
        for name, value in response.headers.items():
            self.chunks.append(f"{name}: {value}".encode())
        body: dict[str, Any] = response.json()
        return body


def leaks(blob: bytes) -> list[str]:
    return [s for s in SECRETS if s.encode() in blob]


async def test_keys_never_leak(cluster: Cluster) -> None:
    images = OpenAIImagesFake(api_key=KEY)
    images.answer = "b64"
    videos = RunwayFake(api_key="the-provider-wants-another-key")
    capture = Capture()
    async with images.running() as image_url, videos.running() as video_url, cluster.bus() as spy:
        await spy.subscribe(">", cb=capture.on_message)
        for kind in ("catalog", "gateway", "imagegen", "videogen"):
            cluster.start(kind, LOG_LEVEL="DEBUG", ALLOW_PRIVATE_URLS="true", MAX_DELIVER="1")
        await cluster.ready("catalog", "gateway", "imagegen", "videogen")
        drama_id = await new_drama(cluster)
        async with cluster.api() as api:
            config = capture.answer(
                await api.post(
                    "/ai-configs",
                    json={
                        "service_type": "image",
                        "name": "images",
                        "provider": "openai",
                        "base_url": image_url,
                        "api_key": KEY,
                        "model": ["dall-e-3"],
                    },
                )
            )["data"]
            video_config = capture.answer(
                await api.post(
                    "/ai-configs",
                    json={
                        "service_type": "video",
                        "name": "videos",
                        "provider": "runway",
                        "base_url": video_url,
                        "api_key": SECOND_KEY,
                        "model": ["gen-3"],
                    },
                )
            )["data"]
            for path in (
                "/ai-configs",
                f"/ai-configs/{config['id']}",
                "/ai-configs?service_type=image",
                f"/ai-configs/{video_config['id']}",
            ):
                capture.answer(await api.get(path))
            capture.answer(
                await api.post(
                    "/ai-configs/test",
                    json={
                        "base_url": image_url,
                        "api_key": KEY,
                        "model": "dall-e-3",
                        "provider": "openai",
                    },
                )
            )
            capture.answer(
                await api.post(
                    "/ai-configs/test",
                    json={
                        "base_url": video_url,
                        "api_key": SECOND_KEY,
                        "model": "gen-3",
                        "provider": "runway",
                    },
                )
            )
            capture.answer(
                await api.put(
                    f"/ai-configs/{config['id']}", json={"name": "images again", "api_key": KEY}
                )
            )
            image = capture.answer(
                await api.post(
                    "/images",
                    json={
                        "drama_id": str(drama_id),
                        "prompt": "a paper lantern",
                        "size": "320x240",
                    },
                )
            )
            video = capture.answer(
                await api.post(
                    "/videos",
                    json={
                        "drama_id": str(drama_id),
                        "prompt": "a lantern drifting away",
                        "duration": 1,
                    },
                )
            )
        done_image = await cluster.finished(f"/images/{image['data']['id']}")
        done_video = await cluster.finished(f"/videos/{video['data']['id']}")
        async with cluster.api() as api:
            for path in (
                f"/images/{image['data']['id']}",
                f"/videos/{video['data']['id']}",
                f"/ai-configs/{config['id']}",
            ):
                capture.answer(await api.get(path))
            capture.answer(await api.delete(f"/ai-configs/{video_config['id']}"))
        await spy.flush()

    assert done_image["status"] == "completed", done_image
    assert done_video["status"] == "failed", done_video  # the provider refused the key
    assert images.submits == 1 and images.last().headers["authorization"] == f"Bearer {KEY}"
    assert len(capture.chunks) > 50  # the capture really saw the traffic
    assert any(b"ai_configs.resolve" in c for c in capture.chunks)
    leaking = [c for c in capture.chunks if leaks(c)]
    assert leaking == [], [c[:160] for c in leaking]
    jobs_and_events = [c for c in capture.chunks if c.startswith((b"jobs.", b"events."))]
    assert jobs_and_events and not any(leaks(c) for c in jobs_and_events)
    logs = cluster.logs()
    assert "image.job_completed" in logs and "http.request" in logs
    assert leaks(logs.encode()) == []


async def test_gateway_to_catalog_requests_carry_no_clear_key(cluster: Cluster) -> None:
    capture = Capture()
    async with cluster.bus() as spy:
        await spy.subscribe("rpc.>", cb=capture.on_message)
        cluster.start("catalog")
        cluster.start("gateway")
        await cluster.ready("catalog", "gateway")
        async with cluster.api() as api:
            capture.answer(
                await api.post(
                    "/ai-configs",
                    json={
                        "service_type": "image",
                        "name": "images",
                        "provider": "openai",
                        "base_url": "https://images.example.com/v1",
                        "api_key": KEY,
                        "model": ["dall-e-3"],
                    },
                )
            )
        await spy.flush()
    assert any(b"ai_configs.create" in c for c in capture.chunks)
    assert [c[:160] for c in capture.chunks if leaks(c)] == []
