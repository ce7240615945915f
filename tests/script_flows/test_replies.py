"""How model replies land in the catalog: tolerant parsing, told-apart failures, empty or
refused answers, a rejected parameter, and absent values that never erase stored ones."""

from __future__ import annotations

import json

import pytest

from tests.fakes.openai_chat import (
    OpenAIChatFake,
    chat_reply,
    error_reply,
    no_choices,
)
from tests.fixtures.stack import Stack
from tests.script_flows.support import (
    characters_of,
    data_of,
    drama_with_episodes,
    run_flow,
    text_config,
)

SCRIPT = "林晓推开旧书店的门。\n林晓：有人吗？\n周远：欢迎光临。"
CAST = [
    {"name": "林晓", "role": "main", "appearance": "齐耳短发，灰色毛衣", "personality": "倔强"},
    {"name": "周远", "role": "supporting", "appearance": "戴眼镜的店主"},
]
ARRAY = json.dumps(CAST, ensure_ascii=False)
TOLERATED = {
    "fenced": f"```json\n{ARRAY}\n```",
    "prose": f"好的，以下是本集出现的角色：\n{ARRAY}\n希望对你有帮助！",
    "trailing_comma": ARRAY[:-1] + ",]",
    "surplus_brace": ARRAY + "}",
}


@pytest.mark.parametrize("shape", sorted(TOLERATED))
async def test_tolerated_reply_lands_with_cjk_intact(stack: Stack, shape: str) -> None:
    fake = OpenAIChatFake(replier=lambda body: chat_reply(TOLERATED[shape]))
    drama_id, (episode_id,) = await drama_with_episodes(stack, SCRIPT)
    async with text_config(stack, fake):
        task = await run_flow(stack, f"/episodes/{episode_id}/characters/extract")
    assert task["status"] == "completed", task
    assert task["resource_id"] == str(drama_id)
    assert [c["name"] for c in task["parsed"]["characters"]] == ["林晓", "周远"]
    stored = await characters_of(stack, drama_id)
    assert set(stored) == {"林晓", "周远"}
    assert stored["林晓"]["appearance"] == "齐耳短发，灰色毛衣"
    linked = data_of(
        await stack.api.get(f"/dramas/{drama_id}/characters", params={"episode_id": episode_id})
    )
    assert {c["name"] for c in linked} == {"林晓", "周远"}


async def test_syntax_error_and_truncation_are_told_apart(stack: Stack) -> None:
    drama_id, (episode_id,) = await drama_with_episodes(stack, SCRIPT)
    broken = OpenAIChatFake(replier=lambda body: chat_reply("本集角色如下：林晓、周远。"))
    async with text_config(stack, broken):
        bad = await run_flow(stack, f"/episodes/{episode_id}/characters/extract")
    cut = OpenAIChatFake(replier=lambda body: chat_reply('[{"name": "林晓", "appearance": "齐耳'))
    async with text_config(stack, cut):
        truncated = await run_flow(stack, f"/episodes/{episode_id}/characters/extract")
    assert bad["status"] == truncated["status"] == "failed"
    assert "no JSON" in bad["error"] and "truncated" not in bad["error"]
    assert "truncated" in truncated["error"] and "no JSON" not in truncated["error"]
    for task in (bad, truncated):
        assert "openai/fake-chat" in task["error"]
    assert await characters_of(stack, drama_id) == {}


async def test_absent_values_never_overwrite(stack: Stack) -> None:
    drama_id, (episode_id,) = await drama_with_episodes(stack, SCRIPT)
    first = OpenAIChatFake(replier=lambda body: chat_reply(ARRAY))
    async with text_config(stack, first):
        assert (await run_flow(stack, f"/episodes/{episode_id}/characters/extract"))[
            "status"
        ] == "completed"
    absent = [
        {"name": "林晓", "role": "null", "appearance": "undefined", "personality": ""},
        {"name": "周远", "role": None, "appearance": "NULL", "description": "旧书店店主"},
    ]
    second = OpenAIChatFake(replier=lambda body: chat_reply(json.dumps(absent, ensure_ascii=False)))
    async with text_config(stack, second):
        task = await run_flow(stack, f"/episodes/{episode_id}/characters/extract")
    assert task["status"] == "completed", task
    stored = await characters_of(stack, drama_id)
    assert len(stored) == 2
    assert stored["林晓"]["role"] == "main"
    assert stored["林晓"]["appearance"] == "齐耳短发，灰色毛衣"
    assert stored["林晓"]["personality"] == "倔强"
    assert stored["周远"]["appearance"] == "戴眼镜的店主"
    assert stored["周远"]["description"] == "旧书店店主"


EMPTY_ANSWERS = {
    "no_choices": (no_choices, "no choices"),
    "null_content": (lambda: chat_reply(None), "no content"),
    "reasoning_only": (lambda: chat_reply("", reasoning="让我想想……"), "only reasoning"),
    "content_filter": (lambda: chat_reply("[", finish_reason="content_filter"), "content filter"),
}


@pytest.mark.parametrize("case", sorted(EMPTY_ANSWERS))
async def test_unusable_answer_fails_naming_provider_and_model(stack: Stack, case: str) -> None:
    make, words = EMPTY_ANSWERS[case]
    fake = OpenAIChatFake(replier=lambda body: make())
    drama_id, (episode_id,) = await drama_with_episodes(stack, SCRIPT)
    async with text_config(stack, fake, "fake-chat-x"):
        task = await run_flow(stack, f"/episodes/{episode_id}/characters/extract")
    assert task["status"] == "failed", task
    assert "openai/fake-chat-x" in task["error"] and words in task["error"]
    assert len(fake.requests) == 1
    assert await characters_of(stack, drama_id) == {}


async def test_rejected_temperature_is_retried_once_without(stack: Stack) -> None:
    def refuse_temperature(body: dict[str, object]) -> object:
        if "temperature" in body:
            return error_reply(
                400,
                "Unsupported value: 'temperature' does not support 0.7 "
                "with this model. Only the default (1) is supported.",
            )
        return chat_reply(ARRAY)

    fake = OpenAIChatFake(replier=refuse_temperature)  # type: ignore[arg-type]
    drama_id, (episode_id,) = await drama_with_episodes(stack, SCRIPT)
    async with text_config(stack, fake):
        task = await run_flow(
            stack,
            "/generation/characters",
            {
                "drama_id": str(drama_id),
                "episode_id": episode_id,
                "outline": SCRIPT,
                "temperature": 0.7,
            },
        )
    assert task["status"] == "completed", task
    assert [("temperature" in body) for body in fake.requests] == [True, False]
    assert set(await characters_of(stack, drama_id)) == {"林晓", "周远"}
