"""What the studio shows on the console: stage progress bars, summaries and status tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from drama_studio.pipeline import EpisodeRun
from drama_studio.processes import ProcessState
from drama_studio.texts import stage_label, text


class StageBars:
    """One progress bar per pipeline stage (an :class:`~drama_studio.pipeline.Observer`)."""

    def __init__(self, console: Console, language: str) -> None:
        self.language = language
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> StageBars:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def stage_started(self, stage: str, total: int | None) -> None:
        label = stage_label(stage, self.language)
        self.tasks[stage] = self.progress.add_task(label, total=total)

    def stage_progress(self, stage: str, completed: int, total: int | None = None) -> None:
        task = self.tasks[stage]
        if total is not None:
            self.progress.update(task, total=total)
        self.progress.update(task, completed=completed)

    def stage_finished(self, stage: str, seconds: float) -> None:
        task = self.tasks[stage]
        total = next(t.total for t in self.progress.tasks if t.id == task) or 1
        self.progress.update(task, total=total, completed=total)
        self.progress.stop_task(task)


def summary_tables(run: EpisodeRun, language: str) -> tuple[Table, Table]:
    """The shots of the episode, and the time each stage took."""
    shots = Table(title=text("shots", language))
    shots.add_column(text("number", language), justify="right")
    shots.add_column(text("title", language))
    shots.add_column(text("duration", language), justify="right")
    for shot in run.shots:
        shots.add_row(str(shot.number), shot.title, str(shot.duration))
    times = Table(title=text("times", language))
    times.add_column(text("stage", language))
    times.add_column(text("seconds", language), justify="right")
    for stage, seconds in run.stage_seconds.items():
        times.add_row(stage_label(stage, language), f"{seconds:.1f}")
    times.add_row(Text("Σ", style="bold"), f"{sum(run.stage_seconds.values()):.1f}")
    return shots, times


def show_summary(console: Console, run: EpisodeRun, language: str) -> None:
    for table in summary_tables(run, language):
        console.print(table)


def show_final_path(console: Console, path: Path) -> None:
    """The finished file, alone on the last line, unwrapped and unstyled."""
    console.print(str(path), soft_wrap=True, highlight=False, markup=False)


def show_failure(console: Console, stage: str, reason: str, language: str) -> None:
    message = text("stage_failed", language, stage=stage_label(stage, language), reason=reason)
    console.print(Text(message, style="bold red"), soft_wrap=True)


def show_process_failure(
    console: Console, name: str, reason: str, log_tail: str, language: str
) -> None:
    console.print(Text(text("up_failed", language, name=name, reason=reason), style="bold red"))
    console.print(Text(log_tail), soft_wrap=True)


def status_table(states: Sequence[ProcessState], language: str) -> Table:
    table = Table(title=text("status_title", language))
    for column in ("process", "pid", "alive", "health"):
        table.add_column(text(column, language))
    for state in states:
        alive = text("yes" if state.alive else "no", language)
        health = "ok" if state.ready else "-"
        style = "green" if state.ready else ("yellow" if state.alive else "red")
        table.add_row(state.name, str(state.pid or "-"), alive, health, style=style)
    return table


def show_message(console: Console, message: str) -> None:
    console.print(message, soft_wrap=True, highlight=False)
