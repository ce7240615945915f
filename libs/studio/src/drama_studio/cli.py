"""``drama-studio``: run the embedded stack and turn a script into an episode."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import httpx
from rich.console import Console

from drama_common.logging import configure_logging
from drama_studio import report, stack
from drama_studio.client import StudioClient
from drama_studio.paths import StudioSettings
from drama_studio.pipeline import StageFailed, Where, run_episode
from drama_studio.processes import ProcessFailed
from drama_studio.texts import text

LANGUAGES = ("zh", "en")
HTTP_TIMEOUT_S = 120.0


class ScriptError(ValueError):
    """The script to run cannot be read or is empty."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drama-studio", description="AI short-drama studio: embedded stack and pipeline"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (
        ("up", "start the embedded stack"),
        ("down", "stop it"),
        ("status", "show its processes"),
    ):
        command = commands.add_parser(name, help=helptext)
        command.add_argument("--language", choices=LANGUAGES, default="zh")
    demo = commands.add_parser("demo", help="make an episode from a script (bundled by default)")
    demo.add_argument("script", nargs="?", type=Path, help="script file (UTF-8 text)")
    run = commands.add_parser("run", help="make an episode from a script file")
    run.add_argument("script", type=Path, help="script file (UTF-8 text)")
    for command in (demo, run):
        command.add_argument("--language", choices=LANGUAGES, default="zh")
        command.add_argument("--title", help="drama title")
        command.add_argument(
            "--no-up",
            action="store_true",
            help="use the running API at DRAMA_API_URL without starting a stack "
            "(the episode is downloaded from its gateway)",
        )
    return parser


def bundled_script(language: str) -> str:
    name = "en_demo.txt" if language == "en" else "zh_demo.txt"
    return (resources.files("drama_studio") / "scripts" / name).read_text(encoding="utf-8")


def load_script(path: Path | None, language: str) -> str:
    """The script text: the given file, or the bundled demo script of ``language``."""
    if path is None:
        script = bundled_script(language)
    else:
        try:
            script = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ScriptError(text("no_script", language, path=path)) from exc
        except UnicodeDecodeError as exc:
            raise ScriptError(text("not_utf8", language, path=path)) from exc
    if not script.strip():
        raise ScriptError(text("empty_script", language, path=path or "demo"))
    return script


def drama_title(args: argparse.Namespace) -> str:
    if args.title:
        return str(args.title)
    if args.script is not None:
        return str(args.script.stem)
    return text("demo_title", args.language)


def cmd_up(settings: StudioSettings, console: Console, language: str) -> int:
    try:
        with console.status(text("starting", language)):
            result = stack.up(settings)
    except ProcessFailed as exc:
        report.show_process_failure(console, exc.name, exc.reason, exc.log_tail, language)
        return 1
    if result.already_up:
        report.show_message(console, text("already_up", language))
    else:
        report.show_message(console, text("started", language, names=", ".join(result.started)))
    report.show_message(console, text("ready", language, url=settings.embedded_api_base))
    return 0


def cmd_down(settings: StudioSettings, console: Console, language: str) -> int:
    stopped = stack.down(settings)
    key = "stopped" if stopped else "nothing_running"
    report.show_message(console, text(key, language, names=", ".join(stopped)))
    return 0


def cmd_status(settings: StudioSettings, console: Console, language: str) -> int:
    console.print(report.status_table(stack.status(settings), language))
    return 0


def episode_source(settings: StudioSettings, own_stack: bool) -> Where:
    """Where the finished episode is taken from.

    The API names the merge by its storage key (``videos/merged/merge-<id>.mp4``), which is
    the same on every stack. So the local storage folder is read in place only when
    ``own_stack`` (this command brought up the embedded stack of its data folder) and the
    pipeline talks to that stack's gateway: then the key names a file that stack wrote. Any
    other API (``--no-up``, or ``DRAMA_API_URL`` naming another gateway) may keep its files
    elsewhere, so a local file of that name proves nothing and the episode is downloaded from
    the gateway into the output folder.
    """
    reads_own_storage = own_stack and settings.api_base == settings.embedded_api_base
    storage = stack.storage_root(settings) if reads_own_storage else None
    return Where(storage, settings.layout.output)


async def drive(
    settings: StudioSettings,
    console: Console,
    script: str,
    title: str,
    language: str,
    where: Where,
) -> int:
    async with httpx.AsyncClient(base_url=settings.api_base, timeout=HTTP_TIMEOUT_S) as http:
        try:
            with report.StageBars(console, language) as bars:
                run = await run_episode(StudioClient(http), script, title, language, where, bars)
        except StageFailed as exc:
            report.show_failure(console, exc.stage, exc.reason, language)
            return 1
    report.show_summary(console, run, language)
    if run.file is None:
        return 1
    report.show_final_path(console, run.file)
    return 0


def cmd_pipeline(args: argparse.Namespace, settings: StudioSettings, console: Console) -> int:
    try:
        script = load_script(args.script, args.language)
    except ScriptError as exc:
        report.show_message(console, str(exc))
        return 1
    if not args.no_up and cmd_up(settings, console, args.language) != 0:
        return 1
    where = episode_source(settings, own_stack=not args.no_up)
    return asyncio.run(drive(settings, console, script, drama_title(args), args.language, where))


def dispatch(args: argparse.Namespace) -> int:
    settings = StudioSettings()
    console = Console()
    if args.command == "up":
        return cmd_up(settings, console, args.language)
    if args.command == "down":
        return cmd_down(settings, console, args.language)
    if args.command == "status":
        return cmd_status(settings, console, args.language)
    return cmd_pipeline(args, settings, console)


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    configure_logging("studio", "WARNING", json=False)
    sys.exit(dispatch(args))


if __name__ == "__main__":
    main()
