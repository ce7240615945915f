"""Storyboard breakdown in batches: exact numbering, upsert on re-run, a cut-off batch."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.fakes.openai_chat import OpenAIChatFake, Reply, chat_reply, user_text
from tests.fixtures.stack import Stack
from tests.script_flows.support import (
    data_of,
    drama_with_episodes,
    run_flow,
    shots_of,
    text_config,
)

EPISODE_SHOTS = 31
SCRIPT = "\n".join(f"第{n}幕：林晓在雨夜的旧书店里翻开第{n}本书。" for n in range(1, 32))
RANGE = re.compile(r"第 (\d+) 到第 (\d+) 个镜头|shots (\d+) to (\d+)")


def asked_range(body: dict[str, Any]) -> tuple[int, int]:
    match = RANGE.search(user_text(body))
    assert match, user_text(body)[-300:]
    first, last = (int(g) for g in match.groups() if g is not None)
    return first, last


def shot(number: int, **fields: Any) -> dict[str, Any]:
    return {
        "shot_number": number,
        "title": f"镜头{number}",
        "shot_type": "中景",
        "angle": "平视",
        "movement": "固定",
        "location": "旧书店",
        "time": "雨夜",
        "scene_id": None,
        "characters": [],
        "action": f"林晓翻开第{number}本书",
        "dialogue": f"林晓：第{number}本。",
        "result": "书页翻动",
        "atmosphere": "昏黄灯光",
        "emotion": "好奇",
        "duration": 6,
        "bgm_prompt": "钢琴",
        "sound_effect": "雨声",
        "is_primary": number == 1,
        **fields,
    }


def episode_replier(**fields: Any) -> Any:
    """Answers each batch with the asked shots of a 31-shot episode."""

    def reply(body: dict[str, Any]) -> Reply:
        first, last = asked_range(body)
        end = min(last, EPISODE_SHOTS)
        shots = [shot(n, **fields) for n in range(first, end + 1)]
        payload = {"storyboards": shots, "done": end >= EPISODE_SHOTS}
        return chat_reply(json.dumps(payload, ensure_ascii=False))

    return reply


async def test_31_shots_in_batches_then_rerun_upserts(stack: Stack) -> None:
    drama_id, (episode_id,) = await drama_with_episodes(stack, SCRIPT)
    fake = OpenAIChatFake(replier=episode_replier())
    async with text_config(stack, fake):
        task = await run_flow(stack, f"/episodes/{episode_id}/storyboards", {})
        assert task["status"] == "completed", task
        ranges = [asked_range(body) for body in fake.requests]
        assert ranges[0] == (1, 10) and len(ranges) == 4
        assert [r[0] for r in ranges] == [1, 11, 21, 31]
        result = task["parsed"]
        assert result["total"] == EPISODE_SHOTS
        assert result["total_duration"] == 6 * EPISODE_SHOTS
        assert result["duration_minutes"] == 4
        first = await shots_of(stack, episode_id)
        assert [s["storyboard_number"] for s in first] == list(range(1, 32))
        assert first[30]["dialogue"] == "林晓：第31本。"
        assert first[0]["video_prompt"].endswith("=VideoRatio: 16:9")

        fake.replier = episode_replier(
            title="undefined", dialogue="null", action="", atmosphere="NULL", duration=8
        )
        again = await run_flow(stack, f"/storyboards/episode/{episode_id}/generate", method="GET")
    assert again["status"] == "completed", again
    second = await shots_of(stack, episode_id)
    assert [s["storyboard_number"] for s in second] == list(range(1, 32))
    assert [s["id"] for s in second] == [s["id"] for s in first]
    assert second[4]["title"] == "镜头5"
    assert second[4]["dialogue"] == "林晓：第5本。"
    assert second[4]["action"] == "林晓翻开第5本书"
    assert second[4]["atmosphere"] == "昏黄灯光"
    assert second[4]["duration"] == 8
    detail = data_of(await stack.api.get(f"/dramas/{drama_id}"))
    assert len(detail["episodes"][0]["storyboards"]) == EPISODE_SHOTS


async def test_batch_cut_off_mid_object_fails_only_that_batch(stack: Stack) -> None:
    _, (episode_id,) = await drama_with_episodes(stack, SCRIPT)
    whole = episode_replier()

    def reply(body: dict[str, Any]) -> Reply:
        first, _ = asked_range(body)
        if first == 1:
            return whole(body)
        cut = json.dumps({"storyboards": [shot(first)]}, ensure_ascii=False)
        return chat_reply(cut[: cut.index("action") + 12])

    fake = OpenAIChatFake(replier=reply)
    async with text_config(stack, fake):
        task = await run_flow(stack, f"/episodes/{episode_id}/storyboards", {"model": "x"})
    assert task["status"] == "failed", task
    assert "truncated" in task["error"]
    assert "11" in task["error"] and "20" in task["error"]
    assert "openai/fake-chat" in task["error"]
    assert len(fake.requests) == 2
    kept = await shots_of(stack, episode_id)
    assert [s["storyboard_number"] for s in kept] == list(range(1, 11))
