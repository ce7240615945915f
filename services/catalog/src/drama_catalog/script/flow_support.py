"""What every script flow shares: the task it reports to, the text model it asks, and how
its failures read.

A flow raises :class:`FlowFailure` with a readable reason (naming the provider and the model
when one was asked); the runner turns it into a failed task. A transient provider error is
re-raised while the job has deliveries left, so the consumer runs the job again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession

from drama_catalog.context import CatalogContext
from drama_catalog.generation.configs import LOCAL, ranked_configs
from drama_catalog.models import AsyncTask, utcnow
from drama_catalog.script.llm_json import ModelReplyError, ModelReplyTruncated, parse_model_json
from drama_catalog.script.prompt_base import Language, Prompt
from drama_catalog.script.text_client import complete
from drama_common.errors import ProviderError
from drama_common.provider_models import ProviderSettings
from drama_common.url_guard import UrlRefused, check_url

log = structlog.get_logger()
Parsed = TypeVar("Parsed")
MESSAGE_LIMIT = 500


class FlowFailure(Exception):
    """The flow cannot finish; ``reason`` is shown to the user on the task."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class TextModel:
    """The text model a flow asks: a configured provider, or ``None`` for the local analyser."""

    settings: ProviderSettings | None

    @property
    def is_local(self) -> bool:
        return self.settings is None

    @property
    def label(self) -> str:
        if self.settings is None:
            return LOCAL
        return f"{self.settings.provider}/{self.settings.model or '?'}"


@dataclass
class FlowRun:
    """One run of one job: the task it reports to and the job's parameters."""

    context: CatalogContext
    task_id: str
    params: dict[str, Any]
    last_attempt: bool = True

    @property
    def language(self) -> Language:
        return "en" if self.context.language == "en" else "zh"

    def say(self, zh: str, en: str) -> str:
        return en if self.language == "en" else zh

    def int_param(self, key: str, default: int = 0) -> int:
        value = self.params.get(key)
        text = str(value).strip() if value is not None else ""
        return int(text) if text.isascii() and text.isdigit() else default

    def text_param(self, key: str) -> str:
        value = self.params.get(key)
        return value.strip() if isinstance(value, str) else ""

    async def progress(self, percent: int, message: str) -> None:
        """The task is ``processing`` at ``percent`` with ``message``."""
        async with self.context.transaction() as session:
            task = await session.get(AsyncTask, self.task_id)
            if task is not None:
                task.status, task.progress = "processing", percent
                task.message = message[:MESSAGE_LIMIT]

    async def complete(self, session: AsyncSession, result: Any) -> None:
        """Mark the task completed with ``result`` inside the caller's transaction."""
        task = await session.get(AsyncTask, self.task_id)
        if task is None:
            return
        task.status, task.progress, task.completed_at = "completed", 100, utcnow()
        task.result = json.dumps(result, ensure_ascii=False, default=str)
        task.error = None

    async def fail(self, reason: str) -> None:
        """Mark the task failed; the reason goes to both ``error`` and ``message``."""
        await fail_task(self.context, self.task_id, reason)


async def fail_task(context: CatalogContext, task_id: str, reason: str) -> None:
    async with context.transaction() as session:
        task = await session.get(AsyncTask, task_id)
        if task is None or task.status not in ("pending", "processing"):
            return
        task.status, task.progress, task.completed_at = "failed", 0, utcnow()
        task.error = reason
        task.message = reason[:MESSAGE_LIMIT]
    log.warning("script.task_failed", task_id=task_id, reason=reason)


async def text_model(context: CatalogContext, wanted: str = "") -> TextModel:
    """The active text config for ``wanted`` (a model name), else the default one; none
    configured (or a ``local`` provider) means the offline analyser (flows.md §0.4)."""
    async with context.reading() as session:
        configs = await ranked_configs(session, "text")
    if not configs:
        return TextModel(None)
    wanted = wanted.strip()
    chosen = next((c for c in configs if wanted and wanted in (c.model or [])), configs[0])
    provider = (chosen.provider or "").strip().lower() or LOCAL
    if provider == LOCAL:
        return TextModel(None)
    model = wanted if wanted in (chosen.model or []) else (chosen.model or [""])[0]
    return TextModel(
        ProviderSettings(
            config_id=chosen.id,
            provider=provider,
            base_url=chosen.base_url or "",
            api_key=SecretStr(chosen.api_key or ""),
            model=model,
            endpoint=chosen.endpoint or "",
            query_endpoint=chosen.query_endpoint or "",
        )
    )


def _reply_failure(run: FlowRun, model: TextModel, error: ModelReplyError) -> FlowFailure:
    if isinstance(error, ModelReplyTruncated):
        what = run.say("模型回复被截断", "the model reply was cut off")
    else:
        what = run.say("模型回复无法解析", "the model reply could not be read")
    return FlowFailure(f"{model.label}: {what}: {error.message}")


async def ask_json(
    run: FlowRun,
    model: TextModel,
    prompt: Prompt,
    read: Callable[[Any], Parsed],
    *,
    temperature: float | None = 0.7,
    max_tokens: int | None = None,
) -> Parsed:
    """Ask ``model`` with ``prompt`` and read its JSON reply with ``read``.

    Raises :class:`FlowFailure` for a refused URL, a permanent provider error (or a transient
    one on the last delivery) and a reply that is cut off, malformed or of the wrong shape.
    """
    settings = model.settings
    if settings is None:
        raise ValueError("ask_json needs a configured text model")
    if settings.base_url:
        try:
            await check_url(
                settings.base_url, allow_private=run.context.settings.allow_private_urls
            )
        except UrlRefused as error:
            raise FlowFailure(f"{model.label}: {error.reason}") from None
    try:
        answer = await complete(
            settings,
            prompt.system,
            prompt.user,
            temperature=temperature,
            max_tokens=max_tokens,
            request_timeout=run.context.settings.text_timeout_s,
        )
    except ProviderError as error:
        if error.transient and not run.last_attempt:
            raise
        prefix = run.say("AI 调用失败", "AI request failed")
        raise FlowFailure(f"{prefix}: {error.message}") from None
    try:
        return read(parse_model_json(answer.text, answer.finish_reason))
    except ModelReplyError as error:
        raise _reply_failure(run, model, error) from None
