"""Words of position in an instruction or hint, and whether the target is really there.

A hint that says 左下方 for a button drawn at the bottom right sends an unsure learner the
wrong way. This module finds such claims in a sentence ("右上角", "第二排", "at the top
left", "the first row"), decides which of them are about the step's target, and judges a claim
against where the target is drawn (`Placement`, measured by `app.ui.phone.hint_positions`).

What is checked, and what is left alone (no false alarms before guesses):

- Absolute claims about the target: corners, top/bottom, left/right, middle, and row or
  item numbers within the target's own component (a list's rows, an app grid's rows, a tab
  bar's tabs). "列表的第一行", "屏幕最下面", "the far left of the grey bar" are read as
  absolute: a frame word (screen, list, bar, box, map) may stand before the claim, and a
  claim holds if it is true in any frame the learner may mean (the screen as seen, the whole
  scrolled page, the target's component).
- A claim is about the target when the quoted label nearest it in its clause names the target
  ("右上角的“+”", "“接听”在右下方"), or when its clause quotes nothing and no other clause of
  the same text says the opposite (then "绿色的在右边……红色的在左边" is about two things, and
  neither is judged). A quote naming anything else, or nothing on the screen, means the claim
  is about that other thing: skipped.
- Skipped: relative claims ("号码下面的绿色按钮", 'to the left of "+"', "under your name"),
  what is on or under the target ("上面有一个加号", "下面写着", 'says "5 new" on the right'),
  and directions ("points to the left").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

# ---- where the target is ---------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle as fractions of its frame: 0 is the left or top edge, 1 the right or bottom."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Order:
    """The target's place among the items of its component: row of rows, and place in its row."""

    row: int
    rows: int
    column: int
    columns: int
    index: int  # in reading order, from 1
    count: int


@dataclass(frozen=True)
class Placement:
    """Where the learner sees the target: `seen` in the phone's screen once scrolled into view;
    `frames` the same target in other frames a sentence may mean (the whole page, its
    component); `order` its place among its component's items, if it has peers; `highest` and
    `lowest` whether it is the top or bottom thing on the page, wherever that is drawn."""

    seen: Box
    frames: tuple[Box, ...] = ()
    order: Order | None = None
    highest: bool = False  # nothing of the page drawn above it (bars aside): "最上面的按钮"
    lowest: bool = False  # nothing drawn below it: "the green button at the bottom" of a short page

    def boxes(self) -> tuple[Box, ...]:
        return (self.seen, *self.frames)


# ---- claims ----------------------------------------------------------------------------------


class Subject(Enum):
    TARGET = "target"  # a quoted label of the target
    UNSAID = "unsaid"  # no quote in its clause: the text's own subject, the target


@dataclass(frozen=True)
class Claim:
    """One phrase of position, as written, and what it says."""

    words: str
    start: int
    vertical: str | None = None  # "top" or "bottom"
    horizontal: str | None = None  # "left" or "right"
    middle: bool = False
    row: int | None = None  # from 1; -1 is the last
    item: int | None = None  # from 1; -1 is the last
    in_row: bool = False  # the item is counted in its row ("第一排的第三个")
    superlative: bool = False  # "最下面的按钮", "the button at the bottom": the lowest, wherever drawn
    subject: Subject = Subject.UNSAID
    clause: int = 0

    @property
    def ordinal(self) -> bool:
        return self.row is not None or self.item is not None


LAST = -1
_ZH_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_EN_NUMBERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "last": LAST,
    "top": 1,
    "bottom": LAST,
}
_SIDES = {"左": "left", "右": "right", "上": "top", "下": "bottom", "顶": "top", "底": "bottom"}

