"""How big the simulated phone is drawn, and how large its own text, in the space it is given.

The lessons' screens were written for a phone 880 px tall at the learner's text size. On a
small kiosk screen (1366 x 768, 1280 x 800) the phone gets shorter and its text smaller, but
never under the floor of 20 pt (text scale 1.0): a phone shorter than its page scrolls
inside, as a real one does. On a large screen it grows into the free space. The text also
shrinks, within the same floor, where a home screen's apps would otherwise lose a column,
so that "the third in the first row" stays true at every text size.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

NATURAL_HEIGHT = 880  # the height the lessons' screens were written for
TALLEST = 1000
SHORTEST = 520  # shorter than this a phone would show too little of a screen
ASPECT = 0.56  # width / height of a phone drawn taller than its natural height
FLOOR_SCALE = 1.0  # phone text never under 20 pt
SCALE_STEP = 0.05


def natural_width(text_scale: float) -> int:
    """480 px at 100 % text, 540 at 150 %: wide enough for three apps in a row."""
    return round(480 + 120 * (text_scale - 1.0))


@dataclass(frozen=True)
class PhoneFit:
    width: int
    height: int
    text_scale: float


def fit_phone(
    space_width: int,
    space_height: int,
    learner_scale: float,
    *,
    keeps_columns: Callable[[float, int], bool] | None = None,
) -> PhoneFit:
    """The phone for `space`, at the learner's text size where it fits.

    `keeps_columns(text_scale, width)` says whether the lesson's home screens keep their
    columns at that text size; the text is made smaller (never under the floor) until they do.
    """
    height = max(SHORTEST, min(TALLEST, space_height))
    scale = learner_scale
    if height < NATURAL_HEIGHT:  # a short phone: its text shrinks with it, down to the floor
        scale = max(FLOOR_SCALE, _step_down(learner_scale * height / NATURAL_HEIGHT))
    scale = min(scale, learner_scale)
    if keeps_columns is not None:
        while scale > FLOOR_SCALE and not keeps_columns(scale, natural_width(scale)):
            scale = max(FLOOR_SCALE, round(scale - SCALE_STEP, 2))
    scale = round(scale, 2)
    width = max(natural_width(scale), round(height * ASPECT))
    width = min(width, max(natural_width(scale), space_width))
    return PhoneFit(width, height, scale)


def _step_down(scale: float) -> float:
    return math.floor(scale / SCALE_STEP + 1e-9) * SCALE_STEP
