"""Finding one's name among hundreds: surnames in the order a Chinese reader expects (by pinyin,
as in a dictionary or a class list, not by Unicode code point, which puts 万 before 王), and
grouped so that a tap on a group shows a screenful of names, not a wall.

Pure logic: the sign-in screen and the tutor's check-in draw what this decides."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from app.core.learners import LearnerRecord, surname_key

# Surnames read otherwise than the character's common reading (单 is "shan" as a surname, not
# "dan"): pypinyin gives the common one, so these are said here.
SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "朴": "piao",
    "查": "zha",
    "繁": "po",
    "秘": "bi",
    "覃": "qin",
    "盖": "ge",
    "员": "yun",
    "乐": "yue",
    "尉": "yu",
    "缪": "miao",
    "褚": "chu",
    "种": "chong",
    "翟": "zhai",
    "召": "shao",
    "宓": "fu",
    "折": "she",
    "冼": "xian",
}


@cache
def surname_reading(surname: str) -> str:
    """A surname's pinyin without tones ("王" -> "wang"); a Latin initial as itself, lower case."""
    if surname in SURNAME_READINGS:
        return SURNAME_READINGS[surname]
    if not ("\u3400" <= surname[:1] <= "\u9fff"):
        return surname.lower()
    # pypinyin's dictionary takes a fifth of a second to load: only once a Chinese name is sorted.
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(surname, style=Style.NORMAL)[0].lower()


def surname_order(surname: str) -> tuple[str, str]:
    """Sorts surnames by pinyin (Latin initials among them by letter), then by character."""
    return surname_reading(surname), surname


def letter_of(surname: str) -> str:
    """The letter a surname is filed under: W for 王 and for Wong."""
    reading = surname_reading(surname)
    return reading[:1].upper() if reading[:1].isascii() and reading[:1].isalpha() else "#"


def name_order(learner: LearnerRecord) -> tuple[tuple[str, str], str, str, str]:
    """Learners by surname as above, then by the given name's pinyin (王凤英 before 王丽华), then
    by the characters, then by phone digits."""
    name = learner.display_name
    return surname_order(surname_key(name)), _reading(name[1:]), name, learner.phone_last4 or ""


def _reading(text: str) -> str:
    if not any("\u3400" <= character <= "\u9fff" for character in text):
        return text.lower()
    # the dictionary again (see surname_reading), loaded once
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(text, style=Style.NORMAL)).lower()


@dataclass(frozen=True)
class NameGroup:
    """What one button finds: one surname, or several of one letter when there are many."""

    letter: str
    surnames: tuple[str, ...]
    count: int  # learners in it

    @property
    def key(self) -> str:
        return "+".join(self.surnames)

    def holds(self, learner: LearnerRecord) -> bool:
        return surname_key(learner.display_name) in self.surnames


def name_groups(learners: Iterable[LearnerRecord], *, most_groups: int, most_names: int) -> list[NameGroup]:
    """One group per surname while they are few (at most `most_groups`); beyond that, the
    surnames of a letter share a group while together they have at most `most_names` learners
    (a screenful), and a surname with more has a group of its own. In pinyin order."""
    counts = Counter(surname_key(learner.display_name) for learner in learners)
    surnames = sorted(counts, key=surname_order)
    if len(surnames) <= most_groups:
        return [NameGroup(letter_of(name), (name,), counts[name]) for name in surnames]
    groups: list[NameGroup] = []
    current: list[str] = []
    for name in surnames:
        joined = sum(counts[other] for other in current) + counts[name]
        same_letter = bool(current) and letter_of(current[0]) == letter_of(name)
        if current and (not same_letter or joined > most_names):
            groups.append(_group(current, counts))
            current = []
        current.append(name)
    if current:
        groups.append(_group(current, counts))
    return groups


def _group(surnames: list[str], counts: Counter[str]) -> NameGroup:
    return NameGroup(letter_of(surnames[0]), tuple(surnames), sum(counts[name] for name in surnames))


def namesakes(learners: Iterable[LearnerRecord], display_name: str) -> list[LearnerRecord]:
    """Learners already registered with this name (spaces as typed do not count)."""
    wanted = " ".join(display_name.split())
    return [learner for learner in learners if " ".join(learner.display_name.split()) == wanted]


@dataclass(frozen=True)
class TileLabel:
    """What a name tile says beside the name, so that no two tiles ever look alike: the phone
    digits where given; for namesakes the digits do not tell apart, the day they registered;
    for namesakes registered the same day too, their order ("the second 王国平")."""

    digits: str | None
    registered: date | None = None
    number: int | None = None


def tile_labels(learners: Iterable[LearnerRecord]) -> dict[str, TileLabel]:
    """By learner id: the least each tile needs to differ from its namesakes' tiles."""
    by_name: dict[str, list[LearnerRecord]] = {}
    for learner in learners:
        by_name.setdefault(" ".join(learner.display_name.split()), []).append(learner)
    labels: dict[str, TileLabel] = {}
    for same_name in by_name.values():
        digit_counts = Counter(learner.phone_last4 for learner in same_name)
        clashing = [learner for learner in same_name if digit_counts[learner.phone_last4] > 1]
        for learner in same_name:
            labels[learner.id] = TileLabel(learner.phone_last4)
        day_counts = Counter((learner.phone_last4, learner.created_at.date()) for learner in clashing)
        seen: Counter[tuple[str | None, date]] = Counter()
        for learner in sorted(clashing, key=lambda learner: (learner.created_at, learner.id)):
            day = learner.created_at.date()
            number = None
            if day_counts[learner.phone_last4, day] > 1:
                seen[learner.phone_last4, day] += 1
                number = seen[learner.phone_last4, day]
            labels[learner.id] = TileLabel(learner.phone_last4, day, number)
    return labels