_ZH_CLAIM = re.compile(
    r"(?P<corner>[左右][上下](?:角|方|边|侧)?|[上下][左右](?:角|方|边|侧)?)"
    r"|(?P<ordinal>第(?P<n>[一二两三四五六七八九十\d]+)(?P<unit>排|行|个|列))"
    r"|(?P<last>最后一(?P<lunit>排|行|个))"
    r"|(?P<edge>最?(?:上|下|左|右)(?:面|方|边|侧|手边)|最[上下左右]|最顶[上端]?|顶部|顶端|底部|最底下?)"
    r"|(?P<middle>中间|正中|中央)"
)
# After the claim: what is on, under or beside the target ("上面有一个加号", "下面写着"), or
# what appears there ("下面出现了"): about something else.
_ZH_DESCRIBES = re.compile(r"^(?:都|还|就|也)?(?:有|写|画|印|标|出现|显示|是|会)")
# Before the claim: an absolute claim is preceded by nothing, a verb, or a frame the learner
# sees whole (the screen, a list, a bar); anything else names a thing it is relative to.
_ZH_ABSOLUTE_BEFORE = re.compile(r"(?:^|[在点是按选到往于请从那就的]|屏幕|手机|画面|页面|弹出框|方框|一排|一行)$")
# "列表的第一行", "蓝色条的最左边": a frame named with 的 (without it, "地图下面的按钮" is relative)
_ZH_FRAME_OF = re.compile(r"(?:屏幕|手机|画面|页面|列表|地图|条|栏|框|卡片|一排|一行|菜单)$")
_ZH_NOT_TARGET_AFTER = re.compile(r"^的?(?:数字键|键盘|按键|红点|小红点|数字|字)")

_EN_FRAME = r"screen|phone|page|bar|box|list|map|menu|grid|row|card|sheet|frame|window|app|picture|view|panel"
_EN_CLAIM = re.compile(
    r"\b(?P<corner>(?:top|upper|bottom|lower)[- ](?:left|right))\b(?:[- ]hand)?(?:[- ]corner)?"
    r"|\b(?P<ordinal>(?P<n>first|second|third|fourth|fifth|sixth|last|top|bottom|1st|2nd|3rd|4th|5th|6th)"
    r"\s+(?P<unit>row|line|one|icon|button|tab|item|app|entry|slot|day|option|choice|photo))\b"
    r"|\b(?P<edge>(?:at|on|in|near|towards|along|to)\s+(?:the\s+)?(?:very\s+|far\s+)?"
    r"(?P<side>top|bottom|left|right|middle|centre|center)(?![- ](?:left|right)\b)(?:\s+(?:end|side|edge|corner))?)\b"
    r"|\b(?P<far>far\s+(?P<farside>left|right))\b",
    re.IGNORECASE,
)
_EN_OF = re.compile(r"^\s+of\s+(?P<what>[^,.;:!?]{0,40})", re.IGNORECASE)
_EN_DIRECTION_BEFORE = re.compile(r"\b(?:points?|pointing|slide|swipe|move|push|turn)\s*$", re.IGNORECASE)
_EN_DESCRIBES = re.compile(r"\b(?:with|has|have|says|say|shows|written|reads|marked)\b", re.IGNORECASE)
_EN_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|his|her|their|your)\s+(?:very\s+|far\s+)?$", re.IGNORECASE)

_QUOTE = {"zh": re.compile(r"“([^”]+)”|\"([^\"]+)\""), "en": re.compile(r"\"([^\"]+)\"|“([^”]+)”")}
_CLAUSE_END = {"zh": re.compile(r"[，,；;：:。！？!?]"), "en": re.compile(r"[,;:]|[.!?](?=\s|$)")}


def _norm(text: str) -> str:
    """Spaces, zero-width breaks and dash shapes aside ("10:30–\u200b11:00" is "10:30-11:00")."""
    return re.sub(r"[\s\u3000\u200b]+", "", text).replace("–", "-").replace("—", "-").casefold()


def _names_match(quoted: str, names: frozenset[str]) -> bool:
    q = _norm(quoted)
    return bool(q) and any(q == n or (len(q) > 1 and q in n) or (len(n) > 1 and n in q) for n in names)


@dataclass
class _Clause:
    start: int
    end: int
    quotes: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, text


def _clauses(text: str, lang: str) -> list[_Clause]:
    """Clauses split at commas and sentence ends, never inside quotes."""
    quotes = [(m.start(), m.end(), m.group(1) or m.group(2)) for m in _QUOTE[lang].finditer(text)]
    inside = {i for start, end, _ in quotes for i in range(start, end)}
    cuts = [m.start() for m in _CLAUSE_END[lang].finditer(text) if m.start() not in inside]
    clauses: list[_Clause] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if cut > start:
            clause = _Clause(start, cut)
            clause.quotes = [q for q in quotes if start <= q[0] < cut]
            clauses.append(clause)
        start = cut + 1
    return clauses


