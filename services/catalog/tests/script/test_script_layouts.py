"""The offline analyser on scripts laid out as others write them: novels with chapters, quoted
speech, dialogue-only scripts, Markdown, Windows line endings, transitions and stage directions."""

from __future__ import annotations

from drama_catalog.script.local_analyser import ScriptAnalysis, analyse_script


def names(analysis: ScriptAnalysis) -> list[str]:
    return [character.name for character in analysis.characters]


def shots(analysis: ScriptAnalysis) -> list[tuple[int, str, str]]:
    return [(shot.scene_id or 0, shot.action, shot.dialogue) for shot in analysis.shots]


def test_chinese_novel_chapters_become_scenes_and_quotes_become_lines() -> None:
    novel = (
        "第一章 雨夜\n\n"
        "雨下得很大。林夏撑着伞站在公交站台下，手里攥着一封皱巴巴的信。\n\n"
        "“你终于来了。”身后传来一个低沉的声音。\n\n"
        "林夏回过头，看见陈默从黑色轿车上下来。“我以为你不会来。”她说。\n\n"
        "陈默沉默了一会儿，说：“我答应过你的事，从来没有食言。”\n\n"
        "第二章 旧宅\n\n"
        "第二天清晨，两人来到城郊的旧宅。林夏推开吱呀作响的木门。\n\n"
        "“这里就是我长大的地方。”林夏轻声说道。\n"
    )
    analysis = analyse_script(novel, "zh")
    assert [(c.name, c.role) for c in analysis.characters] == [
        ("林夏", "main"),
        ("陈默", "supporting"),
    ]
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("公交站台", "夜晚"),
        ("旧宅", "清晨"),
    ]
    assert shots(analysis) == [
        (1, "雨下得很大。林夏撑着伞站在公交站台下，手里攥着一封皱巴巴的信。", ""),
        (1, "“你终于来了。”身后传来一个低沉的声音。", ""),
        (1, "林夏回过头，看见陈默从黑色轿车上下来。", ""),
        (1, "林夏开口说话", "林夏：我以为你不会来。"),
        (1, "陈默沉默了一会儿", ""),
        (1, "陈默开口说话", "陈默：我答应过你的事，从来没有食言。"),
        (2, "第二天清晨，两人来到城郊的旧宅。林夏推开吱呀作响的木门。", ""),
        (2, "林夏开口说话", "林夏：这里就是我长大的地方。"),
    ]
    assert {"信", "伞"} <= {p.name for p in analysis.props}


def test_english_story_attributions_pronouns_and_chapters() -> None:
    story = (
        "Chapter One\n\n"
        "Mara stood under the awning of the old bakery, a letter crumpled in her fist.\n\n"
        '"You came," said a voice behind her.\n\n'
        'She turned. Tom was climbing out of a black car. "I didn\'t think you would," '
        "Mara said.\n\n"
        'Tom shrugged. "I keep my promises."\n\n'
        "Chapter Two\n\n"
        "At dawn they drove to the farmhouse. Mara pushed open the door.\n"
    )
    analysis = analyse_script(story, "en")
    assert [c.name for c in analysis.characters] == ["Mara", "Tom"]
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("Old Bakery", "day"),
        ("Farmhouse", "dawn"),
    ]
    lines = [shot.dialogue for shot in analysis.shots if shot.dialogue]
    assert lines == ["Mara: I didn't think you would", "Tom: I keep my promises."]
    assert '"You came," said a voice behind her.' in [shot.action for shot in analysis.shots]
    assert all("Chapter" not in shot.action for shot in analysis.shots)


def test_unattributed_quotes_alternate_between_the_two_speakers() -> None:
    story = (
        '"Are you coming?" Anna asked.\n\n"Not tonight."\n\n"Why not?"\n\n'
        '"Because I am tired," Tom said. He sat down on a bench in the park.\n\n"Fine."\n'
    )
    analysis = analyse_script(story, "en")
    speakers = [shot.dialogue.split(":")[0] for shot in analysis.shots if shot.dialogue]
    assert speakers == ["Anna", "Tom", "Anna", "Tom", "Anna"]
    assert analysis.scenes[0].location == "Park"


def test_dialogue_only_script_with_blank_lines_and_a_stage_direction() -> None:
    script = (
        "林晓：你来了。\n周远：嗯，路上堵车。\n\n林晓：先进来吧，外面冷。\n"
        "（周远走进客厅，放下雨伞。）\n周远（叹气）：这么多年了，这里一点没变。\n"
    )
    analysis = analyse_script(script, "zh")
    assert [c.name for c in analysis.characters] == ["林晓", "周远"]
    assert analysis.scenes[0].location == "客厅"
    assert [(action, dialogue) for _, action, dialogue in shots(analysis)] == [
        ("林晓开口说话", "林晓：你来了。"),
        ("周远开口说话", "周远：嗯，路上堵车。"),
        ("林晓开口说话", "林晓：先进来吧，外面冷。"),
        ("周远走进客厅，放下雨伞。", ""),
        ("周远开口说话，叹气", "周远：这么多年了，这里一点没变。"),
    ]


