"""The ``audio.extract`` method: a video's soundtrack as a stored AAC file."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import structlog

from drama_common.errors import (
    BadRequest,
    InternalError,
    PermanentProviderError,
    ServiceUnavailable,
    TransientProviderError,
)
from drama_common.i18n import translate
from drama_common.storage import ObjectStorage
from drama_media.audio import extract_audio
from drama_media.errors import MediaError, ProbeFailed
from drama_media.probe import probe
from drama_media.runner import RunLimits
from drama_media.settings import MediaSettings
from drama_media.sources import fetch_to_file, scratch_dir

log = structlog.get_logger()
AAC = "audio/aac"


def audio_key() -> str:
    """A fresh key per extraction, so two extractions never overwrite each other."""
    return f"audios/audio-{uuid.uuid4().hex}.aac"


class AudioWork:
    def __init__(
        self, settings: MediaSettings, storage: ObjectStorage, http: httpx.AsyncClient
    ) -> None:
        self._settings = settings
        self._storage = storage
        self._http = http
        self._limits = RunLimits(
            wall_seconds=settings.audio_wall_s, stall_seconds=settings.ffmpeg_stall_s
        )

    async def extract(self, params: dict[str, Any]) -> dict[str, Any]:
        """Params ``video_url`` (a ``/static/`` URL, a storage key or an http(s) URL) and
        ``language``; answers ``audio_url``, ``local_path`` and ``duration`` (seconds)."""
        source = params.get("video_url")
        language = str(params.get("language") or self._settings.language)
        if not isinstance(source, str) or not source.strip():
            raise BadRequest(detail=translate("validation", language, reason="video_url"))
        async with scratch_dir(self._settings.work_dir, "audio-") as folder:
            video = folder / "source.video"
            try:
                await fetch_to_file(
                    source.strip(),
                    video,
                    self._storage,
                    self._http,
                    allow_private=self._settings.allow_private_urls,
                )
            except PermanentProviderError as error:
                raise BadRequest(detail=unreadable(language, error.message)) from error
            except TransientProviderError as error:
                raise ServiceUnavailable(detail=unreadable(language, error.message)) from error
            await self._check_source(video, language)
            output = folder / "audio.aac"
            try:
                info = await extract_audio(video, output, "aac", limits=self._limits)
            except MediaError as error:
                raise InternalError(detail=error.message(language)) from error
            key = audio_key()
            await self._storage.put_file(key, output, AAC)
        log.info("media.audio.stored", key=key, seconds=round(info.duration, 3))
        return {
            "audio_url": f"/static/{key}",
            "local_path": key,
            "duration": round(info.duration, 3),
        }

    async def _check_source(self, video: Path, language: str) -> None:
        """Refuse what is not a timed media file (an image also probes as a video)."""
        try:
            info = await probe(video)
        except ProbeFailed as error:
            raise BadRequest(detail=unreadable(language, error.reason)) from error
        if (
            info.duration <= 0
            or info.format_name.endswith("_pipe")
            or info.format_name
            in (
                "image2",
                "gif",
                "webp",
            )
        ):
            raise BadRequest(detail=unreadable(language, "not a video"))


def unreadable(language: str, reason: str) -> str:
    return translate("audio_source", language, reason=reason)
