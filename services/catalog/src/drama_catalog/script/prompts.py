"""All prompts of the script flows in one place (each lives in its own module).

Every builder takes ``language`` (``"zh"`` or ``"en"``) and returns a :class:`Prompt` whose
``system`` holds the instructions (with the exact JSON shape wanted back) and whose ``user``
holds the material. Replies are read with ``parse_model_json`` then the ``parse_*`` function
named next to each builder.
"""

from __future__ import annotations

from drama_catalog.script.parse import (
    parse_breakdown,
    parse_breakdown_batch,
    parse_characters,
    parse_frame_prompt,
    parse_props,
    parse_scenes,
)
from drama_catalog.script.prompt_base import Language, Prompt, style_phrase
from drama_catalog.script.prompt_extraction import (
    character_extraction_prompt,
    character_generation_prompt,
    prop_extraction_prompt,
    scene_extraction_prompt,
)
from drama_catalog.script.prompt_frames import (
    ShotContext,
    fallback_frame_prompt,
    frame_prompt,
    join_panel_prompts,
    panel_frame_kinds,
    panel_layout,
)
from drama_catalog.script.prompt_storyboard import storyboard_batch_prompt
from drama_catalog.script.shot_prompts import (
    scene_prompt,
    shot_description,
    shot_image_prompt,
    shot_video_prompt,
)

__all__ = [
    "Language",
    "Prompt",
    "ShotContext",
    "character_extraction_prompt",  # → parse_characters
    "character_generation_prompt",  # → parse_characters
    "fallback_frame_prompt",
    "frame_prompt",  # → parse_frame_prompt
    "join_panel_prompts",
    "panel_frame_kinds",
    "panel_layout",
    "parse_breakdown",
    "parse_breakdown_batch",
    "parse_characters",
    "parse_frame_prompt",
    "parse_props",
    "parse_scenes",
    "prop_extraction_prompt",  # → parse_props
    "scene_extraction_prompt",  # → parse_scenes
    "scene_prompt",
    "shot_description",
    "shot_image_prompt",
    "shot_video_prompt",
    "storyboard_batch_prompt",  # → parse_breakdown_batch
    "style_phrase",
]