def test_markdown_screenplay_with_title_breaks_and_chapter_lines() -> None:
    script = (
        "# 归途\n\n## 第一场 客厅 夜\n\n**林晓**：你来了。\n**周远**（低声）：嗯。\n\n***\n\n"
        "## 第二场 码头 清晨\n\n林晓拿着一封信站在码头上。\n\n第二章\n\n**周远**：走吧。\n"
    )
    analysis = analyse_script(script, "zh")
    assert [(s.location, s.time) for s in analysis.scenes] == [("客厅", "夜"), ("码头", "清晨")]
    assert shots(analysis) == [
        (1, "林晓开口说话", "林晓：你来了。"),
        (1, "周远开口说话，低声", "周远：嗯。"),
        (2, "林晓拿着一封信站在码头上。", ""),
        (2, "周远开口说话", "周远：走吧。"),
    ]


def test_windows_line_endings_and_transitions() -> None:
    script = "\r\n".join(
        [
            "INT. KITCHEN - NIGHT",
            "",
            "ANNA",
            "Where were you?",
            "",
            "TOM",
            "(quietly)",
            "Out.",
            "",
            "CUT TO:",
            "",
            "EXT. GARDEN - DAY",
            "",
            "Anna waters the roses.",
            "",
            "FADE OUT.",
        ]
    )
    analysis = analyse_script(script, "en")
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("Kitchen", "night"),
        ("Garden", "day"),
    ]
    assert shots(analysis) == [
        (1, "Anna speaks", "Anna: Where were you?"),
        (1, "Tom speaks, quietly", "Tom: Out."),
        (2, "Anna waters the roses.", ""),
    ]


def test_numbered_headings_full_width_digits_and_spaced_names() -> None:
    script = (
        "1. 医院走廊 日 内\n人物：周医生、护士小李、病人家属赵大妈\n"
        "赵大妈拉住周医生的袖子。\n赵大妈：周医生，求求你！\n护士小李：手术室准备好了。\n\n"
        "场景２：外滩　　夜　外\n"
        "　　王 经 理：Linda！客户等你半天了！\n"
        "Linda：（哽咽）马上来。\n"
    )
    analysis = analyse_script(script, "zh")
    assert [(s.location, s.time) for s in analysis.scenes] == [("医院走廊", "日"), ("外滩", "夜")]
    assert [c.name for c in analysis.characters] == [
        "赵大妈",
        "护士小李",
        "王经理",
        "Linda",
        "周医生",
    ]
    assert [shot.dialogue for shot in analysis.shots if shot.dialogue] == [
        "赵大妈：周医生，求求你！",
        "护士小李：手术室准备好了。",
        "王经理：Linda！客户等你半天了！",
        "Linda：马上来。",
    ]
    assert analysis.shots[-1].emotion == "哽咽"
    assert all("人物" not in shot.action for shot in analysis.shots)


def test_title_page_and_cast_list_give_profiles_not_characters() -> None:
    script = "\r\n".join(
        [
            "剧名：《外卖小哥逆袭记》",
            "编剧：张三",
            "",
            "人物表：",
            "张小飞——外卖员，25岁",
            "刘总——公司老板，50岁",
            "",
            "1. 写字楼大堂 日 内",
            "张小飞提着外卖冲进大堂。",
            "张小飞：这单要超时了！",
            "刘总（画外音）：让他上来。",
            "——第一集完——",
        ]
    )
    analysis = analyse_script(script, "zh")
    assert [c.name for c in analysis.characters] == ["张小飞", "刘总"]
    assert analysis.characters[0].description.startswith("外卖员，25岁。")
    assert [shot.dialogue for shot in analysis.shots if shot.dialogue] == [
        "张小飞：这单要超时了！",
        "刘总：让他上来。",
    ]
    assert analysis.shots[-1].action == "刘总的画外音"
    assert len(analysis.shots) == 3
    assert "外卖" in {p.name for p in analysis.props}


def test_cold_open_is_kept_and_titled_speakers_are_one_character() -> None:
    script = "\n".join(
        [
            "COLD OPEN",
            "",
            "A scream echoes in the dark.",
            "",
            "DETECTIVE ROSS",
            "Somebody call it in!",
            "",
            "INT. POLICE STATION - DAY",
            "",
            "ROSS pours coffee.",
            "",
            "ROSS (CONT'D)",
            "Long night.",
            "",
            "EXT. RIVER - CONTINUOUS",
            "",
            "FADE TO BLACK.",
            "",
            "SUPER: Three hours earlier",
            "",
            "THE END",
        ]
    )
    analysis = analyse_script(script, "en")
    assert [c.name for c in analysis.characters] == ["Ross"]
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("Police Station", "day"),
        ("River", "day"),
    ]
    assert [(shot.scene_id, shot.action, shot.dialogue) for shot in analysis.shots] == [
        (1, "A scream echoes in the dark.", ""),
        (1, "Ross speaks", "Ross: Somebody call it in!"),
        (1, "ROSS pours coffee.", ""),
        (1, "Ross speaks", "Ross: Long night."),
        (2, "SUPER: Three hours earlier", ""),
    ]


