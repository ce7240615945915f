from __future__ import annotations

import pytest

from drama_catalog.script.llm_json import (
    ModelReplyError,
    ModelReplySyntaxError,
    ModelReplyTruncated,
    clean_text,
    parse_model_json,
)


def test_fenced_json_is_unwrapped() -> None:
    reply = '好的，结果如下：\n```json\n[{"name": "林晓", "role": "main"}]\n```\n希望有帮助。'
    assert parse_model_json(reply, "stop") == [{"name": "林晓", "role": "main"}]


def test_plain_fence_without_language_tag() -> None:
    assert parse_model_json('```\n{"a": 1}\n```', None) == {"a": 1}


def test_prose_around_the_value_is_ignored() -> None:
    reply = 'Here are the scenes you asked for: {"backgrounds": [{"location": "pier"}]} Enjoy!'
    assert parse_model_json(reply, "stop") == {"backgrounds": [{"location": "pier"}]}


def test_brackets_in_prose_do_not_hide_the_real_value() -> None:
    reply = 'Notes [see below] then {"x": "y]", "n": 2}'
    assert parse_model_json(reply, "stop") == {"x": "y]", "n": 2}


def test_trailing_commas_are_tolerated() -> None:
    reply = '{"storyboards": [{"shot_number": 1, "title": "开场",}, ], "done": true,}'
    assert parse_model_json(reply, "stop") == {
        "storyboards": [{"shot_number": 1, "title": "开场"}],
        "done": True,
    }


def test_comma_inside_a_string_is_kept() -> None:
    assert parse_model_json('{"dialogue": "wait,}"}', "stop") == {"dialogue": "wait,}"}


def test_one_surplus_closing_brace_at_the_end() -> None:
    assert parse_model_json('{"a": {"b": 1}}}', "stop") == {"a": {"b": 1}}


def test_one_surplus_closing_brace_inside_an_array() -> None:
    assert parse_model_json('[{"a": 1}}, {"a": 2}]', "stop") == [{"a": 1}, {"a": 2}]


def test_cjk_text_stays_intact() -> None:
    reply = '{"description": "雨夜，旧书店里亮着一盏灯——“等雨停了”。", "emoji": "☔"}'
    value = parse_model_json(reply, "stop")
    assert value["description"] == "雨夜，旧书店里亮着一盏灯——“等雨停了”。"
    assert value["emoji"] == "☔"


def test_finish_reason_length_is_truncation_even_if_json_is_complete() -> None:
    with pytest.raises(ModelReplyTruncated, match="length"):
        parse_model_json('{"a": 1}', "length")


@pytest.mark.parametrize(
    "reply",
    [
        '[{"name": "林晓"}, {"name": "周',
        '{"storyboards": [{"shot_number": 1}, {"shot_number": 2',
        '```json\n{"a": [1, 2, 3',
    ],
)
def test_open_structures_are_truncation(reply: str) -> None:
    with pytest.raises(ModelReplyTruncated) as caught:
        parse_model_json(reply, "stop")
    assert isinstance(caught.value, ModelReplyError)
    assert "truncated" in caught.value.message


@pytest.mark.parametrize(
    "reply",
    ["", "   ", "I cannot help with that.", "{:::}", '{"a" 1 "b"}'],
)
def test_other_invalid_replies_are_syntax_errors(reply: str) -> None:
    with pytest.raises(ModelReplySyntaxError) as caught:
        parse_model_json(reply, "stop")
    assert caught.value.message
    assert not isinstance(caught.value, ModelReplyTruncated)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("null", None),
        ("NULL", None),
        ("undefined", None),
        (" Undefined ", None),
        ("林晓", "林晓"),
        ("  x  ", "x"),
        (5, "5"),
        ("nullable", "nullable"),
    ],
)
def test_clean_text(value: object, expected: str | None) -> None:
    assert clean_text(value) == expected
