"""Human-readable messages in Chinese and English, chosen by the language setting."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    "internal": ("服务器内部错误", "internal server error"),
    "not_found": ("{what}不存在", "{what} not found"),
    "bad_request": ("请求参数错误", "invalid request"),
    "invalid_id": ("无效的 ID：{value}", "invalid id: {value}"),
    "invalid_body": ("请求体格式错误：{reason}", "invalid request body: {reason}"),
    "empty_body": ("请求体不能为空", "request body must not be empty"),
    "validation": ("参数校验失败：{reason}", "validation failed: {reason}"),
    "unavailable": (
        "{service} 服务暂时不可用，请稍后重试",
        "the {service} service is unavailable, try again shortly",
    ),
    "rate_limited": ("请求过于频繁，请稍后再试", "too many requests, try again later"),
    "too_large": (
        "请求体超过大小限制（{limit} 字节）",
        "request body exceeds the size limit ({limit} bytes)",
    ),
    "too_deep": ("JSON 嵌套层级过深", "JSON nested too deeply"),
    "unauthorized": ("未授权：缺少或错误的访问令牌", "unauthorized: missing or wrong bearer token"),
    "forbidden": ("无权访问：{reason}", "forbidden: {reason}"),
    "upload_type": ("不支持的文件类型：{reason}", "unsupported file type: {reason}"),
    "upload_missing": ("请上传文件", "no file was uploaded"),
    "upload_mismatch": ("文件内容与扩展名不符", "file content does not match its extension"),
    "url_refused": ("不允许访问该地址：{reason}", "this address is not allowed: {reason}"),
    "no_video": ("该剧集还没有生成视频", "this episode has no video yet"),
    "no_config": ("没有可用的{kind} AI 配置", "no active {kind} AI config"),
    "api_not_found": ("接口不存在", "API endpoint not found"),
    "number_range": ("数值超出允许范围", "a number is out of the allowed range"),
    "value_too_long": ("字段内容过长", "a value is too long for its field"),
    "bad_character": ("文本包含无法保存的字符", "text contains a character that cannot be stored"),
    "bad_value": ("字段值无效", "a value is not valid for its field"),
    "keyword_too_long": (
        "搜索关键词过长：最多 {limit} 个字符",
        "the search keyword is too long: at most {limit} characters",
    ),
    "keyword_character": ("搜索关键词不能包含 NUL 字符", "the search keyword must not contain NUL"),
    "ok_saved": ("保存成功", "saved successfully"),
    "ok_deleted": ("删除成功", "deleted successfully"),
    "ok_updated": ("更新成功", "updated successfully"),
    "ok_image_set": ("图片已设置", "image set"),
    "ok_library_applied": ("已应用角色库中的形象", "library image applied"),
    "field_required": ("缺少必填参数：{field}", "{field} is required"),
    "no_fields": ("没有需要更新的字段", "no fields to update"),
    "duplicate_episode": ("剧集编号重复：{number}", "duplicate episode number: {number}"),
    "no_character_image": ("该角色还没有图片", "the character has no image yet"),
    "drama_gone": ("所属剧本已被删除", "its drama no longer exists"),
    "upload_too_large": ("文件过大：最大 {limit} 字节", "file too large: at most {limit} bytes"),
    "not_ready": ("{what}尚未完成", "the {what} is not completed yet"),
    "audio_source": ("无法读取视频：{reason}", "cannot read the video: {reason}"),
    "audio_batch_failed": (
        "第 {index} 个视频提取音频失败：{reason}",
        "failed to extract audio at index {index}: {reason}",
    ),
}

WHAT: dict[str, tuple[str, str]] = {
    "drama": ("剧本", "drama"),
    "episode": ("剧集", "episode"),
    "character": ("角色", "character"),
    "scene": ("场景", "scene"),
    "prop": ("道具", "prop"),
    "storyboard": ("分镜", "storyboard"),
    "image": ("图片生成记录", "image generation"),
    "video": ("视频生成记录", "video generation"),
    "merge": ("视频合成记录", "video merge"),
    "task": ("任务", "task"),
    "asset": ("素材", "asset"),
    "library": ("角色库条目", "character library item"),
    "config": ("AI 配置", "AI config"),
    "file": ("文件", "file"),
}


def translate(key: str, language: str = "zh", **params: Any) -> str:
    """The message ``key`` in ``language`` with ``params`` filled in."""
    index = 1 if language == "en" else 0
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    if "what" in params and params["what"] in WHAT:
        params = {**params, "what": WHAT[params["what"]][index]}
    try:
        return pair[index].format(**params)
    except (KeyError, IndexError):
        return pair[index]
