"""A small bilingual list of common props, found by name in a script's action lines."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PropKind:
    """One prop: its English name (for the image prompt), type, and how to spot it."""

    english: str
    type_en: str
    type_zh: str
    zh_pattern: re.Pattern[str]
    en_pattern: re.Pattern[str]


def _kind(english: str, type_en: str, type_zh: str, zh: str, en: str) -> PropKind:
    return PropKind(english, type_en, type_zh, re.compile(zh), re.compile(rf"\b(?:{en})\b", re.I))


PROP_KINDS: tuple[PropKind, ...] = (
    _kind("mobile phone", "Daily Item", "日常用品", r"手机", r"phones?|cellphones?|smartphones?"),
    _kind(
        "letter",
        "Key Item",
        "关键道具",
        r"(?<![相自短微通确迷诚置威坚])信(?![息任心号用封念件箱誉])|信纸|情书",
        r"letters?",
    ),
    _kind("envelope", "Key Item", "关键道具", r"信封", r"envelopes?"),
    _kind(
        "knife",
        "Weapon",
        "武器",
        r"匕首|尖刀|小刀|菜刀|(?<=[把柄])刀(?![鞘柄])",
        r"knife|knives|dagger",
    ),
    _kind("sword", "Weapon", "武器", r"长剑|宝剑|佩剑", r"swords?"),
    _kind("gun", "Weapon", "武器", r"手枪|枪", r"guns?|pistols?|revolvers?"),
    _kind("umbrella", "Daily Item", "日常用品", r"雨伞|伞", r"umbrellas?"),
    _kind(
        "ring",
        "Key Item",
        "关键道具",
        r"戒指",
        r"(?:a|the|her|his|my|your|wedding|engagement|diamond|gold|silver)\s+rings?",
    ),
    _kind("necklace", "Key Item", "关键道具", r"项链", r"necklaces?|pendants?"),
    _kind("key", "Key Item", "关键道具", r"钥匙", r"keys?"),
    _kind("box", "Key Item", "关键道具", r"木盒|盒子|匣子", r"box|boxes|casket"),
    _kind("photograph", "Key Item", "关键道具", r"照片|相片", r"photos?|photographs?"),
    _kind("ticket", "Daily Item", "日常用品", r"车票|船票|机票|门票", r"tickets?"),
    _kind("lantern", "Daily Item", "日常用品", r"灯笼|提灯|马灯", r"lanterns?"),
    _kind("lamp", "Daily Item", "日常用品", r"台灯|油灯", r"lamps?"),
    _kind("jade pendant", "Key Item", "关键道具", r"玉佩|玉坠|玉镯", r"jade pendant|amulet"),
    _kind("memory chip", "Device", "装置", r"芯片|U盘|硬盘", r"chips?|flash drive|hard drive"),
    _kind(
        "document",
        "Key Item",
        "关键道具",
        r"报告|合同|协议书?|文件袋?|病历",
        r"documents?|contracts?",
    ),
    _kind("parcel", "Daily Item", "日常用品", r"包裹|快递|外卖", r"parcels?|packages?"),
    _kind("car", "Vehicle", "交通工具", r"轿车|汽车|跑车|出租车", r"cars?|sedans?|taxis?"),
    _kind(
        "scooter",
        "Vehicle",
        "交通工具",
        r"电动车|摩托车|自行车",
        r"scooters?|motorbikes?|bicycles?",
    ),
    _kind("photo album", "Key Item", "关键道具", r"相册", r"photo albums?|albums?"),
    _kind("flashlight", "Daily Item", "日常用品", r"手电筒?", r"flashlights?|torch"),
    _kind("diary", "Key Item", "关键道具", r"日记本?", r"diary|diaries|journals?"),
    _kind("book", "Daily Item", "日常用品", r"(?<![书])书本|旧书(?!店)", r"books?"),
    _kind("map", "Key Item", "关键道具", r"地图", r"maps?"),
    _kind(
        "watch",
        "Daily Item",
        "日常用品",
        r"手表|怀表",
        r"wrist ?watch(?:es)?|pocket watch|(?:a|the|his|her|my|your|old|gold)\s+watch",
    ),
    _kind("camera", "Device", "装置", r"相机|摄像机", r"cameras?"),
    _kind("suitcase", "Daily Item", "日常用品", r"行李箱|皮箱", r"suitcases?|luggage"),
    _kind("wallet", "Daily Item", "日常用品", r"钱包", r"wallets?|purses?"),
    _kind("candle", "Daily Item", "日常用品", r"蜡烛", r"candles?"),
    _kind("mirror", "Daily Item", "日常用品", r"镜子", r"mirrors?"),
    _kind("cup", "Daily Item", "日常用品", r"茶杯|杯子|酒杯", r"cups?|mugs?|glass of"),
    _kind("laptop", "Device", "装置", r"笔记本电脑|电脑", r"laptops?|computers?"),
)


def find_props(text: str, chinese: bool) -> list[tuple[PropKind, str]]:
    """``(kind, name as written)`` for every prop kind mentioned in ``text``."""
    found: list[tuple[PropKind, str]] = []
    for kind in PROP_KINDS:
        match = (kind.zh_pattern if chinese else kind.en_pattern).search(text)
        if match:
            name = match.group() if chinese else kind.english
            if chinese and name in {"信纸", "情书"}:
                name = "信"
            found.append((kind, name))
    return found


def prop_image_prompt(kind: PropKind, context: str) -> str:
    """An English single-object image prompt."""
    prompt = (
        f"a {kind.english}, a single object centred on a clean plain background, "
        "detailed materials and colours, soft studio light, no people"
    )
    if context and not re.search(r"[\u4e00-\u9fff]", context):
        prompt += f", as seen in the story: {context}"
    return prompt
