"""Prompts name the JSON shape they want; parse_* read real-looking replies into models."""

from __future__ import annotations

import pytest

from drama_catalog.script.llm_json import ModelReplyShapeError, parse_model_json
from drama_catalog.script.models import BreakdownShot, CharacterRef, SceneRef
from drama_catalog.script.prompts import (
    ShotContext,
    character_extraction_prompt,
    character_generation_prompt,
    fallback_frame_prompt,
    frame_prompt,
    panel_frame_kinds,
    parse_breakdown_batch,
    parse_characters,
    parse_frame_prompt,
    parse_props,
    parse_scenes,
    prop_extraction_prompt,
    scene_extraction_prompt,
    shot_description,
    shot_image_prompt,
    shot_video_prompt,
    storyboard_batch_prompt,
)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_extraction_prompts_name_their_fields(language: str) -> None:
    lang = "zh" if language == "zh" else "en"
    generated = character_generation_prompt("大纲", count=4, style="ghibli", language=lang)
    extracted = character_extraction_prompt("剧本", style="ghibli", language=lang)
    for prompt in (generated, extracted):
        for key in ("name", "role", "appearance", "personality", "description", "voice_style"):
            assert f'"{key}"' in prompt.system
    assert "4" in generated.user and "大纲" in generated.user
    props = prop_extraction_prompt("剧本", style=None, language=lang)
    assert all(f'"{k}"' in props.system for k in ("name", "type", "description", "image_prompt"))
    scenes = scene_extraction_prompt("剧本", style="urban", language=lang)
    assert all(f'"{k}"' in scenes.system for k in ("backgrounds", "location", "time", "prompt"))


def test_storyboard_batch_prompt_asks_for_a_range_with_ids() -> None:
    prompt = storyboard_batch_prompt(
        "第1场 码头 - 夜\n林晓：走吧。",
        first_shot=11,
        last_shot=20,
        characters=[CharacterRef(id=7, name="林晓")],
        scenes=[SceneRef(id=3, location="码头")],
        previous=[BreakdownShot(shot_number=10, title="告别", action="林晓转身")],
        style="guoman",
        language="zh",
    )
    assert "第 11 到第 20 个镜头" in prompt.user
    assert '{"id": 7, "name": "林晓"}' in prompt.user
    assert '"location": "码头"' in prompt.user
    assert "#10 告别 | 林晓转身" in prompt.user
    for key in ("shot_number", "scene_id", "characters", "duration", "bgm_prompt", "done"):
        assert f'"{key}"' in prompt.system


def test_parse_characters_accepts_wrappers_and_drops_absent_values() -> None:
    reply = (
        '```json\n{"characters": [{"Name": "林晓", "role": "main", "appearance": "null"},'
        ' {"name": "undefined"}, {"name": "林晓"}, {"name": "周远", "voice_style": 3}]}\n```'
    )
    characters = parse_characters(parse_model_json(reply, "stop"))
    assert [(c.name, c.role, c.appearance, c.voice_style) for c in characters] == [
        ("林晓", "main", "", ""),
        ("周远", "", "", "3"),
    ]


def test_parse_scenes_array_or_object_and_props_single_object() -> None:
    scenes = parse_scenes(
        [
            {"location": "码头", "time": "夜", "prompt": "空景"},
            {"location": "码头", "time": "夜"},
            {"time": "夜"},
        ]
    )
    assert [(s.location, s.time) for s in scenes] == [("码头", "夜")]
    props = parse_props({"name": "戒指", "type": "关键道具", "prompt": "a silver ring"})
    assert props[0].image_prompt == "a silver ring"
    with pytest.raises(ModelReplyShapeError):
        parse_scenes("not a list")


def test_parse_breakdown_batch_is_tolerant() -> None:
    data = {
        "storyboards": [
            {
                "shot_number": "11",
                "duration": "6秒",
                "characters": ["7", "林晓", "路人"],
                "scene_id": "null",
                "dialogue": "undefined",
                "is_primary": "true",
            },
            {"duration": 4.6, "characters": 7, "scene_id": 3},
            {"shot_number": 21, "title": "beyond the batch"},
        ],
        "done": "false",
    }
    batch = parse_breakdown_batch(
        data,
        characters=[CharacterRef(id=7, name="林晓")],
        first_shot_number=11,
        last_shot_number=20,
    )
    first, second = batch.shots
    assert (first.shot_number, first.duration, first.characters, first.scene_id) == (
        11,
        6,
        [7],
        None,
    )
    assert first.dialogue == "" and first.is_primary
    assert (second.shot_number, second.duration, second.characters, second.scene_id) == (
        12,
        5,
        [7],
        3,
    )
    assert batch.done


def test_frame_prompts_and_fallback() -> None:
    context = ShotContext(location="码头", time="清晨", characters=["林晓"], action="转身离开")
    for kind in ("first", "key", "last", "action"):
        prompt = frame_prompt(kind, context, style="ghibli", language="en")
        assert '"prompt"' in prompt.system and "Action: 转身离开" in prompt.user
    assert "3x3" in frame_prompt("action", context, style=None, language="en").system
    assert panel_frame_kinds(3) == ["first", "key", "last"]
    assert panel_frame_kinds(5) == ["first", "key", "key", "key", "last"]
    fallback = fallback_frame_prompt("first", context, style=None, language="zh")
    assert fallback.prompt.startswith("码头, 清晨, 林晓, 转身离开")
    parsed = parse_frame_prompt(
        parse_model_json('{"prompt": "a girl", "description": "x"}', "stop")
    )
    assert parsed.prompt == "a girl"
    with pytest.raises(ModelReplyShapeError):
        parse_frame_prompt({"prompt": "null"})


def test_shot_texts() -> None:
    shot = BreakdownShot(
        location="码头",
        time="清晨",
        action="林晓站在栈桥上，然后转身离开。",
        dialogue="林晓：再见。",
        shot_type="中景",
        movement="固定",
    )
    image = shot_image_prompt(shot, style="ghibli", language="en", emotion="不舍")
    assert image.startswith("码头, 清晨, 林晓站在栈桥上, 中景, 不舍, hand-drawn")
    assert image.endswith("first frame")
    video = shot_video_prompt(shot, style=None, language="zh")
    assert video == (
        "Action: 林晓站在栈桥上，然后转身离开. Dialogue: 林晓：再见. "
        "Camera movement: 固定. Shot type: 中景. Scene: 码头, 清晨. "
        "=VideoRatio: 16:9"
    )
    assert shot_description(shot, "zh").splitlines()[0] == "【镜头】中景"
