"""Argument parsing, script loading and the CLI's answers that need no stack."""

from __future__ import annotations

from pathlib import Path

import pytest

from drama_studio.cli import (
    ScriptError,
    build_parser,
    dispatch,
    drama_title,
    episode_source,
    load_script,
)
from drama_studio.paths import StudioSettings


def test_demo_defaults_to_the_bundled_script_in_chinese() -> None:
    args = build_parser().parse_args(["demo"])
    assert (args.command, args.script, args.language, args.title) == ("demo", None, "zh", None)
    assert args.no_up is False
    assert drama_title(args) == "演示短剧"


def test_demo_takes_a_script_language_and_title() -> None:
    args = build_parser().parse_args(
        ["demo", "story.txt", "--language", "en", "--title", "Night Train", "--no-up"]
    )
    assert args.script == Path("story.txt")
    assert (args.language, args.title, args.no_up) == ("en", "Night Train", True)
    assert drama_title(args) == "Night Train"


def test_run_needs_a_script_and_titles_the_drama_after_it() -> None:
    args = build_parser().parse_args(["run", "scripts/雨夜.txt"])
    assert args.command == "run" and drama_title(args) == "雨夜"
    with pytest.raises(SystemExit) as missing:
        build_parser().parse_args(["run"])
    assert missing.value.code == 2


@pytest.mark.parametrize(
    "argv", [["demo", "--language", "fr"], ["launch"], [], ["status", "--title", "x"]]
)
def test_bad_arguments_exit_with_usage_errors(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as failure:
        build_parser().parse_args(argv)
    assert failure.value.code == 2


@pytest.mark.parametrize("command", ["up", "down", "status"])
def test_stack_commands_take_a_language(command: str) -> None:
    assert build_parser().parse_args([command, "--language", "en"]).language == "en"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_bundled_scripts_are_readable(language: str) -> None:
    assert load_script(None, language).strip()


def test_a_script_file_is_read_as_utf8(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text("第一场：雨夜，车站。\n", encoding="utf-8")
    assert load_script(script, "zh") == "第一场：雨夜，车站。\n"


def test_missing_and_empty_scripts_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ScriptError, match="not found"):
        load_script(tmp_path / "absent.txt", "en")
    (tmp_path / "blank.txt").write_text("  \n")
    with pytest.raises(ScriptError, match="empty"):
        load_script(tmp_path / "blank.txt", "en")


def test_run_with_a_missing_script_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args(
        ["run", str(tmp_path / "absent.txt"), "--language", "en", "--no-up"]
    )
    assert dispatch(args) == 1
    assert "absent.txt" in capsys.readouterr().out


def test_only_the_own_embedded_stack_has_its_storage_read_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("STORAGE_BACKEND", "STORAGE_ROOT"):
        monkeypatch.delenv(name, raising=False)
    own = StudioSettings(data_dir=tmp_path / "data", gateway_port=25001)
    assert episode_source(own, own_stack=True).storage_root == (tmp_path / "data/storage").resolve()
    assert episode_source(own, own_stack=False).storage_root is None

    elsewhere = StudioSettings(
        data_dir=tmp_path / "data", gateway_port=25001, api_url="http://127.0.0.1:25678/api/v1"
    )
    assert episode_source(elsewhere, own_stack=True).storage_root is None
    output = episode_source(elsewhere, own_stack=False).output_dir
    assert output == (tmp_path / "data/output").resolve()

    named = StudioSettings(
        data_dir=tmp_path / "data", gateway_port=25001, api_url="http://127.0.0.1:25001/api/v1/"
    )
    assert episode_source(named, own_stack=True).storage_root == own.layout.storage
