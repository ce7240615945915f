"""The offline analyser on the two bundled demo scripts and on prose."""

from __future__ import annotations

from pathlib import Path

import pytest

import drama_studio
from drama_catalog.script.local_analyser import (
    MAX_SECONDS,
    MIN_SECONDS,
    EmptyScriptError,
    ScriptAnalysis,
    analyse_script,
)

SCRIPTS = Path(drama_studio.__file__).parent / "scripts"


def check_shots(analysis: ScriptAnalysis) -> None:
    """Invariants every analysis keeps."""
    numbers = [shot.shot_number for shot in analysis.shots]
    assert numbers == list(range(1, len(numbers) + 1))
    for shot in analysis.shots:
        assert MIN_SECONDS <= shot.duration <= MAX_SECONDS
        assert shot.scene_id is not None and 1 <= shot.scene_id <= len(analysis.scenes)
        assert all(1 <= cid <= len(analysis.characters) for cid in shot.characters)
        assert shot.image_prompt and shot.video_prompt.endswith("=VideoRatio: 16:9")
        assert shot.shot_type and shot.location and shot.time


def test_chinese_demo_script() -> None:
    analysis = analyse_script((SCRIPTS / "zh_demo.txt").read_text("utf-8"), "zh")
    roles = {c.name: c.role for c in analysis.characters}
    assert roles == {"林晓": "main", "周远": "supporting", "陈阿婆": "minor"}
    assert analysis.characters[0].appearance == "二十多岁，齐耳短发，灰色高领毛衣"
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("旧书店", "夜"),
        ("书店阁楼", "夜"),
        ("码头", "清晨"),
        ("旧书店", "白天"),
    ]
    assert len(analysis.shots) == 15
    assert {"手机", "木盒", "信", "戒指", "伞", "灯笼"} <= {p.name for p in analysis.props}
    second = analysis.shots[1]
    assert second.dialogue == "林晓：这么晚了，谁还会来？"
    assert second.characters == [1]
    assert 60 <= analysis.total_duration <= 100
    check_shots(analysis)


def test_english_demo_script() -> None:
    analysis = analyse_script((SCRIPTS / "en_demo.txt").read_text("utf-8"), "en")
    names = [c.name for c in analysis.characters]
    assert names == ["Mara", "Owen", "Captain Reyes"]
    assert analysis.characters[0].role == "main"
    assert analysis.characters[2].role == "supporting"
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("Harbour Ticket Office", "night"),
        ("Pier", "night"),
        ("Ferry Cabin", "night"),
        ("Island Beach", "dawn"),
    ]
    assert len(analysis.shots) == 14
    assert {"ticket", "umbrella", "letter", "lantern", "mobile phone"} <= {
        p.name for p in analysis.props
    }
    reyes = analysis.shots[6]
    assert reyes.dialogue == "Captain Reyes: You're late, Mara. We waited anyway."
    assert reyes.characters == [1, 3]
    assert 60 <= analysis.total_duration <= 100
    check_shots(analysis)


def test_headings_in_other_notations_and_parentheticals() -> None:
    script = "\n".join(
        [
            "【场景】天台，深夜",
            "阿杰（三十岁，黑色风衣）靠在栏杆边，手里握着一把刀。",
            "阿杰（冷笑）：你终于来了。",
            "场景：地铁站 / 清晨",
            "小雨：我不会再回去了。",
            "",
            "SCENE 3: ROOFTOP GARDEN - DUSK",
            "JOE",
            "(whispering)",
            "Keep the lights off.",
        ]
    )
    analysis = analyse_script(script, "zh")
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("天台", "深夜"),
        ("地铁站", "清晨"),
        ("Rooftop Garden", "dusk"),
    ]
    assert {c.name for c in analysis.characters} == {"阿杰", "小雨", "Joe"}
    assert "刀" in {p.name for p in analysis.props}
    joe = analysis.shots[-1]
    assert joe.dialogue == "Joe：Keep the lights off."
    assert joe.emotion == "whispering"


def test_english_prose_becomes_one_scene_with_paragraph_shots() -> None:
    prose = (
        "Anna walked into the quiet station at midnight. The clock above the platform had "
        "stopped.\n\n"
        "She found a letter on the bench. Anna read it twice, then looked up as the train "
        "arrived.\n\n"
        "Tom stepped off the train holding an umbrella. Anna smiled at Tom, and Tom smiled back."
    )
    analysis = analyse_script(prose, "en")
    assert len(analysis.scenes) == 1
    assert analysis.scenes[0].time == "midnight"
    assert [c.name for c in analysis.characters] == ["Anna", "Tom"]
    assert len(analysis.shots) == 3
    assert analysis.shots[2].characters == [1, 2]
    assert {"letter", "umbrella"} <= {p.name for p in analysis.props}
    check_shots(analysis)


def test_chinese_prose_with_inline_speech() -> None:
    prose = (
        "夜深了，林晓独自走进空荡荡的车站。站台上的钟停了。\n\n"
        "她在长椅上发现了一封信。林晓说：“是谁留下的？”\n\n"
        "周远从列车上走下来，手里拿着一把伞。周远笑着说：“我等你很久了。”"
    )
    analysis = analyse_script(prose, "zh")
    assert [(s.location, s.time) for s in analysis.scenes] == [("车站", "夜晚")]
    assert [c.name for c in analysis.characters] == ["林晓", "周远"]
    assert [(shot.action, shot.dialogue) for shot in analysis.shots][1:] == [
        ("她在长椅上发现了一封信。", ""),
        ("林晓开口说话", "林晓：是谁留下的？"),
        ("周远从列车上走下来，手里拿着一把伞。", ""),
        ("周远开口说话", "周远：我等你很久了。"),
    ]
    check_shots(analysis)


def test_long_action_paragraph_is_split_into_sentence_groups() -> None:
    sentence = "The rain grows heavier and the street lamps flicker one after another. "
    analysis = analyse_script("INT. HALL - NIGHT\n" + sentence * 6, "en")
    assert len(analysis.shots) >= 3
    check_shots(analysis)


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_empty_script_is_refused(text: str) -> None:
    with pytest.raises(EmptyScriptError, match="empty"):
        analyse_script(text, "en")
    with pytest.raises(EmptyScriptError, match="剧本内容为空"):
        analyse_script(text, "zh")


@pytest.mark.parametrize("text", ["！！！？？？……", "...!!!"])
def test_a_script_without_words_is_refused_as_such(text: str) -> None:
    with pytest.raises(EmptyScriptError, match="no words"):
        analyse_script(text, "en")
    with pytest.raises(EmptyScriptError, match="没有可分析的文字"):
        analyse_script(text, "zh")


def test_control_characters_never_reach_a_shot() -> None:
    analysis = analyse_script("第一场 客厅 夜\n林晓：你\x00好\x01\x1b[31m！\x07\n", "zh")
    shot = analysis.shots[0]
    assert shot.dialogue == "林晓：你好！"
    for text in (shot.title, shot.image_prompt, shot.video_prompt, shot.description):
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text), text