def _zh_claims(text: str) -> list[tuple[Claim, bool]]:
    """Every claim in Chinese text, with whether it is absolute (not relative to another thing)."""
    found: list[tuple[Claim, bool]] = []
    for m in _ZH_CLAIM.finditer(text):
        before = text[: m.start()]
        after = text[m.end() :]
        if _ZH_DESCRIBES.match(after) or _ZH_NOT_TARGET_AFTER.match(after):
            continue
        words = m.group(0)
        if m.group("ordinal"):
            n = m.group("n")
            number = int(n) if n.isdigit() else _zh_number(n)
            if number is None:
                continue
            unit = m.group("unit")
            claim = Claim(words, m.start(), **_unit_claim(unit, number))
            found.append((claim, not before.endswith(("”", '"'))))
            continue
        if m.group("last"):
            found.append((Claim(words, m.start(), **_unit_claim(m.group("lunit"), LAST)), True))
            continue
        if m.group("middle"):
            claim = Claim(words, m.start(), middle=True)
        else:
            sides = [_SIDES[c] for c in words if c in _SIDES]
            vertical = next((s for s in sides if s in ("top", "bottom")), None)
            horizontal = next((s for s in sides if s in ("left", "right")), None)
            claim = Claim(
                words,
                m.start(),
                vertical=vertical,
                horizontal=horizontal,
                superlative=bool(m.group("edge")) and words[0] == "最",
            )
        absolute = bool(_ZH_ABSOLUTE_BEFORE.search(before.rstrip()))
        if before.rstrip().endswith("的"):
            stem = before.rstrip()[:-1]
            absolute = not stem.endswith(("”", '"')) and bool(
                _ZH_ABSOLUTE_BEFORE.search(stem) or _ZH_FRAME_OF.search(stem)
            )
        found.append((claim, absolute))
    return found


def _zh_number(words: str) -> int | None:
    if words == "十":
        return 10
    if len(words) == 1:
        return _ZH_NUMBERS.get(words)
    if words.startswith("十"):
        return 10 + _ZH_NUMBERS.get(words[1], 0)
    return None


def _unit_claim(unit: str, number: int) -> dict:
    if unit in ("排", "行", "row", "line"):
        return {"row": number}
    if unit in ("列",):
        return {"item": number, "in_row": True}
    return {"item": number}


def _en_claims(text: str) -> list[tuple[Claim, bool]]:
    found: list[tuple[Claim, bool]] = []
    for m in _EN_CLAIM.finditer(text):
        before, after = text[: m.start()], text[m.end() :]
        if _EN_DIRECTION_BEFORE.search(before) or _EN_POSSESSIVE_BEFORE.search(before):
            continue
        if _EN_DESCRIBES.search(re.split(r"[,;:.!?]", before)[-1]):
            continue  # "with a grey switch on the right", 'says "5 new" on the right': a part of it
        words = m.group(0)
        if m.group("ordinal"):
            number = _EN_NUMBERS[m.group("n").lower()]
            claim = Claim(words, m.start(), **_unit_claim(m.group("unit").lower(), number))
            found.append((claim, True))
            continue
        if m.group("corner"):
            vertical, horizontal = m.group("corner").lower().replace("-", " ").split()
            vertical = {"upper": "top", "lower": "bottom"}.get(vertical, vertical)
            claim = Claim(words, m.start(), vertical=vertical, horizontal=horizontal)
        else:
            side = (m.group("side") or m.group("farside")).lower()
            if side in ("middle", "centre", "center"):
                claim = Claim(words, m.start(), middle=True)
            elif side in ("top", "bottom"):
                superlative = words.lower().startswith("at ")
                claim = Claim(words, m.start(), vertical=side, superlative=superlative)
            else:
                claim = Claim(words, m.start(), horizontal=side)
        of = _EN_OF.match(after)  # "of the screen" is a frame; 'of "+"', "of your name" a thing
        nouns = of.group("what").split()[:4] if of else []
        absolute = of is None or any(re.fullmatch(f"(?:{_EN_FRAME})s?", n, re.IGNORECASE) for n in nouns)
        found.append((claim, absolute))
    return found


