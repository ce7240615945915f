"""A provider that never answers: each call times out, the job is retried per policy, and the
record ends ``failed`` with the reason; a hanging video poll never submits twice."""

from __future__ import annotations

from tests.fakes import OpenAIImagesFake, RunwayFake, Scenario
from tests.faults.cluster import Cluster, stored_objects
from tests.faults.test_worker_kill import KEY, add_config, new_drama

HANGING = {
    "PROVIDER_TIMEOUT_S": "1.5",
    "MAX_DELIVER": "2",
    "ACK_WAIT_S": "10",
    "ALLOW_PRIVATE_URLS": "true",
    "POLL_INTERVAL_S": "0.2",
}


async def test_hanging_providers_time_out_retry_and_fail_with_reason(cluster: Cluster) -> None:
    images = OpenAIImagesFake(api_key=KEY, scenario=Scenario.HANG)
    videos = RunwayFake(api_key=KEY, scenario=Scenario.POLL_HANG)
    async with images.running() as image_url, videos.running() as video_url:
        cluster.start("catalog")
        cluster.start("gateway")
        cluster.start("imagegen", **HANGING)
        cluster.start("videogen", **HANGING)
        await cluster.ready("catalog", "gateway", "imagegen", "videogen")
        await add_config(cluster, "image", "openai", image_url, "dall-e-3")
        await add_config(cluster, "video", "runway", video_url, "gen-3")
        drama_id = await new_drama(cluster)
        image = await cluster.data(
            "POST",
            "/images",
            json={"drama_id": str(drama_id), "prompt": "a lighthouse at dusk", "size": "320x240"},
        )
        video = await cluster.data(
            "POST",
            "/videos",
            json={"drama_id": str(drama_id), "prompt": "waves against the rocks", "duration": 1},
        )

        image_record = await cluster.finished(f"/images/{image['id']}")
        video_record = await cluster.finished(f"/videos/{video['id']}")

    assert image_record["status"] == "failed"
    assert "timed out" in image_record["error_msg"], image_record
    assert images.submits == 2  # MAX_DELIVER deliveries, one call each
    assert video_record["status"] == "failed"
    assert "timed out" in video_record["error_msg"], video_record
    assert videos.submits == 1  # the redelivery resumed polling the recorded task
    assert videos.polls == 2
    assert await cluster.events_on("events.image.failed") == 1
    assert await cluster.events_on("events.video.failed") == 1
    assert stored_objects(cluster, "images", f"generation-{image['id']}") == []
    assert stored_objects(cluster, "videos", f"generation-{video['id']}") == []
