"""The studio's own words in Chinese and English."""

from __future__ import annotations

from typing import Any

STAGES: dict[str, tuple[str, str]] = {
    "setup": ("创建短剧与剧集", "drama and episode"),
    "characters": ("提取角色", "extract characters"),
    "scenes": ("提取场景", "extract scenes"),
    "props": ("提取道具", "extract props"),
    "storyboards": ("拆分镜头", "break into shots"),
    "character_images": ("生成角色图", "character images"),
    "scene_images": ("生成场景图", "scene images"),
    "shot_images": ("生成镜头画面", "shot images"),
    "videos": ("生成镜头视频", "shot videos"),
    "merge": ("合成整集", "assemble the episode"),
    "download": ("取回成片", "fetch the episode"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    "demo_title": ("演示短剧", "Demo drama"),
    "episode_title": ("第{number}集", "Episode {number}"),
    "stage_failed": ("阶段“{stage}”失败：{reason}", "stage '{stage}' failed: {reason}"),
    "already_up": ("服务栈已在运行", "the stack is already up"),
    "started": ("已启动：{names}", "started: {names}"),
    "starting": ("正在启动服务栈……", "starting the stack…"),
    "ready": ("服务栈已就绪：{url}", "the stack is ready: {url}"),
    "up_failed": (
        "{name} 启动失败（{reason}），日志末尾：",
        "{name} failed to start ({reason}); end of its log:",
    ),
    "stopped": ("已停止：{names}", "stopped: {names}"),
    "nothing_running": ("没有正在运行的进程", "nothing was running"),
    "shots": ("镜头", "Shots"),
    "number": ("序号", "No."),
    "title": ("标题", "Title"),
    "duration": ("时长（秒）", "Duration (s)"),
    "stage": ("阶段", "Stage"),
    "seconds": ("耗时（秒）", "Time (s)"),
    "times": ("各阶段耗时", "Time per stage"),
    "process": ("进程", "Process"),
    "pid": ("PID", "PID"),
    "alive": ("运行中", "Alive"),
    "health": ("健康", "Health"),
    "status_title": ("服务栈状态", "Stack status"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "no_script": ("找不到剧本文件：{path}", "script file not found: {path}"),
    "empty_script": ("剧本为空：{path}", "the script is empty: {path}"),
    "not_utf8": ("剧本不是 UTF-8 文本：{path}", "the script is not UTF-8 text: {path}"),
    "episode_file": ("成片：", "Episode file:"),
}


def _index(language: str) -> int:
    return 1 if language == "en" else 0


def stage_label(stage: str, language: str) -> str:
    pair = STAGES.get(stage)
    return pair[_index(language)] if pair else stage


def text(key: str, language: str, **params: Any) -> str:
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    return pair[_index(language)].format(**params)
