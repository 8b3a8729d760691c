"""Where each step's target is drawn on the simulated phone, measured offscreen, so
`courses validate` can check the words of position in its instruction and hint
(the claims and the judging are pure: `app.core.hint_positions`).

One phone widget is built once and reused for every lesson, text size and language: the
check over all bundled lessons then takes seconds. Positions are what the learner sees: the
phone fitted to a kiosk's space as the player fits it (home screens keep their columns), the
target scrolled into view the way a highlight scrolls it (`ensure_visible`), measured in the
phone's screen. A claim may also be meant of the whole scrolled page ("下面" of a long page:
further down it) or of the target's own component ("地图的左上方"), so those frames are
measured too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.core.course import Component, Lesson, ListView, Screen, Step, Text
from app.core.hint_positions import Box, Order, Placement, claims_about_target, mismatches
from app.core.loader import Loc, Problem, describe, line_for
from app.ui.icons import IconLibrary
from app.ui.phone.fit import NATURAL_HEIGHT, natural_width
from app.ui.phone.targets import TargetButton
from app.ui.phone.widget import PhoneWidget
from app.ui.theme import Theme

SCALES = (1.0, 1.25, 1.5)
LANGS = ("zh", "en")
CHECKED_FIELDS = ("say", "hint")
_TAGS = re.compile(r"<[^>]+>")


class PositionProbe:
    """One offscreen phone at one text size and language that lays out step screens and
    measures their targets; lessons are measured one after another on it."""

    def __init__(self, scale: float, lang: str, icons: IconLibrary | None = None) -> None:
        self.scale = scale
        self.phone = PhoneWidget(Theme(scale), icons or IconLibrary())
        self.phone.set_lang(lang)
        self.phone.show()  # a hidden widget is never laid out

    def close(self) -> None:
        self.phone.close()
        self.phone.deleteLater()

    def set_lesson(self, lesson: Lesson) -> None:
        """Size the phone as the player does for this lesson (home screens keep their columns)."""
        self.phone.fit_into(natural_width(self.scale), NATURAL_HEIGHT, [step.screen for step in lesson.steps])

    def measure(self, step: Step) -> Measured | None:
        """Where the step's target is drawn and the words around it (None: not drawn)."""
        phone = self.phone
        phone.show_screen(step.screen)
        QApplication.processEvents()  # lays the page out (and deletes the last one)
        target = phone.target_widget(step.expect.target)
        page = _ancestor(target, "phone-page") if target is not None else None
        if target is None or page is None:
            return None
        phone.ensure_visible(step.expect.target)  # scrolls at once
        screen = phone.screen
        seen = _box(_rect_in(target, screen), screen.rect())
        frames = []
        surface = _ancestor(target, "phone-surface")
        if surface is not None:
            frames.append(_box(_rect_in(target, surface), surface.rect()))
        component = _component_of(target)
        if component is not None:
            frames.append(_box(_rect_in(target, component), component.rect()))
        highest, lowest = _extremes(target, page)
        placement = Placement(seen, tuple(frames), _order(step.screen, step.expect.target, phone), highest, lowest)
        words = {_label_text(label) for label in page.findChildren(QLabel) if label.isVisibleTo(page)}
        return Measured(placement, _names(target, step.screen), words)


@dataclass(frozen=True)
class Measured:
    placement: Placement
    names: set[str]  # the words on the target
    words: set[str]  # every word on the screen


def _extremes(target: QWidget, page: QWidget) -> tuple[bool, bool]:
    """Whether nothing of the page's content (its bars aside) is drawn wholly above, or wholly
    below, the target."""
    rect = _rect_in(target, page)
    scroll = _ancestor(target, "phone-scroll")
    content_top = _rect_in(scroll, page).top() if scroll is not None else 0
    above = below = False
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, QLabel | TargetButton) or widget is target or target.isAncestorOf(widget):
            continue
        if not widget.isVisibleTo(page) or _ancestor(widget, "title-bar") is not None:
            continue
        other = _rect_in(widget, page)
        if other.top() < content_top or other.height() == 0:
            continue  # the status bar
        above = above or other.bottom() < rect.top()
        below = below or other.top() > rect.bottom()
    return not above, not below


def _rect_in(widget: QWidget, frame: QWidget) -> QRect:
    return QRect(widget.mapTo(frame, QPoint(0, 0)), widget.size())


def _box(rect: QRect, frame: QRect) -> Box:
    width, height = max(1, frame.width()), max(1, frame.height())
    return Box(rect.left() / width, rect.top() / height, (rect.right() + 1) / width, (rect.bottom() + 1) / height)


def _ancestor(widget: QWidget, name: str) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None and parent.objectName() != name:
        parent = parent.parentWidget()
    return parent


