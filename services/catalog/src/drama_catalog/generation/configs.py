"""Choosing the AI config of a job (providers.md §5.3, with ``is_default`` breaking ties).

Active configs of the service type are ranked by ``priority`` (high first), then
``is_default``, then newest. A requested model picks the first config listing it, else the
first config (the requested model is still sent). Without any config the job goes to the
built-in ``local`` provider, so the pipeline works offline.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from drama_catalog.models import AIServiceConfig

LOCAL = "local"


@dataclass(frozen=True)
class Choice:
    """What a job names: the config (``None`` for local), its provider and the model."""

    config_id: int | None
    provider: str
    model: str
    version: str = ""
    """When the config last changed: a worker holding an older copy reads it again."""


RANK = (
    AIServiceConfig.priority.desc(),
    AIServiceConfig.is_default.desc(),
    AIServiceConfig.created_at.desc(),
    AIServiceConfig.id.desc(),
)


def _active(service_type: str) -> tuple[ColumnElement[bool], ...]:
    return (AIServiceConfig.service_type == service_type, AIServiceConfig.is_active.is_(True))


async def ranked_configs(session: AsyncSession, service_type: str) -> list[AIServiceConfig]:
    query = select(AIServiceConfig).where(*_active(service_type)).order_by(*RANK)
    return list((await session.scalars(query)).all())


async def choose_config(
    session: AsyncSession, service_type: str, model: str | None = None
) -> Choice:
    """Reads only the id, provider, models and change time of each candidate (a job is
    started often)."""
    query = (
        select(
            AIServiceConfig.id,
            AIServiceConfig.provider,
            AIServiceConfig.model,
            AIServiceConfig.updated_at,
        )
        .where(*_active(service_type))
        .order_by(*RANK)
    )
    configs = (await session.execute(query)).all()
    if not configs:
        return Choice(None, LOCAL, "")
    wanted = (model or "").strip()
    chosen = configs[0]
    if wanted:
        chosen = next((c for c in configs if wanted in (c.model or [])), configs[0])
    sent = wanted or (chosen.model[0] if chosen.model else "")
    version = chosen.updated_at.isoformat() if chosen.updated_at else ""
    return Choice(chosen.id, (chosen.provider or "").strip() or LOCAL, sent, version)
