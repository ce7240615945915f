"""Starting an image: the pending record and its outbox job, in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext, enqueue
from drama_catalog.generation.configs import choose_config
from drama_catalog.generation.prompts import language_of, styled_image_prompt
from drama_catalog.models import ImageGeneration
from drama_common.messages import subjects
from drama_common.messages.jobs import ImageJob

DEFAULT_SIZE = "1024x1024"


class DramaRef(Protocol):
    """What starting an image needs of its drama: a ``Drama`` row, or just these two."""

    @property
    def id(self) -> int: ...

    @property
    def style(self) -> str: ...


@dataclass
class ImageOrder:
    """What a caller asks for; the record keeps these values as given."""

    prompt: str
    image_type: str = "storyboard"
    storyboard_id: int | None = None
    scene_id: int | None = None
    character_id: int | None = None
    prop_id: int | None = None
    frame_type: str | None = None
    negative_prompt: str | None = None
    provider: str | None = None
    model: str | None = None
    size: str | None = None
    quality: str | None = None
    style: str | None = None
    steps: int | None = None
    cfg_scale: float | None = None
    seed: int | None = None
    width: int | None = None
    height: int | None = None
    image_local_path: str | None = None
    reference_images: list[str] = field(default_factory=list)
    title: str = ""


def ratio_of(size: str | None, width: int | None, height: int | None) -> str:
    if not (width and height) and size and "x" in size.lower():
        left, _, right = size.lower().partition("x")
        if left.strip().isdigit() and right.strip().isdigit():
            width, height = int(left), int(right)
    if not (width and height) or width == height:
        return "1:1" if width and height else "16:9"
    return "16:9" if width > height else "9:16"


async def start_image(
    session: AsyncSession, context: CatalogContext, drama: DramaRef, order: ImageOrder
) -> ImageGeneration:
    """The pending record, every column set (it can be answered without reading it back),
    and its job in the outbox."""
    choice = await choose_config(session, "image", order.model)
    references = [r for r in order.reference_images if r]
    record = ImageGeneration(
        drama_id=drama.id,
        storyboard_id=order.storyboard_id,
        scene_id=order.scene_id,
        character_id=order.character_id,
        prop_id=order.prop_id,
        image_type=order.image_type or "storyboard",
        frame_type=order.frame_type or None,
        provider=order.provider or choice.provider,
        prompt=order.prompt,
        negative_prompt=order.negative_prompt or None,
        model=order.model or choice.model,
        size=order.size or "",
        quality=order.quality or "",
        style=order.style or None,
        steps=order.steps,
        cfg_scale=order.cfg_scale,
        seed=order.seed,
        width=order.width,
        height=order.height,
        status="pending",
        local_path=order.image_local_path or None,
        reference_images=references or None,
        image_url=None,
        minio_url=None,
        task_id=None,
        error_msg=None,
        completed_at=None,
    )
    session.add(record)
    await session.flush()
    sent_references = ([order.image_local_path] if order.image_local_path else []) + references
    prompt = styled_image_prompt(
        order.prompt,
        drama.style,
        language_of(context.language),
        ratio_of(order.size, order.width, order.height),
        len(sent_references),
    )
    enqueue(
        session,
        subjects.IMAGE_JOBS,
        ImageJob(
            generation_id=record.id,
            correlation_id=f"image-{record.id}",
            prompt=prompt,
            config_id=choice.config_id,
            config_version=choice.version,
            provider=choice.provider,
            model=choice.model,
            size=order.size or DEFAULT_SIZE,
            quality=order.quality or "standard",
            style=order.style or "",
            negative_prompt=order.negative_prompt or "",
            reference_images=sent_references,
            width=order.width,
            height=order.height,
            title=order.title,
        ),
    )
    return record
