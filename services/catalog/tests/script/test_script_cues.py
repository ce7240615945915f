"""The offline analyser on the cue styles of short-drama, stage and screen scripts: bracketed
speakers, voice marks, lines said together, sound and camera lines, flashback markers."""

from __future__ import annotations

from drama_catalog.script.local_analyser import ScriptAnalysis, analyse_script


def lines(analysis: ScriptAnalysis) -> list[tuple[str, str]]:
    return [(shot.action, shot.dialogue) for shot in analysis.shots]


def names(analysis: ScriptAnalysis) -> list[str]:
    return [character.name for character in analysis.characters]


def test_flashback_markers_stay_inside_the_scene() -> None:
    script = (
        "1-1 日 内 客厅\n△林晓坐在沙发上发呆。\n【闪回】\n△五年前，林晓和周远在海边奔跑。\n"
        "周远：等我回来娶你。\n【闪回结束】\n△林晓擦掉眼泪。\n林晓：骗子。\n"
    )
    analysis = analyse_script(script, "zh")
    assert [(s.location, s.time) for s in analysis.scenes] == [("客厅", "日")]
    assert lines(analysis) == [
        ("林晓坐在沙发上发呆。", ""),
        ("五年前，林晓和周远在海边奔跑。", ""),
        ("周远开口说话", "周远：等我回来娶你。"),
        ("林晓擦掉眼泪。", ""),
        ("林晓开口说话", "林晓：骗子。"),
    ]


def test_bracketed_speakers_alone_or_inline() -> None:
    script = (
        "第一场 医院走廊 夜\n【林晓】\n医生，我妈妈怎么样了？\n【医生】（摘下口罩）\n手术很成功。\n"
        "【林晓】谢谢您！\n【病房 日】\n【林母】晓晓，你来了。\n"
    )
    analysis = analyse_script(script, "zh")
    assert [(s.location, s.time) for s in analysis.scenes] == [("医院走廊", "夜"), ("病房", "日")]
    assert names(analysis) == ["林晓", "医生", "林母"]
    assert [shot.dialogue for shot in analysis.shots] == [
        "林晓：医生，我妈妈怎么样了？",
        "医生：手术很成功。",
        "林晓：谢谢您！",
        "林母：晓晓，你来了。",
    ]
    assert analysis.shots[1].emotion == "摘下口罩"


def test_sound_and_camera_lines_are_not_characters() -> None:
    script = (
        "1-1 日 内 客厅\n林晓：你好。\n音效：门铃响。\n镜头3：特写，林晓的手在发抖。\n"
        "空镜：窗外的梧桐树。\nBGM：悲伤的钢琴曲。\n众人：（哄笑）\n林晓：（沉默）\n"
    )
    analysis = analyse_script(script, "zh")
    assert names(analysis) == ["林晓"]
    assert [(shot.action, shot.shot_type, shot.sound_effect) for shot in analysis.shots][:3] == [
        ("林晓开口说话", "特写", "门铃响。"),
        ("林晓的手在发抖。", "特写", ""),
        ("窗外的梧桐树。", "远景", "悲伤的钢琴曲。"),
    ]
    assert [shot.action for shot in analysis.shots][3:] == ["众人哄笑", "林晓沉默"]

    english = analyse_script(
        "INT. LAB - NIGHT\nSFX: Thunder.\nCLOSE ON: Ruiz's hand on the switch.\nRUIZ\nNow.\n", "en"
    )
    assert names(english) == ["Ruiz"]
    assert english.shots[0].shot_type == "close-up"
    assert english.shots[0].action == "Ruiz's hand on the switch."
    assert english.shots[0].sound_effect == "Thunder."


