"""Stream, subject and consumer names: the one place they are spelled."""

from __future__ import annotations

JOBS_STREAM = "JOBS"
EVENTS_STREAM = "EVENTS"

IMAGE_JOBS = "jobs.image"
VIDEO_JOBS = "jobs.video"
MEDIA_JOBS = "jobs.media"
SCRIPT_JOBS = "jobs.script"

EVENTS = "events.>"
IMAGE_EVENTS = "events.image"
VIDEO_EVENTS = "events.video"
MEDIA_EVENTS = "events.media"

IMAGEGEN_CONSUMER = "imagegen"
VIDEOGEN_CONSUMER = "videogen"
MEDIA_CONSUMER = "media"
SCRIPT_CONSUMER = "catalog-script"
CATALOG_EVENTS_CONSUMER = "catalog-events"

CATALOG_RPC = "rpc.catalog"
MEDIA_RPC = "rpc.media"
CATALOG_QUEUE = "catalog"
MEDIA_QUEUE = "media"

VIDEO_LEDGER_BUCKET = "video_submissions"

JOB_CONSUMERS: dict[str, str] = {
    IMAGE_JOBS: IMAGEGEN_CONSUMER,
    VIDEO_JOBS: VIDEOGEN_CONSUMER,
    MEDIA_JOBS: MEDIA_CONSUMER,
    SCRIPT_JOBS: SCRIPT_CONSUMER,
}
