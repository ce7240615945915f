"""An edited AI config is used from the next job on: the image worker keeps configs it has
resolved, but not past a change (a corrected key or a new address must not wait for the
worker's copy to expire)."""

from __future__ import annotations

from tests.fakes import OpenAIImagesFake
from tests.faults.cluster import Cluster
from tests.faults.test_worker_kill import KEY, add_config, new_drama

OTHER_KEY = "sk-fault-test-fedcba9876543210"


async def _draw(cluster: Cluster, drama_id: int, prompt: str) -> dict[str, object]:
    image = await cluster.data(
        "POST", "/images", json={"drama_id": str(drama_id), "prompt": prompt, "size": "320x240"}
    )
    record: dict[str, object] = await cluster.finished(f"/images/{image['id']}")
    return record


async def test_edited_config_is_used_by_the_next_job(cluster: Cluster) -> None:
    first = OpenAIImagesFake(api_key=KEY)
    moved = OpenAIImagesFake(api_key=OTHER_KEY)
    async with first.running() as first_url, moved.running() as moved_url:
        cluster.start("catalog")
        cluster.start("gateway")
        cluster.start("imagegen", ALLOW_PRIVATE_URLS="true", MAX_DELIVER="1")
        await cluster.ready("catalog", "gateway", "imagegen")
        await add_config(cluster, "image", "openai", first_url, "dall-e-3")
        drama_id = await new_drama(cluster)
        assert (await _draw(cluster, drama_id, "before the edit"))["status"] == "completed"

        configs = await cluster.data("GET", "/ai-configs", params={"service_type": "image"})
        edit = {"base_url": moved_url, "api_key": OTHER_KEY}
        await cluster.data("PUT", f"/ai-configs/{configs[0]['id']}", json=edit)
        after = await _draw(cluster, drama_id, "after the edit")

    assert after["status"] == "completed", after
    assert (first.submits, moved.submits) == (1, 1)
