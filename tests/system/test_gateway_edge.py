"""The gateway's edge: health, metrics, CORS, the rate limit, the catch-all, request ids, and
``/static`` served with Range support from an S3 backend."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from drama_common.settings import CommonSettings
from drama_common.storage import make_storage
from tests.fixtures.infra import NatsServer, S3Server, free_port
from tests.fixtures.stack import Stack, stack_env, start_stack

LIMIT = 40


@pytest.fixture(scope="module")
async def edge(
    s3_server: S3Server, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    tmp_path = tmp_path_factory.mktemp("edge")
    private_nats = NatsServer(tmp_path / "nats", free_port())
    private_nats.store.mkdir()
    private_nats.start()
    s3 = {
        "storage_backend": "s3",
        "s3_endpoint": s3_server.endpoint,
        "s3_bucket": s3_server.bucket,
        "s3_access_key": s3_server.access_key,
        "s3_secret_key": s3_server.secret_key,
    }
    env = stack_env(private_nats.url, f"sqlite:///{tmp_path / 'edge.db'}", tmp_path, **s3)
    stack, stop = await start_stack(
        env,
        kinds=("catalog",),
        gateway_env={"rate_limit_per_minute": LIMIT, "cors_origins": ["http://localhost:3012"]},
    )
    yield stack
    await stop()
    private_nats.stop()


async def test_health_metrics_and_request_ids(edge: Stack) -> None:
    health = await edge.http.get("/health")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert (await edge.http.get("/ready")).json() == {"status": "ready"}
    answer = await edge.api.get("/settings/language", headers={"X-Request-Id": "req-edge-1"})
    assert answer.headers["x-request-id"] == "req-edge-1"
    metrics = (await edge.http.get("/metrics")).text
    assert "gateway_requests_total" in metrics and "gateway_request_seconds" in metrics


async def test_cors_like_the_reference(edge: Stack) -> None:
    preflight = await edge.http.options(
        "/api/v1/dramas", headers={"Origin": "http://localhost:3012"}
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "http://localhost:3012"
    assert "PUT" in preflight.headers["access-control-allow-methods"]
    assert preflight.headers["access-control-allow-credentials"] == "true"
    stranger = await edge.api.get("/settings/language", headers={"Origin": "http://evil.test"})
    assert stranger.status_code == 200
    assert "access-control-allow-origin" not in stranger.headers
    static = await edge.http.get("/static/none.png", headers={"Origin": "http://evil.test"})
    assert static.headers["access-control-allow-origin"] == "http://evil.test"


async def test_unknown_paths_and_wrong_methods(edge: Stack) -> None:
    for answer in (
        await edge.api.get("/no-such-route"),
        await edge.api.patch("/dramas"),
        await edge.api.delete("/settings/language"),
    ):
        assert answer.status_code == 404
        assert answer.json() == {"error": "API endpoint not found"}


async def test_static_serves_s3_objects_with_ranges(edge: Stack, s3_server: S3Server) -> None:
    storage = make_storage(
        CommonSettings(
            storage_backend="s3",
            s3_endpoint=s3_server.endpoint,
            s3_bucket=s3_server.bucket,
            s3_access_key=s3_server.access_key,
            s3_secret_key=s3_server.secret_key,
        )
    )
    data = bytes(range(200))
    await storage.put_bytes("videos/edge clip.mp4", data, "video/mp4")
    whole = await edge.http.get("/static/videos/edge%20clip.mp4")
    assert whole.status_code == 200 and whole.content == data
    part = await edge.http.get("/static/videos/edge%20clip.mp4", headers={"Range": "bytes=10-19"})
    assert part.status_code == 206
    assert part.content == data[10:20]
    assert part.headers["content-range"] == "bytes 10-19/200"
    tail = await edge.http.get("/static/videos/edge%20clip.mp4", headers={"Range": "bytes=-5"})
    assert tail.content == data[-5:]
    beyond = await edge.http.get("/static/videos/edge%20clip.mp4", headers={"Range": "bytes=500-"})
    assert beyond.status_code == 416
    assert (await edge.http.get("/static/videos/missing.mp4")).status_code == 404


async def test_rate_limit_answers_429_envelopes(edge: Stack) -> None:
    headers = {"X-Forwarded-For": "203.0.113.7"}
    statuses = [
        (await edge.api.get("/settings/language", headers=headers)).status_code
        for _ in range(LIMIT + 5)
    ]
    assert statuses.count(200) == LIMIT
    refused = await edge.api.get("/settings/language", headers=headers)
    assert refused.status_code == 429
    body = refused.json()
    assert body["success"] is False and body["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    other = await edge.api.get("/settings/language", headers={"X-Forwarded-For": "203.0.113.8"})
    assert other.status_code == 200
    assert (await edge.http.get("/health", headers=headers)).status_code == 200
