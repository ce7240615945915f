"""Where a passage of prose takes place, guessed from common place words (Chinese or English)."""

from __future__ import annotations

import re

_ZH_PLACE_WORDS = (
    "公交站台 公交站 火车站 地铁站 汽车站 车站 站台 候车室 机场 码头 港口 渡口 "
    "客厅 卧室 书房 厨房 餐厅 浴室 阳台 天台 屋顶 阁楼 地下室 车库 仓库 走廊 楼道 楼梯间 "
    "大厅 前台 办公室 会议室 总裁办公室 工作室 实验室 病房 手术室 医院 诊所 急诊室 "
    "学校 教室 操场 宿舍 图书馆 食堂 礼堂 咖啡馆 咖啡厅 茶馆 茶楼 酒吧 酒店 宾馆 客栈 "
    "饭店 面馆 小吃摊 便利店 超市 商场 书店 花店 集市 菜市场 街道 街头 街角 小巷 胡同 "
    "巷子 马路 路口 广场 公园 花园 院子 庭院 老宅 旧宅 宅子 别墅 公寓 出租屋 村口 村子 "
    "小镇 山顶 山洞 山谷 森林 树林 竹林 河边 江边 湖边 海边 沙滩 桥上 桥头 警局 警察局 "
    "派出所 法庭 监狱 审讯室 宫殿 大殿 御书房 寝宫 皇宫 府邸 后院 祠堂 寺庙 墓地 车上 "
    "车里 车内 船上 电梯 天桥 停车场 片场 舞台 后台 直播间 健身房"
)
_ZH_PLACES = _ZH_PLACE_WORDS.split()
_EN_PLACES = (
    "kitchen|bedroom|living room|bathroom|hallway|corridor|attic|basement|garage|garden|"
    "rooftop|balcony|porch|office|studio|lab|laboratory|hospital|clinic|ward|school|"
    "classroom|library|bookshop|bookstore|cafe|café|coffee shop|restaurant|diner|bar|pub|"
    "hotel|lobby|shop|store|market|supermarket|mall|street|alley|square|park|station|"
    "platform|airport|harbour|harbor|pier|dock|port|beach|shore|forest|woods|river|lake|"
    "bridge|farmhouse|house|apartment|flat|cottage|cabin|barn|church|chapel|cemetery|"
    "graveyard|palace|castle|village|town|courtroom|prison|cell|warehouse|factory|"
    "bakery|museum|theatre|theater|stage|gym|parking lot|subway|train|bus|ship|boat"
)
_EN_PLACE = re.compile(
    r"\b(?:in|at|into|inside|outside|to|toward|towards|onto|across|through|reached|entered|of)"
    r"\s+"
    r"(?:the|a|an|her|his|their|my|our)\s+((?:[a-z]+\s+)?(?:" + _EN_PLACES + r"))\b",
    re.I,
)
_EN_DETERMINER_LIKE = frozenset({"same", "other", "next", "very", "whole", "little"})
_ZH_PLACE = re.compile("|".join(sorted(_ZH_PLACES, key=len, reverse=True)))


def guess_place(text: str, chinese: bool) -> str:
    """The first place word in ``text`` ("旧宅", "Old Bakery"), or "" when none is found."""
    if chinese:
        match = _ZH_PLACE.search(text)
        return match.group(0) if match else ""
    found = _EN_PLACE.search(text)
    if not found:
        return ""
    words = found.group(1).split()
    if len(words) > 1 and words[0].lower() in _EN_DETERMINER_LIKE:
        words = words[1:]
    return " ".join(word.capitalize() for word in words)