def test_english_speakers_with_full_width_colons_and_notes_after_the_colon() -> None:
    script = (
        "场景一：天台，黄昏\n艾琳：（掏出一枚银色芯片）这是最后一份。\n"
        "Kevin：（低声）有人在跟踪我们。\n"
    )
    analysis = analyse_script(script, "zh")
    assert [c.name for c in analysis.characters] == ["艾琳", "Kevin"]
    assert [(s.dialogue, s.emotion) for s in analysis.shots] == [
        ("艾琳：这是最后一份。", "掏出一枚银色芯片"),
        ("Kevin：有人在跟踪我们。", "低声"),
    ]
    assert [p.name for p in analysis.props] == ["芯片"]


def test_sentences_keep_abbreviations_and_closing_quotes() -> None:
    story = (
        "At noon their neighbor Mr. Collins drove up. " * 4
        + '\n\n"Where am I?" she whispered. The storm went on.'
    )
    analysis = analyse_script(story, "en")
    actions = [shot.action for shot in analysis.shots]
    assert all(not action.endswith("Mr.") for action in actions)
    assert any('"Where am I?" she whispered.' in action for action in actions)


def test_prose_speech_after_the_quote_and_place_names_are_not_people() -> None:
    story = (
        "The Lighthouse Keeper\n\n"
        "Old Thomas kept the light on Gull Island. Every night he climbed to the lamp on Gull "
        "Island.\n\n"
        "Mara woke by the fire.\n\n"
        '"Gull Island," Thomas said, wrapping her in his coat. "You\'re safe now."\n\n'
        '"Thank you." Mara smiled at Thomas.\n'
    )
    analysis = analyse_script(story, "en")
    assert [c.name for c in analysis.characters] == ["Thomas", "Mara"]
    assert [shot.dialogue for shot in analysis.shots if shot.dialogue] == [
        "Thomas: Gull Island",
        "Thomas: You're safe now.",
        "Mara: Thank you.",
    ]
    assert "The Lighthouse Keeper" not in [shot.action for shot in analysis.shots]


def test_prose_quotes_that_are_not_a_known_speakers_stay_in_the_action() -> None:
    novel = (
        "第一章 末班车\n\n林夏站在站台上。陈默走了过来。\n\n"
        "“你也在等末班车吗？”一个声音从身后传来。\n\n"
        "林夏点点头。陈默笑了笑，说道：“我刚从医院出来。”\n\n"
        "陈默递给她一本日记。第一页写着：“给我的小夏。”\n\n“谢谢。”\n"
    )
    analysis = analyse_script(novel, "zh")
    assert [(action, dialogue) for _, action, dialogue in shots(analysis)] == [
        ("林夏站在站台上。陈默走了过来。", ""),
        ("“你也在等末班车吗？”一个声音从身后传来。", ""),
        ("林夏点点头。陈默笑了笑", ""),
        ("陈默开口说话", "陈默：我刚从医院出来。"),
        ("陈默递给她一本日记。第一页写着：“给我的小夏。”", ""),
        ("林夏开口说话", "林夏：谢谢。"),
    ]


def test_prose_terms_signs_actions_before_a_colon_and_scene_breaks() -> None:
    novel = (
        "沈清辞站在沈家老宅门口。招牌上只剩下“清风”两个字。\n\n"
        "“好久不见。”顾北辰说。\n\n“我没生气。”沈清辞说。\n\n"
        "林小雨愣了愣：“九月？是那件事吗？”\n\n林小雨翻开报纸。沈家的旧宅还在。\n\n"
        "* * *\n\n“信是你写的？”\n"
    )
    analysis = analyse_script(novel, "zh")
    assert sorted(names(analysis)) == sorted(["顾北辰", "沈清辞", "林小雨"])
    assert [(action, dialogue) for _, action, dialogue in shots(analysis)] == [
        ("沈清辞站在沈家老宅门口。招牌上只剩下“清风”两个字。", ""),
        ("顾北辰开口说话", "顾北辰：好久不见。"),
        ("沈清辞开口说话", "沈清辞：我没生气。"),
        ("林小雨愣了愣", ""),
        ("林小雨开口说话", "林小雨：九月？是那件事吗？"),
        ("林小雨翻开报纸。沈家的旧宅还在。", ""),
        ("“信是你写的？”", ""),
    ]


def test_speech_resumed_after_a_tag_stays_with_its_speaker() -> None:
    story = (
        '"We can\'t keep doing this," Daniel said without looking up. "The bank called '
        'again yesterday." Sarah poured juice.\n\nSarah looked at Daniel.\n'
    )
    analysis = analyse_script(story, "en")
    assert [shot.dialogue for shot in analysis.shots if shot.dialogue] == [
        "Daniel: We can't keep doing this",
        "Daniel: The bank called again yesterday.",
    ]
    chinese = analyse_script(
        "“我们不能再这样了，”陈默说，“银行又来电话了。”苏晴倒了一杯果汁。\n\n苏晴看着陈默。\n", "zh"
    )
    assert [shot.dialogue for shot in chinese.shots if shot.dialogue] == [
        "陈默：我们不能再这样了，银行又来电话了。"
    ]