def _component_of(widget: QWidget) -> QWidget | None:
    """The component (or bar, or overlay) the widget was built in: the child of the scrolled
    surface or of the page that holds it."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and parent.objectName() not in ("phone-surface", "phone-page"):
        child, parent = parent, parent.parentWidget()
    return child if parent is not None and child is not widget else None


def _component_with(screen: Screen, target_id: str) -> Component | None:
    return next((c for c in screen.components if target_id in c.targets()), None)


def _order(screen: Screen, target_id: str, phone: PhoneWidget) -> Order | None:
    """The target's row and place among its component's items: a list's rows in order (rows
    without an id count too), else the component's targets grouped into rows as drawn. A
    component with one target has nothing to count among."""
    component = _component_with(screen, target_id)
    if component is None:
        return None
    if isinstance(component, ListView):
        ids = [row.id for row in component.rows]
        at = ids.index(target_id) + 1
        return Order(at, len(ids), 1, 1, at, len(ids))
    peers = [phone.target_widget(t) for t in component.targets()]
    peers = [p for p in peers if p is not None and p.isVisibleTo(phone)]
    if len(peers) < 2:
        return None
    frame = phone.screen
    rects = {p.target_id: _rect_in(p, frame) for p in peers}
    rows: list[list[str]] = []
    for tid in sorted(rects, key=lambda t: (rects[t].center().y(), rects[t].left())):
        row = rows[-1] if rows else None
        if row and abs(rects[row[0]].center().y() - rects[tid].center().y()) < rects[row[0]].height() / 2:
            row.append(tid)
        else:
            rows.append([tid])
    for row in rows:
        row.sort(key=lambda t: rects[t].left())
    reading = [t for row in rows for t in row]
    r = next(i for i, row in enumerate(rows) if target_id in row)
    return Order(
        r + 1, len(rows), rows[r].index(target_id) + 1, len(rows[r]), reading.index(target_id) + 1, len(reading)
    )


def _names(target: TargetButton, screen: Screen) -> set[str]:
    """The words the learner sees on the target (and on the lesson's description of it): a
    quote of any of them names the target."""
    names = {_label_text(label) for label in target.findChildren(QLabel)}
    parent = target.parentWidget()
    if parent is not None and len(parent.findChildren(TargetButton)) == 1:
        names |= {_label_text(label) for label in parent.findChildren(QLabel)}  # a caption under a round button
    component = _component_with(screen, target.target_id)
    if component is not None:
        names |= _model_names(component, target.target_id)
    return {n for n in names if n.strip()}


def _label_text(label: QLabel) -> str:
    source = label.property("source_text")
    return str(source) if source else html.unescape(_TAGS.sub("", label.text()))


def _model_names(component: Component, target_id: str) -> set[str]:
    """The texts of the lesson's item with this id (a row's title, an app's label), and the
    labels a component gives a named button (`accept` -> `accept_label`)."""
    found: set[str] = set()

    def texts(value: object) -> Iterable[str]:
        if isinstance(value, Text):
            yield value.zh
            yield value.en
        elif isinstance(value, list):
            for item in value:
                yield from texts(item)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from texts(getattr(value, name))

    def visit(model: object) -> None:
        if isinstance(model, list):
            for item in model:
                visit(item)
            return
        if not isinstance(model, BaseModel):
            return
        for name in type(model).model_fields:
            value = getattr(model, name)
            if value == target_id:
                if name == "id":
                    found.update(texts(model) if model is not component else [])
                label = getattr(model, f"{name}_label", None)
                found.update(texts(label))
            elif isinstance(value, list):
                visit(value)
        if model is component and getattr(model, "id", None) == target_id:
            found.update(texts(getattr(model, "label", None)))

    visit(component)
    return found


def position_problems(
    lessons: Sequence[tuple[Path, Lesson, dict[Loc, int]]], scales: tuple[float, ...] = SCALES
) -> list[Problem]:
    """Every word of position in a step's instruction or hint that its target's drawing
    contradicts, at any of `scales`, as `file:line` problems. Needs a QApplication.

    Only steps whose words could make a claim are laid out, on one phone per text size and
    language (a new lesson only refits it): about a thousand layouts for the bundled lessons.
    """
    measured: dict[tuple[int, str, int], dict[float, Measured]] = {}
    for scale in scales:
        for lang in LANGS:
            probe = PositionProbe(scale, lang)
            try:
                for number, (_path, lesson, _lines) in enumerate(lessons):
                    steps = [i for i, step in enumerate(lesson.steps) if _may_claim(step, lang)]
                    if steps:
                        probe.set_lesson(lesson)
                    for index in steps:
                        result = probe.measure(lesson.steps[index])
                        if result is not None:
                            measured.setdefault((number, lang, index), {})[scale] = result
            finally:
                probe.close()
    problems = []
    for (number, lang, index), by_scale in sorted(measured.items()):
        path, lesson, lines = lessons[number]
        step = lesson.steps[index]
        names = set().union(*(m.names for m in by_scale.values()))
        words = set().union(*(m.words for m in by_scale.values()))
        placements = {scale: m.placement for scale, m in sorted(by_scale.items())}
        for field in CHECKED_FIELDS:
            loc: Loc = ("steps", index, field, lang)
            text = getattr(step, field)[lang]
            for mismatch in mismatches(text, lang, names, placements, instruction=field == "say", screen_words=words):
                problems.append(
                    Problem(path, line_for(loc, lines), f"{describe(loc)}: {mismatch.message(step.expect.target)}")
                )
    return sorted(problems, key=lambda p: (str(p.path), p.line))


def _may_claim(step: Step, lang: str) -> bool:
    """A quick first look, before any layout: a claim the target could be judged by."""
    return any(
        claims_about_target(getattr(step, field)[lang], lang, None, instruction=field == "say")
        for field in CHECKED_FIELDS
    )
