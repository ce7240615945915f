"""Media errors: each carries a readable reason in Chinese and English."""

from __future__ import annotations

from typing import Any

_MESSAGES: dict[str, tuple[str, str]] = {
    "media_error": ("媒体处理失败：{reason}", "media processing failed: {reason}"),
    "probe_failed": (
        "无法读取媒体文件 {path}：{reason}",
        "cannot read media file {path}: {reason}",
    ),
    "missing_clip": ("分镜 {shots} 的视频文件不存在", "the video file of shot {shots} is missing"),
    "bad_clip": (
        "分镜 {shot} 的视频无法使用：{reason}",
        "the video of shot {shot} is unusable: {reason}",
    ),
    "no_clips": ("没有可合成的视频片段", "there are no clips to merge"),
    "ffmpeg_failed": (
        "FFmpeg 执行失败（退出码 {code}）：{reason}",
        "FFmpeg failed (exit code {code}): {reason}",
    ),
    "ffmpeg_timeout": (
        "FFmpeg 超过 {seconds} 秒仍未完成，已终止",
        "FFmpeg did not finish within {seconds} s and was stopped",
    ),
    "ffmpeg_stalled": (
        "FFmpeg 已 {seconds} 秒没有进展，已终止",
        "FFmpeg made no progress for {seconds} s and was stopped",
    ),
    "cancelled": ("媒体处理已取消", "media processing was cancelled"),
    "verify_failed": (
        "输出文件校验失败：{reason}",
        "the output file failed verification: {reason}",
    ),
}


class MediaError(Exception):
    """A media operation failed; ``reason`` says why in plain words.

    ``message(language)`` renders the full sentence in ``"zh"`` (default) or ``"en"``.
    """

    key = "media_error"

    def __init__(self, reason: str = "", **params: Any) -> None:
        self.reason = reason
        self.params: dict[str, Any] = {"reason": reason, **params}
        super().__init__(self.message("en"))

    def message(self, language: str = "zh") -> str:
        zh, en = _MESSAGES[self.key]
        template = en if language == "en" else zh
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return self.reason or template


class ProbeFailed(MediaError):
    key = "probe_failed"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason, path=path)
        self.path = path


class NoClips(MediaError):
    key = "no_clips"


class MissingClip(MediaError):
    """One or more clip files do not exist; ``shots`` lists their shot numbers."""

    key = "missing_clip"

    def __init__(self, shots: list[int], paths: list[str]) -> None:
        self.shots = shots
        self.paths = paths
        super().__init__(f"missing: {', '.join(paths)}", shots=", ".join(str(s) for s in shots))


class BadClip(MediaError):
    """A clip exists but cannot be used (unreadable, no video, trim outside the clip)."""

    key = "bad_clip"

    def __init__(self, shot: int, reason: str) -> None:
        super().__init__(reason, shot=shot)
        self.shot = shot


class FFmpegFailed(MediaError):
    key = "ffmpeg_failed"

    def __init__(self, returncode: int, stderr_tail: str) -> None:
        super().__init__(stderr_tail.strip() or "no error output", code=returncode)
        self.returncode = returncode


class FFmpegTimedOut(MediaError):
    key = "ffmpeg_timeout"

    def __init__(self, seconds: float) -> None:
        super().__init__(f"wall-clock limit {seconds:g} s", seconds=f"{seconds:g}")


class FFmpegStalled(MediaError):
    key = "ffmpeg_stalled"

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no progress for {seconds:g} s", seconds=f"{seconds:g}")


class MediaCancelled(MediaError):
    key = "cancelled"


class MergeCancelled(MediaCancelled):
    """A merge was cancelled; its FFmpeg process was killed and no output was left."""


class VerificationFailed(MediaError):
    """FFmpeg exited but its output is not what was asked for."""

    key = "verify_failed"


class MergeVerificationFailed(VerificationFailed):
    """A merged file lacks a stream, or has the wrong size, frame rate or length."""
