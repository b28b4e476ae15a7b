"""Search folding: the form of a text that every search index holds and every search term is put in.

Three things a reader does not tell apart are made equal: traditional and simplified characters
(each traditional character becomes its simplified form, taken character by character from OpenCC's
own data, the `opencc` package, so 問題 and 问题 fold alike and lengths do not change), upper and
lower case, and pinyin glosses inside or after a word (經(jīng)濟, 经（jīng）济), which are dropped.
`fold_with_offsets` also tells, for each character of the folded text, where it came from, so a
hit found in the folded text is highlighted in the original characters.
"""

from __future__ import annotations

import re
from functools import cache

# Text search never sees these: NUL ends a string inside SQLite's FTS5 query parser ("unterminated
# string"), and no other C0 control or DEL belongs in a search term either.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = f"a-zA-Zü{_TONED}{_TONED.upper()}ÜÊê"
# A gloss in half- or full-width brackets right after a Chinese character: one or more syllables,
# each letters with an optional tone digit, at least one tone (mark or digit) in the whole gloss so
# that an ordinary word in brackets (WTO, app) stays.
_GLOSS = re.compile(
    rf"(?<=[{_CJK}])[(（]\s*"
    rf"(?=[^)）]*(?:[{_TONED}{_TONED.upper()}]|[{_PINYIN_LETTERS}][1-5]))"
    rf"[{_PINYIN_LETTERS}]+[1-5]?(?:[\s'’·-]+[{_PINYIN_LETTERS}]+[1-5]?)*\s*[)）]"
)

# The CJK blocks whose traditional characters OpenCC simplifies (unified, extension A and B,
# compatibility ideographs).
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0))


@cache
def _t2s() -> dict[int, str]:
    """Traditional -> simplified, one character to one character, from OpenCC's t2s data."""
    import opencc

    chars = [chr(c) for lo, hi in _RANGES for c in range(lo, hi)]
    # One character a line: OpenCC's phrase tables cannot join neighbours, so each converts alone.
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; then fold nothing rather than misplace hits
        return {}
    table = {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}
    for key, value in table.items():  # 薴 -> 苧 -> 苎: fold to the end, so folding twice changes nothing
        while ord(value) in table and table[ord(value)] != value:
            value = table[ord(value)]
        table[key] = value
    return table


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # a rare letter whose lower case is longer (İ): keep the length, fold the others
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fold(text: str | None) -> str:
    """The folded text: glosses dropped, simplified, lower case, control characters as spaces."""
    return fold_with_offsets(text)[0]


def fold_with_offsets(text: str | None) -> tuple[str, list[int] | None]:
    """The folded text and, for each of its characters, the index of the original one it came from
    (None when nothing was dropped: then the two texts line up one to one)."""
    text = CONTROL.sub(" ", text or "")
    offsets: list[int] | None = None
    if "(" in text or "（" in text:
        pieces, offsets, pos = [], [], 0
        for m in _GLOSS.finditer(text):
            pieces.append(text[pos : m.start()])
            offsets.extend(range(pos, m.start()))
            pos = m.end()
        if pieces:
            pieces.append(text[pos:])
            offsets.extend(range(pos, len(text)))
            text = "".join(pieces)
        else:
            offsets = None
    return _lower(text.translate(_t2s())), offsets


def original_spans(spans: list[tuple[int, int]], offsets: list[int] | None) -> list[tuple[int, int]]:
    """Spans [start, end) of the folded text as spans of the original (a gloss inside is covered)."""
    if offsets is None:
        return spans
    return [(offsets[s], offsets[e - 1] + 1) for s, e in spans if e > s]