def test_voice_marks_and_lines_said_together() -> None:
    script = (
        "1-1 日 内 教室\n林晓OS：三年了。\n林母VO：你走吧。\n林晓、周远：（齐声）老师好！\n"
        "周远/林晓：是！\n"
    )
    analysis = analyse_script(script, "zh")
    assert names(analysis) == ["林晓", "林母", "周远"]
    assert [(shot.action, shot.dialogue, shot.emotion) for shot in analysis.shots] == [
        ("林晓的画外音", "林晓：三年了。", ""),
        ("林母的画外音", "林母：你走吧。", ""),
        ("林晓、周远开口说话，齐声", "林晓、周远：老师好！", "齐声"),
        ("周远、林晓开口说话", "周远、林晓：是！", ""),
    ]
    assert analysis.shots[2].characters == [1, 3]


def test_scene_labels_inside_headings() -> None:
    analysis = analyse_script("场景：咖啡馆 时间：夜 人物：陈默\n陈默：来了。\n", "zh")
    assert [(s.location, s.time) for s in analysis.scenes] == [("咖啡馆", "夜")]


def test_stage_play_with_cast_list_acts_and_period_cues() -> None:
    play = (
        "THE LIGHTHOUSE KEEPER\nA Play in One Act\n\nCHARACTERS\nMARTHA, the keeper's wife\n"
        "THOMAS, the keeper\n\nACT I\n\n"
        "SCENE 1. The lamp room at the top of the lighthouse. Night.\n\n"
        "(THOMAS is polishing the great lens. Wind howls outside.)\n\n"
        "MARTHA. You'll wear it thin, Thomas.\nTHOMAS. (smiling) A clean lens is a bright light.\n"
    )
    analysis = analyse_script(play, "en")
    assert names(analysis) == ["Martha", "Thomas"]
    assert analysis.characters[0].description.startswith("the keeper's wife. ")
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("The lamp room at the top of the lighthouse", "night")
    ]
    assert lines(analysis) == [
        ("THOMAS is polishing the great lens. Wind howls outside.", ""),
        ("Martha speaks", "Martha: You'll wear it thin, Thomas."),
        ("Thomas speaks, smiling", "Thomas: A clean lens is a bright light."),
    ]


def test_mixed_case_names_alone_on_their_line() -> None:
    script = (
        "INT. DINER - NIGHT\n\nSarah sits at the counter.\n\nJack\nIs this seat taken?\n\n"
        "Sarah\nDepends who's asking.\n\nJack\nSomeone tired.\n\nSarah\n(not looking)\nGo to bed.\n"
    )
    analysis = analyse_script(script, "en")
    assert names(analysis) == ["Jack", "Sarah"]
    assert [shot.dialogue for shot in analysis.shots if shot.dialogue] == [
        "Jack: Is this seat taken?",
        "Sarah: Depends who's asking.",
        "Jack: Someone tired.",
        "Sarah: Go to bed.",
    ]


def test_quoted_speech_inside_english_action_lines() -> None:
    script = (
        "INT. KITCHEN - MORNING\n\nEmma is making pancakes. Leo runs in.\n\n"
        '"Mom, I can\'t find my sock," Leo says.\n\n'
        'Emma flips a pancake. "Did you check under the bed?"\n\n'
        "The doorbell rings. Mr. Patel holds an old pocket watch.\n\n"
        '"This came by mistake," Mr. Patel says.\n\nThe sign reads "OPEN".\n'
    )
    analysis = analyse_script(script, "en")
    assert [shot.dialogue for shot in analysis.shots if shot.dialogue] == [
        "Leo: Mom, I can't find my sock",
        "Emma: Did you check under the bed?",
        "Mr. Patel: This came by mistake",
    ]
    assert 'The sign reads "OPEN".' in [shot.action for shot in analysis.shots]
    assert [prop.name for prop in analysis.props] == ["watch"]


def test_chinese_film_format_names_alone_above_their_lines() -> None:
    script = (
        "1. 北方小镇火车站 — 日\n人物：老周、林秋生\n站台上只有一个人——站长老周。\n\n"
        "老周\n（眯着眼）\n秋生？是秋生吧？\n\n林秋生\n周叔。\n\n"
        "5. 火车站老槐树下 — 晨\n林秋生\n我走了。\n老周\n好。（挥了挥手）路上小心。\n"
    )
    analysis = analyse_script(script, "zh")
    assert names(analysis) == ["老周", "林秋生"]
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("北方小镇火车站", "日"),
        ("火车站老槐树下", "晨"),
    ]
    assert [(shot.dialogue, shot.emotion) for shot in analysis.shots if shot.dialogue] == [
        ("老周：秋生？是秋生吧？", "眯着眼"),
        ("林秋生：周叔。", ""),
        ("林秋生：我走了。", ""),
        ("老周：好。路上小心。", "挥了挥手"),
    ]


