"""Without a text model, the offline analyser turns the bundled demo scripts into
characters, scenes, props, shots and frame prompts through the API."""

from __future__ import annotations

from pathlib import Path

import pytest

import drama_studio
from tests.fixtures.stack import Stack
from tests.script_flows.support import (
    characters_of,
    data_of,
    drama_with_episodes,
    local_text_config,
    run_flow,
    shots_of,
)

SCRIPTS = Path(drama_studio.__file__).parent / "scripts"
DEMOS = {
    "zh_demo.txt": (
        {"林晓", "周远", "陈阿婆"},
        [("旧书店", "夜"), ("书店阁楼", "夜"), ("码头", "清晨"), ("旧书店", "白天")],
        15,
        {"手机", "木盒", "信", "戒指"},
    ),
    "en_demo.txt": (
        {"Mara", "Owen", "Captain Reyes"},
        [
            ("Harbour Ticket Office", "night"),
            ("Pier", "night"),
            ("Ferry Cabin", "night"),
            ("Island Beach", "dawn"),
        ],
        14,
        {"ticket", "lantern", "umbrella", "letter"},
    ),
}


@pytest.mark.parametrize("demo", sorted(DEMOS))
async def test_demo_script_through_the_api(stack: Stack, demo: str) -> None:
    names, places, shot_count, props = DEMOS[demo]
    script = (SCRIPTS / demo).read_text("utf-8")
    drama_id, (episode_id,) = await drama_with_episodes(stack, script)
    async with local_text_config(stack):
        cast = await run_flow(stack, f"/episodes/{episode_id}/characters/extract")
        scenes = await run_flow(stack, f"/images/episode/{episode_id}/backgrounds/extract")
        found = await run_flow(stack, f"/episodes/{episode_id}/props/extract")
        board = await run_flow(stack, f"/episodes/{episode_id}/storyboards")
        again = await run_flow(stack, f"/dramas/{drama_id}/scenes/batch-extract", {})
    for task in (cast, scenes, found, board, again):
        assert task["status"] == "completed", task
    assert set(await characters_of(stack, drama_id)) == names
    assert scenes["parsed"]["count"] == len(places)
    assert again["parsed"] == {"scenes": len(places), "episodes_count": 1, "dedup_scenes": 0}
    stored = data_of(await stack.api.get(f"/images/episode/{episode_id}/backgrounds"))
    assert sorted((s["location"], s["time"]) for s in stored) == sorted(places)
    prop_rows = data_of(
        await stack.api.get(f"/dramas/{drama_id}/props", params={"drama_id": drama_id})
    )
    assert props <= {p["name"] for p in prop_rows}
    shots = await shots_of(stack, episode_id)
    assert [s["storyboard_number"] for s in shots] == list(range(1, shot_count + 1))
    assert board["parsed"]["total"] == shot_count
    scene_ids = {s["id"] for s in stored}
    assert all(s["scene_id"] in scene_ids for s in shots)
    cast_names = {c["name"] for s in shots for c in (s.get("characters") or [])}
    assert cast_names == names

    frame = await run_flow(
        stack,
        f"/storyboards/{shots[1]['id']}/frame-prompt",
        {"frame_type": "panel", "panel_count": 3},
    )
    assert frame["status"] == "completed", frame
    frames = frame["parsed"]["response"]["multi_frame"]["frames"]
    assert len(frames) == 3 and all(f["prompt"] for f in frames)
    assert frame["parsed"]["response"]["multi_frame"]["layout"] == "horizontal_3"
    assert frame["parsed"]["storyboard_id"] == str(shots[1]["id"])
    listed = data_of(await stack.api.get(f"/storyboards/{shots[1]['id']}/frame-prompts"))
    assert [row["frame_type"] for row in listed["frame_prompts"]] == ["panel"]
    assert listed["frame_prompts"][0]["layout"] == "horizontal_3"
    unknown = data_of(await stack.api.get("/storyboards/not-a-number/frame-prompts"))
    assert unknown == {"frame_prompts": []}
