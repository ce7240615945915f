"""Rows written through the models come back intact on both back ends; soft delete, the
partial unique indexes and foreign keys behave as the schema promises."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from drama_catalog.db import conflict_insert
from drama_catalog.models import (
    AsyncTask,
    Character,
    Drama,
    Episode,
    Scene,
    Storyboard,
    episode_characters,
    storyboard_characters,
    utcnow,
)

Sessions = async_sessionmaker[AsyncSession]


async def _drama_with_episode(sessions: Sessions) -> tuple[int, int]:
    async with sessions() as session, session.begin():
        drama = Drama(title="测试剧")
        session.add(drama)
        await session.flush()
        episode = Episode(drama_id=drama.id, episode_number=1, title="第1集")
        session.add(episode)
        await session.flush()
        return drama.id, episode.id


async def test_drama_with_episodes_and_shots_round_trips(sessions: Sessions) -> None:
    async with sessions() as session, session.begin():
        drama = Drama(
            title="长安夜话",
            description="一座城，一个夜晚",
            tags=["悬疑", "古风"],
            meta={"current_step": "outline", "step_data": {"chapters": 2}},
        )
        session.add(drama)
        await session.flush()
        second = Episode(drama_id=drama.id, episode_number=2, title="第2集")
        first = Episode(drama_id=drama.id, episode_number=1, title="第1集", script_content="夜。")
        hero = Character(drama_id=drama.id, name="李白", role="main")
        session.add_all([second, first, hero])
        await session.flush()
        gate = Scene(
            drama_id=drama.id, episode_id=first.id, location="城门", time="夜", prompt="城门夜景"
        )
        session.add(gate)
        await session.flush()
        shots = [
            Storyboard(episode_id=first.id, storyboard_number=n, title=f"镜头{n}", scene_id=gate.id)
            for n in (3, 1, 2)
        ]
        gone = Storyboard(episode_id=first.id, storyboard_number=4, deleted_at=utcnow())
        session.add_all([*shots, gone])
        await session.flush()
        await session.execute(
            insert(episode_characters).values(episode_id=first.id, character_id=hero.id)
        )
        await session.execute(
            insert(storyboard_characters).values(storyboard_id=shots[1].id, character_id=hero.id)
        )
        drama_id = drama.id

    async with sessions() as session:
        stored = await session.scalar(
            select(Drama)
            .where(Drama.id == drama_id, Drama.live())
            .options(
                selectinload(Drama.episodes)
                .selectinload(Episode.storyboards)
                .selectinload(Storyboard.characters),
                selectinload(Drama.episodes).selectinload(Episode.characters),
                selectinload(Drama.episodes)
                .selectinload(Episode.storyboards)
                .selectinload(Storyboard.background),
                selectinload(Drama.characters),
            )
        )

    assert stored is not None
    assert stored.tags == ["悬疑", "古风"]
    assert stored.meta == {"current_step": "outline", "step_data": {"chapters": 2}}
    assert (stored.style, stored.status, stored.total_episodes) == ("realistic", "draft", 1)
    assert stored.created_at.tzinfo == UTC
    assert [e.episode_number for e in stored.episodes] == [1, 2]
    first_loaded = stored.episodes[0]
    assert first_loaded.script_content == "夜。"
    assert [c.name for c in first_loaded.characters] == ["李白"]
    assert [s.storyboard_number for s in first_loaded.storyboards] == [1, 2, 3]
    shot_one = first_loaded.storyboards[0]
    assert (shot_one.duration, shot_one.status, shot_one.title) == (5, "pending", "镜头1")
    assert [c.name for c in shot_one.characters] == ["李白"]
    assert shot_one.background is not None and shot_one.background.location == "城门"
    assert first_loaded.storyboards[1].characters == []
    assert stored.episodes[1].storyboards == []


async def test_timestamps_are_stored_and_read_as_utc(sessions: Sessions) -> None:
    shanghai = timezone(timedelta(hours=8))
    moment = datetime(2025, 1, 31, 16, 15, 30, 123456, tzinfo=shanghai)
    naive_utc = datetime(2025, 2, 1, 8, 0, 0)
    async with sessions() as session, session.begin():
        task = AsyncTask(type="storyboard_generation", resource_id="1", completed_at=moment)
        other = AsyncTask(type="storyboard_generation", resource_id="2", completed_at=naive_utc)
        session.add_all([task, other])
        await session.flush()
        ids = (task.id, other.id)

    async with sessions() as session:
        first = await session.get(AsyncTask, ids[0])
        second = await session.get(AsyncTask, ids[1])

    assert first is not None and second is not None
    assert first.completed_at == moment
    assert first.completed_at is not None and first.completed_at.tzinfo == UTC
    assert first.completed_at.hour == 8
    assert second.completed_at == naive_utc.replace(tzinfo=UTC)
    assert len(first.id) == 36
    assert (first.status, first.progress) == ("pending", 0)


async def test_live_shot_number_is_unique_until_soft_deleted(sessions: Sessions) -> None:
    _, episode_id = await _drama_with_episode(sessions)
    async with sessions() as session, session.begin():
        shot = Storyboard(episode_id=episode_id, storyboard_number=1, title="原镜头")
        session.add(shot)
        await session.flush()
        shot_id = shot.id

    with pytest.raises(IntegrityError):
        async with sessions() as session, session.begin():
            session.add(Storyboard(episode_id=episode_id, storyboard_number=1))

    async with sessions() as session, session.begin():
        await session.execute(
            update(Storyboard).where(Storyboard.id == shot_id).values(deleted_at=utcnow())
        )
        session.add(Storyboard(episode_id=episode_id, storyboard_number=1, title="新镜头"))

    async with sessions() as session:
        total = await session.scalar(
            select(func.count()).where(
                Storyboard.episode_id == episode_id, Storyboard.storyboard_number == 1
            )
        )
        live = await session.scalars(
            select(Storyboard.title).where(Storyboard.episode_id == episode_id, Storyboard.live())
        )
        assert total == 2
        assert live.all() == ["新镜头"]


async def test_upsert_by_episode_and_shot_number(sessions: Sessions) -> None:
    _, episode_id = await _drama_with_episode(sessions)

    for title in ("初稿", "修改稿"):
        async with sessions() as session, session.begin():
            dialect = session.get_bind().dialect.name
            statement = conflict_insert(dialect, Storyboard).values(
                episode_id=episode_id,
                storyboard_number=7,
                title=title,
                created_at=utcnow(),
                updated_at=utcnow(),
            )
            await session.execute(
                statement.on_conflict_do_update(
                    index_elements=["episode_id", "storyboard_number"],
                    index_where=Storyboard.deleted_at.is_(None),
                    set_={"title": statement.excluded.title},
                )
            )

    async with sessions() as session:
        rows = (
            await session.scalars(select(Storyboard).where(Storyboard.episode_id == episode_id))
        ).all()
    assert [(row.storyboard_number, row.title, row.duration) for row in rows] == [(7, "修改稿", 5)]


async def test_live_episode_number_is_unique_per_drama(sessions: Sessions) -> None:
    drama_id, episode_id = await _drama_with_episode(sessions)

    with pytest.raises(IntegrityError):
        async with sessions() as session, session.begin():
            session.add(Episode(drama_id=drama_id, episode_number=1, title="重复"))

    async with sessions() as session, session.begin():
        episode = await session.get(Episode, episode_id)
        assert episode is not None
        episode.soft_delete()
        await session.flush()
        session.add(Episode(drama_id=drama_id, episode_number=1, title="重写的第1集"))


async def test_owner_must_exist(sessions: Sessions) -> None:
    with pytest.raises(IntegrityError):
        async with sessions() as session, session.begin():
            session.add(Episode(drama_id=987_654_321, episode_number=1, title="孤儿"))