def test_bracketed_scene_labels_and_audio_drama_lines() -> None:
    script = (
        "《长夜电台》广播剧 第一期\n\n【场景一：电台直播间，深夜】\n音效：电流声。\n"
        "许知夏：欢迎收听。\n\n【场景二：出租车上，凌晨】\n老赵：去哪儿？\n"
    )
    analysis = analyse_script(script, "zh")
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("电台直播间", "深夜"),
        ("出租车上", "凌晨"),
    ]
    assert [shot.dialogue for shot in analysis.shots] == ["许知夏：欢迎收听。", "老赵：去哪儿？"]
    assert analysis.shots[0].sound_effect == "电流声。"


def test_fountain_notes_boneyard_synopses_forced_headings_and_dual_dialogue() -> None:
    script = (
        "INT. KEEPER'S ROOM - DAY\n\n= Nora returns to the island.\n\n"
        "[[Consider opening on the lighthouse.]]\n\n/* Cut scene: Nora buys cigarettes.\n"
        "She hasn't smoked in years. */\n\nNORA\nYou kept it.\n\nELI ^\nSomeone had to.\n\n"
        ".FLASHBACK - LIGHTHOUSE - NIGHT\n\nThe lamp turns.\n\n> THE END <\n"
    )
    analysis = analyse_script(script, "en")
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("Keeper's Room", "day"),
        ("Flashback - Lighthouse", "night"),
    ]
    assert lines(analysis) == [
        ("Nora speaks", "Nora: You kept it."),
        ("Eli speaks", "Eli: Someone had to."),
        ("The lamp turns.", ""),
    ]


def test_sitcom_capitals_and_stage_directions_keep_their_place() -> None:
    script = (
        "ACT ONE\n\nSCENE A\n\nINT. GREG'S APARTMENT - KITCHEN - MORNING\n\n(Greg, Marcus)\n\n"
        "Greg cooks.\n\n(KNOCK AT THE DOOR)\n\nMARCUS\n(beat)\nI'll get it.\n\n"
        "SHE WALKS OFF. GREG STARES AFTER HER.\n"
    )
    analysis = analyse_script(script, "en")
    assert names(analysis) == ["Marcus"]
    assert analysis.scenes[0].location == "Greg's Apartment - Kitchen"
    assert [(shot.action, shot.dialogue, shot.emotion) for shot in analysis.shots] == [
        ("Greg cooks.", "", ""),
        ("KNOCK AT THE DOOR", "", ""),
        ("Marcus speaks", "Marcus: I'll get it.", ""),
        ("SHE WALKS OFF. GREG STARES AFTER HER.", "", ""),
    ]


def test_speech_wrapped_over_lines_stays_one_line() -> None:
    screenplay = (
        "INT. HOSPITAL CORRIDOR - NIGHT\n\nHannah walks fast\ndown the corridor.\n\n"
        "HANNAH\nI need the results before\nmidnight.\n\nNURSE OKAFOR\n(hurrying, out of breath\n"
        "from the stairs)\nThey said an hour.\n\nShe pushes open the door.\n"
    )
    analysis = analyse_script(screenplay, "en")
    assert [(shot.action, shot.dialogue, shot.emotion) for shot in analysis.shots] == [
        ("Hannah walks fast down the corridor.", "", ""),
        ("Hannah speaks", "Hannah: I need the results before midnight.", ""),
        (
            "Nurse Okafor speaks, hurrying, out of breath from the stairs",
            "Nurse Okafor: They said an hour.",
            "hurrying, out of breath from the stairs",
        ),
        ("She pushes open the door.", "", ""),
    ]
    chinese = analyse_script(
        "第一场 客厅 夜\n李雷：我等了你一整晚，\n你连个电话都不打。\n李雷坐下。\n", "zh"
    )
    assert [shot.dialogue for shot in chinese.shots] == [
        "李雷：我等了你一整晚，你连个电话都不打。",
        "",
    ]


