"""A catalog killed between committing a generation and publishing its job: the outbox relay
publishes the job after the restart, exactly once, and the record completes once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from drama_catalog.context import CatalogContext
from drama_catalog.domains.images import create_image
from drama_catalog.models import ImageGeneration, OutboxMessage
from drama_catalog.settings import CatalogSettings
from drama_common.storage import make_storage
from tests.faults.cluster import Cluster, stored_objects
from tests.faults.test_worker_kill import assert_once, new_drama
from tests.fixtures.infra import eventually


async def committed_without_publishing(cluster: Cluster, drama_id: int) -> int:
    """What the catalog leaves when it dies right after the commit: the record and its outbox
    row written by the catalog's own handler in one transaction, and no relay running."""
    settings = CatalogSettings(
        database_url=cluster.database_url, storage_root=str(cluster.storage), language="en"
    )
    context = CatalogContext(
        settings=settings,
        sessions=cluster.sessions(),
        storage=make_storage(settings),
        language="en",
    )
    record = await create_image(
        context, {"drama_id": str(drama_id), "prompt": "a quiet street at dawn", "size": "320x240"}
    )
    return int(record["id"])


async def outbox_rows(cluster: Cluster) -> list[OutboxMessage]:
    async with cluster.sessions()() as session:
        return list((await session.scalars(select(OutboxMessage))).all())


async def image_status(cluster: Cluster, image_id: int) -> str:
    async with cluster.sessions()() as session:
        image = await session.get(ImageGeneration, image_id)
        assert image is not None
        return image.status


async def test_outbox_publishes_after_catalog_crash_exactly_once(
    cluster: Cluster, tmp_path: Path
) -> None:
    cluster.start("catalog")
    cluster.start("gateway")
    cluster.start("imagegen", ACK_WAIT_S="4")
    await cluster.ready("catalog", "gateway", "imagegen")
    drama_id = await new_drama(cluster)
    cluster.kill("catalog")

    image_id = await committed_without_publishing(cluster, drama_id)
    [row] = await outbox_rows(cluster)
    assert row.sent_at is None
    assert await image_status(cluster, image_id) == "pending"
    assert await cluster.jobs_ever_stored() == 0

    cluster.start("catalog")
    await cluster.ready("catalog")
    record = await cluster.finished(f"/images/{image_id}")
    assert record["status"] == "completed", record
    assert await cluster.jobs_ever_stored() == 1
    await assert_once(cluster, "image", image_id, "images", f"generation-{image_id}.png")

    # a crash after the publish but before the row was marked sent: the relay publishes the
    # same row again after the restart, and the server's duplicate window drops it
    cluster.kill("catalog")
    async with cluster.sessions()() as session, session.begin():
        await session.execute(update(OutboxMessage).values(sent_at=None))
    cluster.start("catalog")
    await cluster.ready("catalog")

    async def resent() -> bool:
        return all(r.sent_at is not None for r in await outbox_rows(cluster))

    await eventually(resent, timeout=60)
    assert await cluster.jobs_ever_stored() == 1
    assert await image_status(cluster, image_id) == "completed"
    assert len(stored_objects(cluster, "images", f"generation-{image_id}")) == 1
    await assert_once(cluster, "image", image_id, "images", f"generation-{image_id}.png")
