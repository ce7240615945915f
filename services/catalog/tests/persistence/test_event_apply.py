"""Worker events applied to a real database: each event once however often and however
concurrently it is delivered, and a record never moves back (a ``processing`` event that
arrives after the outcome changes nothing), on both back ends."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from drama_catalog.context import CatalogContext
from drama_catalog.db import session_factory
from drama_catalog.events import EventApplier
from drama_catalog.generation.apply import apply_event
from drama_catalog.generation.owners import PROP_TASK
from drama_catalog.models import AsyncTask, Drama, ImageGeneration, ProcessedEvent, Prop
from drama_catalog.settings import CatalogSettings
from drama_common.consumer import Delivery
from drama_common.messages.events import GenerationEvent
from drama_common.storage import make_storage

RECORDS = 12


def _applier(engine: AsyncEngine, folder: Path) -> EventApplier:
    settings = CatalogSettings(storage_root=str(folder / "storage"))
    context = CatalogContext(
        settings=settings, sessions=session_factory(engine), storage=make_storage(settings)
    )
    return EventApplier(context, apply_event)


async def _deliver(applier: EventApplier, event: GenerationEvent) -> None:
    data = event.model_dump_json().encode()
    await applier.handle(Delivery(data, 1, 10, Msg(_client=NATS(), data=data)))


async def _prop_images(engine: AsyncEngine, count: int) -> list[tuple[int, str]]:
    """``count`` pending prop images, each with its waiting prop task: (image id, task id)."""
    made: list[tuple[int, str]] = []
    async with session_factory(engine)() as session, session.begin():
        drama = Drama(title="events")
        session.add(drama)
        await session.flush()
        for number in range(count):
            prop = Prop(drama_id=drama.id, name=f"prop {number}")
            session.add(prop)
            await session.flush()
            image = ImageGeneration(
                drama_id=drama.id, prop_id=prop.id, provider="local", prompt="p", status="pending"
            )
            task = AsyncTask(type=PROP_TASK, resource_id=str(prop.id), status="pending")
            session.add_all([image, task])
            await session.flush()
            made.append((image.id, task.id))
    return made


def _completed(image_id: int) -> GenerationEvent:
    key = f"images/generation-{image_id}.png"
    return GenerationEvent(
        kind="image",
        record_id=image_id,
        outcome="completed",
        storage_key=key,
        width=640,
        height=480,
    )


def _processing(image_id: int) -> GenerationEvent:
    return GenerationEvent(
        kind="image", record_id=image_id, outcome="processing", provider_task_id="late-task"
    )


async def test_processing_after_the_outcome_changes_nothing(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    applier = _applier(engine, tmp_path)
    [(image_id, task_id)] = await _prop_images(engine, 1)

    await _deliver(applier, _completed(image_id))
    await _deliver(applier, _processing(image_id))

    async with session_factory(engine)() as session:
        image = await session.get(ImageGeneration, image_id)
        task = await session.get(AsyncTask, task_id)
    assert image is not None and task is not None
    assert (image.status, image.task_id, image.width, image.height) == (
        "completed",
        None,
        640,
        480,
    )
    assert (task.status, task.progress) == ("completed", 100)


async def test_concurrent_and_repeated_deliveries_apply_each_event_once(
    engine: AsyncEngine, tmp_path: Path
) -> None:
    applier = _applier(engine, tmp_path)
    made = await _prop_images(engine, RECORDS)
    events = [
        event for image_id, _ in made for event in (_processing(image_id), _completed(image_id))
    ]
    deliveries = [*events, *events, *events]
    random.Random(7).shuffle(deliveries)

    await asyncio.gather(*(_deliver(applier, event) for event in deliveries))

    ids = [image_id for image_id, _ in made]
    async with session_factory(engine)() as session:
        images = (
            await session.scalars(select(ImageGeneration).where(ImageGeneration.id.in_(ids)))
        ).all()
        tasks = (
            await session.scalars(select(AsyncTask).where(AsyncTask.id.in_([t for _, t in made])))
        ).all()
        applied = await session.scalar(
            select(func.count())
            .select_from(ProcessedEvent)
            .where(ProcessedEvent.event_id.in_([event.message_id for event in events]))
        )
    assert {(i.status, i.local_path) for i in images} == {
        ("completed", f"images/generation-{i.id}.png") for i in images
    }
    assert {(t.status, t.progress) for t in tasks} == {("completed", 100)}
    assert applied == len(events)
