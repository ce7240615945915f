"""Editing an episode's script, then running its flows again: the stored breakdown follows the
new script, with nothing of the old one left in shots or the episode's scenes."""

from __future__ import annotations

from typing import Any

from tests.fixtures.stack import Stack
from tests.script_flows.support import (
    data_of,
    drama_with_episodes,
    local_text_config,
    run_flow,
    shots_of,
)

FIRST = (
    "第一场 客厅 夜\n林晓：（低声）你来了。\n音效：门铃响\n周远：嗯。\n"
    "第二场 天台 黄昏\n周远站在天台边。\n"
)
EDITED = "第一场 客厅 夜\n林晓独自坐着发呆。\n窗外下着雨。\n她叹了口气。\n"


async def save_script(stack: Stack, drama_id: int, script: str) -> None:
    episodes = [{"episode_number": 1, "title": "第1集", "script_content": script}]
    data_of(await stack.api.put(f"/dramas/{drama_id}/episodes", json={"episodes": episodes}))


def episode_scenes(detail: dict[str, Any], episode_id: int) -> list[tuple[str, str]]:
    episode = next(e for e in detail["episodes"] if e["id"] == episode_id)
    return sorted((s["location"], s["time"]) for s in episode.get("scenes") or [])


async def test_rerun_after_an_edit_keeps_nothing_of_the_old_script(stack: Stack) -> None:
    drama_id, (episode_id,) = await drama_with_episodes(stack, FIRST)
    async with local_text_config(stack):
        for path in ("characters/extract", "storyboards"):
            assert (await run_flow(stack, f"/episodes/{episode_id}/{path}"))[
                "status"
            ] == "completed"
        scenes = await run_flow(stack, f"/images/episode/{episode_id}/backgrounds/extract")
        assert scenes["status"] == "completed"
        before = await shots_of(stack, episode_id)
        assert before[0]["dialogue"] == "林晓：你来了。"
        assert before[0]["sound_effect"] == "门铃响"

        await save_script(stack, drama_id, EDITED)
        scenes = await run_flow(stack, f"/images/episode/{episode_id}/backgrounds/extract")
        board = await run_flow(stack, f"/episodes/{episode_id}/storyboards")
    assert scenes["status"] == "completed" and board["status"] == "completed"
    after = await shots_of(stack, episode_id)
    assert [s["action"] for s in after] == ["林晓独自坐着发呆。", "窗外下着雨。", "她叹了口气。"]
    assert [s["id"] for s in after] == [s["id"] for s in before[:3]]
    for shot in after:
        assert not shot.get("dialogue") and not shot.get("sound_effect"), shot
        assert "周远" not in shot["video_prompt"]
    cast = [[c["name"] for c in shot.get("characters") or []] for shot in after]
    assert cast == [["林晓"], [], []]
    detail = data_of(await stack.api.get(f"/dramas/{drama_id}"))
    assert episode_scenes(detail, episode_id) == [("客厅", "夜")]
    assert {s["scene_id"] for s in after} == {detail["scenes"][0]["id"]}


async def test_two_episodes_in_the_same_place_each_list_that_scene(stack: Stack) -> None:
    first = "第一场 客厅 夜\n林晓：回来了？\n"
    second = "第一场 客厅 夜\n周远：我回来了。\n第二场 码头 清晨\n周远：走吧。\n"
    drama_id, episode_ids = await drama_with_episodes(stack, first, second)
    async with local_text_config(stack):
        for episode_id in episode_ids:
            path = f"/images/episode/{episode_id}/backgrounds/extract"
            assert (await run_flow(stack, path))["status"] == "completed"
            board = await run_flow(stack, f"/episodes/{episode_id}/storyboards")
            assert board["status"] == "completed"
    detail = data_of(await stack.api.get(f"/dramas/{drama_id}"))
    assert episode_scenes(detail, episode_ids[0]) == [("客厅", "夜")]
    assert episode_scenes(detail, episode_ids[1]) == [("客厅", "夜"), ("码头", "清晨")]
    for episode_id in episode_ids:
        episode = next(e for e in detail["episodes"] if e["id"] == episode_id)
        listed = {s["id"] for s in episode["scenes"]}
        assert {s["scene_id"] for s in await shots_of(stack, episode_id)} <= listed