def _opposed(a: Claim, b: Claim) -> bool:
    return bool(
        (a.vertical and b.vertical and a.vertical != b.vertical)
        or (a.horizontal and b.horizontal and a.horizontal != b.horizontal)
        or (a.row and b.row and a.row != b.row)
        or (a.item and b.item and a.item != b.item)
    )


_ACTION = {
    "zh": re.compile(r"点|按|选|滑|拖|拍"),
    "en": re.compile(r"\b(?:tap|press|hold|touch|choose|pick|select|slide|swipe|drag)\b", re.IGNORECASE),
}
_SENTENCE = re.compile(r"[^。！？!?.]*(?:[。！？!?]|\.(?=\s|$)|$)")


def claims_about_target(
    text: str,
    lang: str,
    target_names: frozenset[str] | set[str] | None,
    *,
    instruction: bool = False,
    screen_words: frozenset[str] | set[str] = frozenset(),
) -> list[Claim]:
    """The claims of position in `text` that are about the target (see the module's notes).

    `target_names` are the words drawn on the target (its label, its row's title); None takes
    any quote for the target (a quick first look that finds a superset). A quote of words
    drawn nowhere on the screen (`screen_words`: every text on it), such as “+” for an icon,
    is taken like no quote at all. An `instruction`
    (`say`) also describes the screen before it asks for a tap: an unquoted claim there is
    the target's only in a sentence that asks for an action ("请点左上角的返回箭头").
    """
    names = None if target_names is None else frozenset(_norm(n) for n in target_names if _norm(n))
    shown = frozenset(_norm(n) for n in screen_words if _norm(n))
    acting = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if _ACTION[lang].search(m.group(0))]
    clauses = _clauses(text, lang)
    raw = _zh_claims(text) if lang == "zh" else _en_claims(text)
    kept: list[Claim] = []
    for claim, absolute in raw:
        number, clause = next(((i, c) for i, c in enumerate(clauses) if c.start <= claim.start < c.end), (0, None))
        if clause is None or any(q[0] <= claim.start < q[1] for q in clause.quotes):
            continue  # a clause boundary, or words inside a quote
        if not absolute and not claim.ordinal:
            continue
        quote = _nearest_quote(text, claim, clause, lang)
        if quote is not None and names is not None and not _names_match(quote, names | shown):
            quote = None  # names nothing drawn (an icon's “+”): as if unquoted
        if quote is None:
            if instruction and not any(start <= claim.start < end for start, end in acting):
                continue  # describing the screen, not asking for the target
            subject = Subject.UNSAID
        elif names is None or _names_match(quote, names):
            subject = Subject.TARGET
        else:
            continue  # about another thing on the screen, or something we cannot find
        kept.append(_with(claim, subject=subject, clause=number))
    return _attributed(kept)


def _nearest_quote(text: str, claim: Claim, clause: _Clause, lang: str) -> str | None:
    """The quoted label a claim is about: the one it qualifies ("右上角的“+”"), else the
    nearest in its clause."""
    end = claim.start + len(claim.words)
    for start, _stop, quoted in clause.quotes:
        between = text[end:start]
        if start >= end and lang == "zh" and re.fullmatch(r"的[^，。“”]{0,6}", between):
            return quoted
    if not clause.quotes:
        return None
    return min(clause.quotes, key=lambda q: (claim.start - q[1]) if q[1] <= claim.start else (q[0] - end) + 0.5)[2]


def _attributed(claims: list[Claim]) -> list[Claim]:
    """Unquoted claims are the text's subject's, unless another claim of the same text, in
    another clause, says the opposite: then the text is about two things ("绿色的“接听”在右下方，
    红色的在左下方"), and the unquoted one is not judged."""
    contested = {
        id(a)
        for a in claims
        for b in claims
        if a.subject is Subject.UNSAID and a is not b and a.clause != b.clause and _opposed(a, b)
    }
    result: list[Claim] = []
    for claim in claims:
        if id(claim) in contested:
            continue
        result.append(claim)
    # "第一排的第三个": an item counted in the row a claim of the same clause names
    rows = {c.clause for c in result if c.row is not None}
    return [_with(c, in_row=True) if c.item is not None and c.clause in rows else c for c in result]


