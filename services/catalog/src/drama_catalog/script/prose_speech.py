"""Who says a quoted line in prose: the attribution before or after the quote.

Chinese: ``林夏轻声说：“……”`` and ``“……”林夏轻声说道。``; English: ``Mara said, "…"``,
``"…," said Mara.`` and ``"…," Mara whispered.`` A pronoun ("她", "he") is returned as is;
the caller resolves it from the surrounding narration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_VERBS = "说道|问道|答道|喊道|笑道|叹道|叫道|骂道|回答道|回答|说|问|道|喊|答|嘀咕|低语|开口|补充"
_ZH_MANNER = (
    r"(?:轻声|低声|小声|大声|冷冷地|淡淡地|缓缓地|笑着|哭着|冷笑着|小心翼翼地|忍不住"
    r"|又|也|才|便|就|突然|忽然)*"
)
_ZH_SPEAKER = r"([\u4e00-\u9fff·]{1,4}?)"
_ZH_BEFORE = re.compile(
    r"([\u4e00-\u9fff·]{0,4}?)" + _ZH_MANNER + rf"(?:{_ZH_VERBS})\s*[：:，,]?\s*$"
)
_ZH_AFTER = re.compile(r"^\s*" + _ZH_SPEAKER + _ZH_MANNER + rf"(?:{_ZH_VERBS})\s*[。！？，,.!?]?")
_EN_VERBS = (
    r"said|says|asked|asks|replied|replies|whispered|whispers|shouted|shouts|called|"
    r"muttered|mutters|answered|cried|added|snapped|murmured|yelled|told\s+\w+"
)
_EN_NAME = r"((?:(?:Mr|Mrs|Ms|Dr)\.?\s)?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?|he|she|I|they|He|She|They)"
_EN_AFTER = re.compile(
    r"^\s*,?\s*(?:(?:"
    + _EN_VERBS
    + r")\s+"
    + _EN_NAME
    + r"|"
    + _EN_NAME
    + r"\s+(?:\w+ly\s+)?(?:"
    + _EN_VERBS
    + r"))(?:\s+\w+ly)?\s*[.,!?]?"
)
_EN_BEFORE = re.compile(_EN_NAME + r"\s+(?:\w+ly\s+)?(?:" + _EN_VERBS + r")\s*[,:]?\s*$")
_ZH_CLAUSE_END = re.compile(r"[。！？!?…，,；;]")
PRONOUNS = frozenset({"他", "她", "我", "he", "she", "i", "they", "他们", "她们"})


@dataclass(frozen=True)
class Attribution:
    """A speaker found next to a quote, and how much of the narration it took."""

    speaker: str
    length: int


def attribution_after(narration: str, chinese: bool) -> Attribution | None:
    """The speaker named at the start of the narration that follows a quote."""
    match = (_ZH_AFTER if chinese else _EN_AFTER).match(narration)
    if not match:
        return None
    speaker = next(group for group in match.groups() if group)
    return Attribution(speaker, match.end())


def attribution_before(narration: str, chinese: bool) -> Attribution | None:
    """The speaker named at the end of the narration that leads into a quote ("" when the
    clause is only the verb, as in ``他沉默片刻，说：``)."""
    if chinese:
        lead = narration.rstrip("：:，, ")
        clause_start = max((m.end() for m in _ZH_CLAUSE_END.finditer(lead)), default=0)
        match = _ZH_BEFORE.fullmatch(narration[clause_start:].strip())
        if not match:
            return None
        return Attribution(match.group(1), len(narration) - clause_start)
    found = _EN_BEFORE.search(narration)
    if not found:
        return None
    return Attribution(found.group(1), len(narration) - found.start())