def test_stage_directions_entrances_and_who_is_in_a_shot() -> None:
    script = (
        "第一场 客厅 夜\n李雷：你好，韩梅梅。\n（众人叫好）\n韩梅梅：是刘总让我来的。\n"
        "年轻警员小张\n（推门进来）\n小张：王队，监控调出来了。\n"
    )
    analysis = analyse_script(script, "zh")
    assert [(shot.action, shot.dialogue, shot.emotion) for shot in analysis.shots] == [
        ("李雷开口说话", "李雷：你好，韩梅梅。", ""),
        ("众人叫好", "", ""),
        ("韩梅梅开口说话", "韩梅梅：是刘总让我来的。", ""),
        ("年轻警员小张推门进来", "", ""),
        ("小张开口说话", "小张：王队，监控调出来了。", ""),
    ]
    cast = [[analysis.characters[i - 1].name for i in shot.characters] for shot in analysis.shots]
    assert cast[0] == ["李雷", "韩梅梅"]
    assert cast[2] == ["韩梅梅"]


def test_names_with_digits_roles_and_scene_numbers() -> None:
    script = (
        "12 INT. POLICE STATION - NIGHT 12\n\nOFFICER 2\nYou hear about it?\n\n"
        "DJ KHALED 3000 (V.O.)\nHot night!\n\n14A INT. TOM'S BEDROOM - CONTINUOUS 14A\n\n"
        "Tom sleeps.\n"
    )
    analysis = analyse_script(script, "en")
    assert names(analysis) == ["Officer 2", "Dj Khaled 3000"]
    assert [(s.location, s.time) for s in analysis.scenes] == [
        ("Police Station", "night"),
        ("Tom's Bedroom", "night"),
    ]
    chinese = analyse_script(
        "1. 婚礼现场 日 外\n服务员1号：请用茶。\n新郎 陈浩（紧张）：我去看看。\n伴郎阿K：别急。\n"
        "【场景二：出租车内，雨夜】\n转场：黑屏。\n【陈浩、伴郎阿K】（同时笑了）\n",
        "zh",
    )
    assert names(chinese) == ["服务员1号", "陈浩", "伴郎阿K"]
    assert [(s.location, s.time) for s in chinese.scenes][1] == ("出租车内", "雨夜")
    assert chinese.shots[-1].action == "陈浩、伴郎阿K同时笑了"


def test_prose_with_speaker_lines_and_actions_before_the_colon() -> None:
    story = (
        "周六上午，林小满站在公寓门口。对门的陆远探出头来。\n"
        "林小满：不用了，谢谢。\n陆远：别客气。\n\n"
        "晚上，林小满敲开了陆远的门。\n陆远笑了：进来坐吧。\n\n"
        "“我是插画师。”林小满说，“在家工作。”\n"
    )
    analysis = analyse_script(story, "zh")
    assert names(analysis) == ["林小满", "陆远"]
    assert [shot.dialogue for shot in analysis.shots if shot.dialogue] == [
        "林小满：不用了，谢谢。",
        "陆远：别客气。",
        "陆远：进来坐吧。",
        "林小满：我是插画师。在家工作。",
    ]
    assert "陆远开口说话，笑了" in [shot.action for shot in analysis.shots]


def test_sitcom_scene_letters_are_not_shots() -> None:
    script = "INT. BAR - NIGHT\n\nGREG\nHi.\n\nSCENE B\n\nINT. KITCHEN - DAY\n\nGREG\nBye.\n"
    analysis = analyse_script(script, "en")
    assert lines(analysis) == [("Greg speaks", "Greg: Hi."), ("Greg speaks", "Greg: Bye.")]
