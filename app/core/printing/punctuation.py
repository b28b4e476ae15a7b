"""Punctuation of official documents: full width, as GB/T 15834 and GB/T 9704 set Chinese text.

Typed text often carries half-width marks — "(", ")", ",", ";", ":", "?", "!", straight quotes — which
are narrower than a character and break the 28-character grid. `official_punctuation` turns them
into their full-width forms where they stand in Chinese text, and leaves alone what is not
punctuation of a sentence: a decimal point or a thousands comma between digits (1.5万元, 12,600),
the time 10:30, the point after a heading number ("1."), an apostrophe inside a Latin word. Digits
stay half-width (full-width digits become half-width); Latin letters stay as they are.
"""

from __future__ import annotations

import re

_SIMPLE = str.maketrans({"(": "（", ")": "）", ";": "；", "?": "？", "!": "！"})
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"


def official_punctuation(text: str) -> str:
    """`text` with its sentence punctuation in full width (see the module's docstring)."""
    if not text:
        return text
    text = text.translate(_DIGITS).translate(_SIMPLE)
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)  # a comma not between two digits
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)  # a colon not in a time
    text = re.sub(rf"(?<=[{_CJK}])\.(?!\d)", "。", text)  # a full stop after Chinese text
    text = _quotes(text, '"', "“", "”")
    return re.sub(r"(?<![A-Za-z])'|'(?![A-Za-z])", lambda m: "‘" if _opens(text, m.start()) else "’", text)


def _opens(text: str, at: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    return before.isspace() or before in "（“‘《：，。；！？、" or at == 0


def _quotes(text: str, straight: str, opening: str, closing: str) -> str:
    out = []
    open_ = True
    for ch in text:
        if ch == straight:
            out.append(opening if open_ else closing)
            open_ = not open_
        else:
            out.append(ch)
    return "".join(out)
