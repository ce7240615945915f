"""The provider task id of each video job, kept in a JetStream key-value bucket.

It is written right after a submit and before the first poll, so a worker that restarts
resumes polling the same paid job instead of submitting it again.
"""

from __future__ import annotations

import nats.js.errors
from nats.js import JetStreamContext
from nats.js.api import KeyValueConfig, StorageType
from nats.js.kv import KeyValue

from drama_common.messages import subjects


class SubmissionLedger:
    def __init__(self, kv: KeyValue) -> None:
        self._kv = kv

    @classmethod
    async def open(cls, js: JetStreamContext, replicas: int = 1) -> SubmissionLedger:
        try:
            kv = await js.key_value(subjects.VIDEO_LEDGER_BUCKET)
        except nats.js.errors.BucketNotFoundError:
            kv = await js.create_key_value(
                KeyValueConfig(
                    bucket=subjects.VIDEO_LEDGER_BUCKET,
                    storage=StorageType.FILE,
                    replicas=replicas,
                    ttl=7 * 24 * 3600.0,
                )
            )
        return cls(kv)

    async def task_of(self, generation_id: int) -> str | None:
        try:
            entry = await self._kv.get(str(generation_id))
        except nats.js.errors.KeyNotFoundError:
            return None
        return entry.value.decode() if entry.value else None

    async def record(self, generation_id: int, task_id: str) -> None:
        await self._kv.put(str(generation_id), task_id.encode())
