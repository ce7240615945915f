"""Character names in prose that has no speaker cues.

Chinese: two- or three-character words that begin with a common family name (or 阿) and recur,
less a list of everyday words that begin the same way. English: capitalised words that recur and
never appear in lower case, less sentence openers. Names found next to quotes (see
``prose_speech``) are added by the caller.
"""

from __future__ import annotations

import re
from collections import Counter

_FAMILY_NAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾萧肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹孟熊秦邱尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严"
    "戴莫孔汤温康施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹申耿焦俞柳祝宁舒阮柯纪梅童凌霍裴苗谷"
    "盛翁骆蓝喻祁滕屈饶艾穆卓顾楚燕沐阿"
)
_EVERYDAY_WORDS = (
    "王子 王国 王者 张开 张望 张嘴 刘海 陈旧 陈列 黄昏 黄色 黄金 周围 周末 周身 周遭 "
    "徐徐 孙子 马上 马路 马车 胡子 胡同 胡乱 何必 何况 何时 何处 林中 林间 林子 谢谢 "
    "许多 许久 曾经 田野 于是 余光 余下 叶子 苏醒 任何 任务 钟声 陆续 陆地 范围 夏天 "
    "夏日 夏夜 雷声 雷雨 黎明 顾客 毛衣 毛巾 钱包 严肃 严厉 莫名 温柔 温暖 温度 康复 "
    "施工 宁静 宁可 舒服 纪念 梅花 凌晨 凌乱 童年 盛开 蓝色 燕子 楚楚 阿姨 柳树 焦急 "
    "龙头 史上 汤碗 乔装 庄园 岳父 岳母 苗条 谷底 骆驼 祝福 韩国 杜绝 邓家 姜汤 "
    "曹操 彭湃 颜色 萧瑟 肖像 吕布 童话 罗盘 郑重 梁上 江边 宋朝 唐朝 蒋家 潘家"
)
_EVERYDAY = frozenset(_EVERYDAY_WORDS.split())
_AFTER_NAME_NOT = set("的了着过地得们说问道笑看走在是和把被从向对跟也都就又还")
_ZH_CANDIDATE = re.compile(rf"(?=([{_FAMILY_NAMES}][\u4e00-\u9fff]{{1,2}}))")
_EN_OPENER_WORDS = (
    "The A An He She It They We I You His Her Their This That Then When But And Or So As "
    "At In On Of There Here After Before Now Later Suddenly Meanwhile Yes No What Why How "
    "Who Where If Maybe Perhaps Still Even Just Not Only Once Outside Inside Behind Mr Mrs "
    "Ms Dr Oh Well Please Thank Thanks Sorry Good Hello Hi Okay Ok Today Tomorrow Tonight"
)
_EN_OPENERS = frozenset(_EN_OPENER_WORDS.split())
_EN_CALENDAR_WORDS = (
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter"
)
_EN_CALENDAR = frozenset(_EN_CALENDAR_WORDS.split())
_EN_PLACE_NAME = re.compile(
    r"\b(?:[A-Z][a-z]+\s+)+(?:Island|Street|Road|Avenue|Lane|Bay|Lake|River|Mountain|Hill|"
    r"Valley|City|Town|Village|Park|Station|Hospital|School|University|Bridge|Square|Hotel|"
    r"Harbou?r|Beach|Coast|Point|Cove|Sea|Ocean|Church|Hall|Tower|House|Street|County|Forest)\b"
)


def _chinese_names(text: str) -> list[str]:
    pairs: Counter[str] = Counter()
    triples: Counter[str] = Counter()
    for found in _ZH_CANDIDATE.finditer(text):
        word = found.group(1)
        pairs[word[:2]] += 1
        if len(word) == 3:
            triples[word] += 1

    def plausible(word: str, count: int) -> bool:
        household = len(word) == 2 and word.endswith("家")
        return (
            count >= 2
            and word not in _EVERYDAY
            and word[-1] not in _AFTER_NAME_NOT
            and not household
        )

    long_names = {
        word: count
        for word, count in triples.items()
        if plausible(word, count) and word[1] not in _AFTER_NAME_NOT and count == pairs[word[:2]]
    }
    short_names = {
        word: count
        for word, count in pairs.items()
        if plausible(word, count) and not any(name.startswith(word) for name in long_names)
    }
    ranked = sorted({**short_names, **long_names}.items(), key=lambda item: -item[1])
    return [word for word, _ in ranked]


def _english_names(text: str) -> list[str]:
    text = _EN_PLACE_NAME.sub(" ", text)
    words = re.findall(r"\b[A-Z][a-z]+\b", text)
    counts = Counter(
        word
        for word in words
        if word not in _EN_OPENERS
        and word not in _EN_CALENDAR
        and not re.search(rf"\b{word.lower()}\b", text)
    )
    return [name for name, count in counts.most_common() if count >= 2]


def prose_names(text: str, chinese: bool) -> list[str]:
    """Likely character names in ``text``, the most frequent first."""
    return _chinese_names(text) if chinese else _english_names(text)
