"""The NATS server (file storage) restarts in the middle of a run: no acknowledged job or
event is lost, nothing is applied twice, and every service reconnects on its own."""

from __future__ import annotations

from tests.faults.cluster import Cluster, stored_objects
from tests.faults.test_worker_kill import new_drama

KINDS = ("catalog", "gateway", "imagegen", "videogen")


async def make_images(cluster: Cluster, drama_id: int, count: int, label: str) -> list[int]:
    ids = []
    for n in range(count):
        record = await cluster.data(
            "POST",
            "/images",
            json={"drama_id": str(drama_id), "prompt": f"{label} picture {n}", "size": "320x240"},
        )
        ids.append(int(record["id"]))
    return ids


async def test_nats_restart_mid_run_loses_and_repeats_nothing(cluster: Cluster) -> None:
    for kind in KINDS:
        cluster.start(kind, ACK_WAIT_S="6")
    await cluster.ready(*KINDS)
    pids = {kind: cluster.services[kind].pid for kind in KINDS}
    drama_id = await new_drama(cluster)

    before = await make_images(cluster, drama_id, 6, "before")
    cluster.nats_server.restart()  # jobs and events of those six are in flight right now
    await cluster.ready("gateway", timeout=90)
    after = await make_images(cluster, drama_id, 2, "after")

    images = [await cluster.finished(f"/images/{i}", timeout=90) for i in before + after]
    assert [i["status"] for i in images] == ["completed"] * 8, images
    video = await cluster.data("POST", f"/videos/image/{after[0]}")
    clip = await cluster.finished(f"/videos/{video['id']}", timeout=90)
    assert clip["status"] == "completed", clip

    assert await cluster.events_on("events.image.completed") == 8
    assert await cluster.events_on("events.image.failed") == 0
    assert await cluster.events_on("events.video.completed") == 1
    for image_id in before + after:
        assert len(stored_objects(cluster, "images", f"generation-{image_id}.")) == 1
    assert {kind: cluster.services[kind].pid for kind in KINDS} == pids
    assert all(
        cluster.services[kind].alive and cluster.services[kind].starts == 1 for kind in KINDS
    )
