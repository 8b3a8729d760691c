"""The parts every lesson component is made of: bilingual text, target names, the actions a
learner can make, and the `Component` base class. Kept apart from `course.py` so component
families can live in their own modules without importing each other in a circle."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

LANGS = ("zh", "en")
SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
TargetId = Annotated[str, Field(pattern=SLUG, max_length=40, description="a name for a tappable spot")]
IconName = Annotated[str, Field(pattern=SLUG, description="an SVG in resources/icons, without .svg")]
# A sentence ends at 。！？.!? ; spoken sentences over this length are hard to follow.
MAX_SENTENCE_CHARS = 200
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.)\s")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """The same words in Simplified Chinese and English; both are required."""

    zh: str = Field(min_length=1, description="Simplified Chinese (zh-CN)")
    en: str = Field(min_length=1, description="English")

    def __getitem__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @field_validator("zh", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    def sentences(self, lang: str) -> list[str]:
        return [s.strip() for s in _SENTENCE_END.split(self[lang]) if s.strip()]


class ActionKind(StrEnum):
    TAP = "tap"
    LONG_PRESS = "long_press"
    SWIPE = "swipe"
    TYPE = "type"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"


class Style(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    DANGER = "danger"
    SUCCESS = "success"


# ---- components ---------------------------------------------------------------------------


class Component(Strict):
    """Base of every screen component. `targets()` lists the ids a learner can act on."""

    def targets(self) -> dict[str, set[ActionKind]]:
        return {}

    def icons(self) -> set[str]:
        return set()
