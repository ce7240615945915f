"""The main job: a script in, an episode file out, through the public API only.

Each stage starts work with one call and polls until it ends (api.md §3 for tasks, §2.12-2.14
for image, video and merge records). Any failure stops the run as :class:`StageFailed`.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import httpx

from drama_studio.client import ApiError, JobFailed, JobTimeout, Record, StudioClient
from drama_studio.paths import UnsafeStorageKey, download_url, resolve_episode_file
from drama_studio.texts import text

T = TypeVar("T")
CHARACTER_BATCH = 10
PROMPT_MIN, PROMPT_MAX = 5, 2000


class Observer(Protocol):
    """Told about stage progress; ``total`` is ``None`` until the stage knows its size."""

    def stage_started(self, stage: str, total: int | None) -> None: ...

    def stage_progress(self, stage: str, completed: int, total: int | None = None) -> None: ...

    def stage_finished(self, stage: str, seconds: float) -> None: ...


class QuietObserver:
    """An observer that shows nothing."""

    def stage_started(self, stage: str, total: int | None) -> None:
        return None

    def stage_progress(self, stage: str, completed: int, total: int | None = None) -> None:
        return None

    def stage_finished(self, stage: str, seconds: float) -> None:
        return None


class StageFailed(RuntimeError):
    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason


@dataclass(frozen=True)
class Shot:
    id: int
    number: int
    title: str
    duration: int


@dataclass
class EpisodeRun:
    """What a run produced; ``file`` is the finished episode on this machine."""

    drama_id: int = 0
    episode_id: int = 0
    shots: list[Shot] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    video_url: str = ""
    file: Path | None = None


@dataclass(frozen=True)
class Where:
    """Where the finished file comes from: read in place under ``storage_root`` (only set
    when that folder is certainly the stack's own storage), else downloaded into
    ``output_dir``."""

    storage_root: Path | None
    output_dir: Path


def shot_prompt(storyboard: Record) -> str:
    for key in ("video_prompt", "action", "description", "title"):
        value = str(storyboard.get(key) or "").strip()
        if len(value) >= PROMPT_MIN:
            return value[:PROMPT_MAX]
    return f"Shot {storyboard.get('storyboard_number', '')}: {storyboard.get('title') or ''}"


def image_reference(image: Record) -> str | None:
    """How a completed image is handed to a video job: ``/static/<local_path>`` or its URL."""
    if image.get("local_path"):
        return f"/static/{image['local_path']}"
    url = image.get("image_url")
    return str(url) if url else None


class Pipeline:
    def __init__(self, client: StudioClient, observer: Observer | None = None) -> None:
        self.client = client
        self.observer: Observer = observer or QuietObserver()
        self.run = EpisodeRun()

    async def _stage(self, stage: str, work: Callable[[], Awaitable[T]]) -> T:
        self.observer.stage_started(stage, None)
        started = time.monotonic()
        try:
            result = await work()
        except (ApiError, JobFailed, JobTimeout, UnsafeStorageKey, httpx.HTTPError) as exc:
            raise StageFailed(stage, str(exc)) from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise StageFailed(stage, f"unexpected answer: {exc!r}") from exc
        seconds = time.monotonic() - started
        self.run.stage_seconds[stage] = seconds
        self.observer.stage_finished(stage, seconds)
        return result

    def _progress(self, stage: str, total: int | None = None) -> Callable[[int], None]:
        def report(completed: int) -> None:
            self.observer.stage_progress(stage, completed, total)

        return report

    async def execute(self, script: str, title: str, language: str, where: Where) -> EpisodeRun:
        await self._stage("setup", lambda: self.setup(script, title, language))
        episode = self.run.episode_id
        await self._task_stage("characters", f"/episodes/{episode}/characters/extract")
        await self._task_stage("scenes", f"/images/episode/{episode}/backgrounds/extract")
        await self._task_stage("props", f"/episodes/{episode}/props/extract")
        await self._task_stage("storyboards", f"/episodes/{episode}/storyboards")
        await self._stage("character_images", self.character_images)
        await self._stage("scene_images", self.scene_images)
        images = await self._stage("shot_images", self.shot_images)
        await self._stage("videos", lambda: self.videos(images))
        await self._stage("merge", self.merge)
        self.run.file = await self._stage("download", lambda: self.fetch(where))
        return self.run

    async def setup(self, script: str, title: str, language: str) -> None:
        await self.client.put("/settings/language", {"language": language})
        drama = await self.client.post("/dramas", {"title": title})
        self.run.drama_id = int(drama["id"])
        episode = {
            "episode_number": 1,
            "title": text("episode_title", language, number=1),
            "script_content": script,
        }
        await self.client.put(f"/dramas/{self.run.drama_id}/episodes", {"episodes": [episode]})
        detail = await self.client.get(f"/dramas/{self.run.drama_id}")
        first = [e for e in detail.get("episodes") or [] if e.get("episode_number") == 1]
        if not first:
            raise ValueError("the saved episode is missing from the drama")
        self.run.episode_id = int(first[0]["id"])

    async def _task_stage(self, stage: str, path: str) -> Any:
        async def work() -> Any:
            self.observer.stage_progress(stage, 0, 100)
            started = await self.client.post(path)
            return await self.client.wait_task(str(started["task_id"]), self._progress(stage))

        return await self._stage(stage, work)

    async def character_images(self) -> None:
        drama = self.run.drama_id
        characters = await self.client.get(f"/dramas/{drama}/characters") or []
        ids = [int(c["id"]) for c in characters]
        self.observer.stage_progress("character_images", 0, len(ids))
        for start in range(0, len(ids), CHARACTER_BATCH):
            batch = [str(i) for i in ids[start : start + CHARACTER_BATCH]]
            await self.client.post("/characters/batch-generate-images", {"character_ids": batch})
        if not ids:
            return

        # The batch route creates its records in the background: find each character's newest.
        async def newest() -> dict[int, Record] | None:
            records = await self.client.list_all("/images", drama_id=drama)
            found: dict[int, Record] = {}
            for record in records:
                owner = record.get("character_id")
                if record.get("image_type") == "character" and owner in ids:
                    found.setdefault(int(owner), record)
            return found if len(found) == len(ids) else None

        records = await self.client.wait_for(newest, "character image records")
        paths = [f"/images/{record['id']}" for record in records.values()]
        await self.client.wait_records(paths, on_progress=self._progress("character_images"))

    async def scene_images(self) -> None:
        """A background image for each scene of the episode (what the editor shows beside the
        shots; the shot frames are drawn on their own)."""
        scenes = await self.client.get(f"/images/episode/{self.run.episode_id}/backgrounds") or []
        self.observer.stage_progress("scene_images", 0, len(scenes))
        started: list[Record] = []
        for scene in scenes:
            started.extend(await self.client.post(f"/images/scene/{scene['id']}") or [])
        paths = [f"/images/{record['id']}" for record in started]
        await self.client.wait_records(paths, on_progress=self._progress("scene_images"))

    async def shot_images(self) -> dict[int, Record]:
        started = await self.client.post(f"/images/episode/{self.run.episode_id}/batch") or []
        self.observer.stage_progress("shot_images", 0, len(started))
        paths = [f"/images/{record['id']}" for record in started]
        done = await self.client.wait_records(paths, on_progress=self._progress("shot_images"))
        by_shot: dict[int, Record] = {}
        for record in sorted(done.values(), key=lambda r: int(r["id"])):
            if record.get("storyboard_id") is not None:
                by_shot[int(record["storyboard_id"])] = record
        return by_shot

    async def videos(self, images: dict[int, Record]) -> None:
        listing = await self.client.get(f"/episodes/{self.run.episode_id}/storyboards")
        storyboards = listing.get("storyboards") or []
        if not storyboards:
            raise ValueError("the episode has no shots")
        self.run.shots = [
            Shot(
                int(s["id"]),
                int(s.get("storyboard_number") or 0),
                str(s.get("title") or ""),
                int(s.get("duration") or 0),
            )
            for s in storyboards
        ]
        self.observer.stage_progress("videos", 0, len(storyboards))
        paths = []
        for storyboard in storyboards:
            body: dict[str, Any] = {
                "drama_id": str(self.run.drama_id),
                "storyboard_id": int(storyboard["id"]),
                "prompt": shot_prompt(storyboard),
                "duration": int(storyboard.get("duration") or 0),
            }
            image = images.get(int(storyboard["id"]))
            reference = image_reference(image) if image else None
            if reference:
                body["image_url"] = reference
            video = await self.client.post("/videos", body)
            paths.append(f"/videos/{video['id']}")
        await self.client.wait_records(paths, on_progress=self._progress("videos"))

    async def merge(self) -> None:
        self.observer.stage_progress("merge", 0, 1)
        started = await self.client.post(f"/episodes/{self.run.episode_id}/finalize")
        await self.client.wait_records(
            [f"/video-merges/{started['merge_id']}"],
            unwrap=lambda data: dict(data["merge"]),
            on_progress=self._progress("merge"),
        )

    async def fetch(self, where: Where) -> Path:
        answer = await self.client.raw("GET", f"/episodes/{self.run.episode_id}/download")
        self.run.video_url = str(answer["video_url"])
        local = resolve_episode_file(self.run.video_url, where.storage_root)
        if local is not None and local.is_file():
            return local
        target = where.output_dir.resolve() / f"episode-{self.run.episode_id}.mp4"
        await self.client.download(download_url(self.run.video_url, self.client.origin), target)
        return target


async def run_episode(
    client: StudioClient,
    script: str,
    title: str,
    language: str,
    where: Where,
    observer: Observer | None = None,
) -> EpisodeRun:
    """Run the whole pipeline for one script; raises :class:`StageFailed` on any failure."""
    return await Pipeline(client, observer).execute(script, title, language, where)