def _with(claim: Claim, **changes: object) -> Claim:
    values = {**claim.__dict__, **changes}
    return Claim(**values)


# ---- judging ---------------------------------------------------------------------------------

# A claim fails only where it is plainly wrong: "left" for a target whose middle is right of
# the frame's middle by more than this, "top" for one in the lower part, and so on.
SLACK = 0.05
MIDDLE = 0.2  # "middle": within this of the frame's middle, across or down


def holds(claim: Claim, placement: Placement) -> bool:
    """Whether `claim` is true of the target drawn at `placement`."""
    if claim.ordinal:
        return _order_holds(claim, placement.order)
    extreme = claim.superlative and (
        (claim.vertical == "top" and placement.highest) or (claim.vertical == "bottom" and placement.lowest)
    )
    return any(_box_holds(claim, box, extreme) for box in placement.boxes())


def _box_holds(claim: Claim, box: Box, extreme: bool = False) -> bool:
    if claim.vertical == "top" and box.cy > 0.5 + SLACK and not extreme:
        return False
    if claim.vertical == "bottom" and box.cy < 0.5 - SLACK and not extreme:
        return False
    if claim.horizontal == "left" and box.cx > 0.5 + SLACK:
        return False
    if claim.horizontal == "right" and box.cx < 0.5 - SLACK:
        return False
    return not claim.middle or abs(box.cx - 0.5) <= MIDDLE or abs(box.cy - 0.5) <= MIDDLE


def _order_holds(claim: Claim, order: Order | None) -> bool:
    if order is None:
        return True  # nothing to count among: not judged
    if claim.row is not None and order.row != (order.rows if claim.row == LAST else claim.row):
        return False
    if claim.item is not None:
        in_row = order.columns if claim.item == LAST else claim.item
        overall = order.count if claim.item == LAST else claim.item
        if claim.in_row:
            return order.column == in_row
        return order.column == in_row or order.index == overall
    return True


def where(placement: Placement) -> str:
    """Where the target is, in words for the author: "at the bottom right", "in row 2 of 3"."""
    box = placement.seen
    down = "top" if box.cy < 0.4 else "bottom" if box.cy > 0.6 else "middle"
    across = "left" if box.cx < 0.4 else "right" if box.cx > 0.6 else "centre"
    spot = "in the middle" if (down, across) == ("middle", "centre") else f"at the {down} {across}"
    spot = spot.replace("middle centre", "middle").replace("top centre", "top").replace("bottom centre", "bottom")
    order = placement.order
    if order is not None:
        spot += f", row {order.row} of {order.rows}, {_nth(order.column)} of {order.columns} in its row"
    return spot


def _nth(n: int) -> str:
    return f"{n}{'st' if n == 1 else 'nd' if n == 2 else 'rd' if n == 3 else 'th'}"


@dataclass(frozen=True)
class Mismatch:
    """A claim about the target that is false at some text sizes."""

    claim: Claim
    scales: tuple[float, ...]
    placement: Placement  # at the first of those sizes

    def message(self, target: str) -> str:
        sizes = ", ".join(f"{round(s * 100)} %" for s in self.scales)
        return f"says “{self.claim.words}” but '{target}' is drawn {where(self.placement)} (text size {sizes})"


def mismatches(
    text: str,
    lang: str,
    target_names: set[str],
    placements: dict[float, Placement],
    *,
    instruction: bool = False,
    screen_words: set[str] | frozenset[str] = frozenset(),
) -> list[Mismatch]:
    """The claims about the target in `text` that are false at one or more text sizes
    (`placements`: where the target is drawn at each size)."""
    found = []
    for claim in claims_about_target(text, lang, target_names, instruction=instruction, screen_words=screen_words):
        wrong = tuple(scale for scale, placement in placements.items() if not holds(claim, placement))
        if wrong:
            found.append(Mismatch(claim, wrong, placements[wrong[0]]))
    return found
