"""What the flows read their material from: a drama, an episode's script, a drama's episodes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from drama_catalog.models import Drama, Episode
from drama_catalog.script.flow_support import FlowFailure, FlowRun
from drama_catalog.script.script_text import readable


@dataclass(frozen=True)
class EpisodeSource:
    episode_id: int
    drama_id: int
    number: int
    script: str
    style: str | None


async def live_drama(run: FlowRun, drama_id: int) -> Drama:
    async with run.context.reading() as session:
        drama = await session.get(Drama, drama_id)
    if drama is None or drama.is_deleted:
        raise FlowFailure(run.say("剧本信息不存在", "the drama no longer exists"))
    return drama


async def episode_source(
    run: FlowRun, episode_id: int, *, use_description: bool = False
) -> EpisodeSource:
    """The episode's script (its description when ``use_description`` and no script)."""
    async with run.context.reading() as session:
        row = (
            await session.execute(
                select(Episode, Drama.style)
                .join(Drama, Drama.id == Episode.drama_id)
                .where(Episode.id == episode_id, Episode.live(), Drama.live())
            )
        ).first()
    if row is None:
        raise FlowFailure(run.say("剧集信息不存在", "the episode no longer exists"))
    episode, style = row
    script = readable(episode.script_content or "").strip()
    if not script and use_description:
        script = readable(episode.description or "").strip()
    if not script:
        raise FlowFailure(run.say("剧本内容为空", "the episode has no script"))
    return EpisodeSource(episode.id, episode.drama_id, episode.episode_number, script, style)


async def drama_episodes(run: FlowRun, drama_id: int, wanted: Sequence[int]) -> list[EpisodeSource]:
    """The drama's episodes with a script (only ``wanted`` ones when given), in order."""
    drama = await live_drama(run, drama_id)
    query = select(Episode).where(Episode.drama_id == drama_id, Episode.live())
    if wanted:
        query = query.where(Episode.id.in_(list(wanted)))
    async with run.context.reading() as session:
        episodes = await session.scalars(query.order_by(Episode.episode_number, Episode.id))
        sources = [
            EpisodeSource(
                e.id,
                drama_id,
                e.episode_number,
                readable(e.script_content or "").strip(),
                drama.style,
            )
            for e in episodes
        ]
    return [source for source in sources if source.script]


def episode_ids(value: object) -> list[int]:
    """The ``episode_ids`` of a job: positive integers only."""
    if not isinstance(value, list):
        return []
    texts = [str(v).strip() for v in value]
    return [int(t) for t in texts if t.isascii() and t.isdigit() and int(t) > 0]
