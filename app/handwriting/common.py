"""Which recognised characters the handwriting pad offers, and in what order.

Zinnia's model knows every character it was trained on, traditional (網) and rare (魍) ones
among them, and ranks by shape alone: an older learner writing 王 should not have to pick it
out from between 壬 and 丬. The rule here comes from a standard, not a hand-made list: GB2312
(GB/T 2312-1980), which Python's `gb2312` codec encodes. Its level 1 (first byte 0xB0-0xD7)
holds the 3,755 characters in most common use, its level 2 (0xD8-0xF7) 3,008 less common ones
that names still use (淼, 琪), and it has no traditional forms. So:

- of Zinnia's candidates, best first, the first `limit` that are GB2312 characters are kept:
  a level-2 character Zinnia is sure of is still on screen for a name that needs it;
- those are shown level 1 first, then level 2, each in Zinnia's own order;
- anything outside GB2312's two levels of characters is dropped: traditional forms, the
  rarer characters of the larger GBK and Unicode sets, and GB2312's symbol rows.
"""

from __future__ import annotations

from collections.abc import Iterable

COMMON = 1  # GB2312 level 1: the 3,755 characters in most common use
LESS_COMMON = 2  # GB2312 level 2: 3,008 more, names among their users
_LEVELS = ((range(0xB0, 0xD8), COMMON), (range(0xD8, 0xF8), LESS_COMMON))


def gb2312_level(char: str) -> int | None:
    """1 for a GB2312 level-1 character, 2 for level 2, None for anything else (a traditional
    or rare character, a symbol, more than one character)."""
    if len(char) != 1:
        return None
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return None
    if len(code) != 2:  # ASCII
        return None
    for rows, level in _LEVELS:
        if code[0] in rows:
            return level
    return None  # punctuation, kana, Greek, box drawing: GB2312's symbol rows


def common_first(candidates: Iterable[str], limit: int = 8) -> list[str]:
    """Zinnia's best `limit` GB2312 characters from `candidates` (best first), the common
    ones (level 1) before the less common (level 2), each kept in Zinnia's order."""
    kept: list[tuple[int, str]] = []
    seen: set[str] = set()
    for char in candidates:
        if len(kept) >= limit:
            break
        level = gb2312_level(char)
        if level is None or char in seen:
            continue
        seen.add(char)
        kept.append((level, char))
    kept.sort(key=lambda pair: pair[0])  # stable: Zinnia's order within each level
    return [char for _, char in kept]
