"""Render lesson steps to PNG so a tutor can see a lesson without playing it, and write an HTML
gallery over them (`silversteps courses preview` and `silversteps courses gallery`).

Each picture is what the learner gets at that step: the instruction, the hint and any safety
tip in large print beside the phone, with the expected target ringed as after two mistakes.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QVBoxLayout, QWidget

from app.core.course import Lesson
from app.ui.i18n import tr
from app.ui.icons import IconLibrary
from app.ui.phone import PhoneWidget
from app.ui.phone.fit import NATURAL_HEIGHT, natural_width
from app.ui.theme import Theme
from app.ui.widgets import TextLabel

CARD_SIZE = (1280, 960)


@dataclass(frozen=True)
class Shot:
    lesson_id: str
    step_number: int  # from 1
    step_id: str
    lang: str
    scale: float
    path: Path


class StepCard(QWidget):
    """Instruction, hint and tip beside the phone, as the player lays them out."""

    def __init__(self, theme: Theme, icons: IconLibrary) -> None:
        super().__init__()
        self._scale = theme.scale
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.resize(*CARD_SIZE)
        row = QHBoxLayout(self)
        margin = theme.px(32)
        row.setContentsMargins(margin, margin, margin, margin)
        row.setSpacing(theme.px(32))
        words = QVBoxLayout()
        words.setSpacing(theme.px(16))
        self.progress = TextLabel("", "body")
        self.say = TextLabel("", "instruction")
        self.hint = TextLabel("", "body")
        self.hint.setProperty("note", "hint")
        self.tip = TextLabel("", "body")
        self.tip.setProperty("note", "tip")
        for label in (self.progress, self.say, self.hint, self.tip):
            words.addWidget(label)
        words.addStretch(1)
        row.addLayout(words, 1)
        self.phone = PhoneWidget(theme, icons)
        row.addWidget(self.phone, 0, Qt.AlignmentFlag.AlignTop)

    def show_step(self, lesson: Lesson, index: int, lang: str) -> None:
        step = lesson.steps[index]
        self.phone.set_lang(lang)
        # Sized as the player sizes it, so a grid keeps the columns the learner sees (and the
        # hints' words of position are checked against: app/ui/phone/hint_positions.py).
        self.phone.fit_into(natural_width(self._scale), NATURAL_HEIGHT, [s.screen for s in lesson.steps])
        self.phone.show_screen(step.screen)
        total = len(lesson.steps)
        self.progress.set_text(tr("lesson_step", lang, title=lesson.title[lang], step=index + 1, total=total))
        self.say.set_text(step.say[lang])
        self.hint.set_text(tr("hint_prefix", lang, hint=step.hint[lang]))
        self.tip.set_text(tr("tip_prefix", lang, tip=step.tip[lang]) if step.tip else "")
        self.tip.setVisible(step.tip is not None)
        QApplication.processEvents()
        self.phone.highlight(step.expect.target)
        QApplication.processEvents()


def offscreen_if_headless() -> None:
    """Render without a screen when there is none (a server, CI)."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def render_lesson(
    lesson: Lesson, out_dir: Path, *, langs: Iterable[str] = ("zh", "en"), scales: Iterable[float] = (1.0,)
) -> list[Shot]:
    """Every step of `lesson` in each language and text size, as PNGs under `out_dir`."""
    icons = IconLibrary()
    shots: list[Shot] = []
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    for scale in scales:
        theme = Theme(scale)
        app.setStyleSheet(theme.stylesheet())
        card = StepCard(theme, icons)
        card.show()
        for lang in langs:
            for index, step in enumerate(lesson.steps):
                card.show_step(lesson, index, lang)
                path = out_dir / f"{lesson.id}-{index + 1:02d}-{lang}-{int(scale * 100)}.png"
                if not card.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                shots.append(Shot(lesson.id, index + 1, step.id, lang, scale, path))
        card.close()
        card.deleteLater()
    return shots


def write_gallery(lessons: list[Lesson], shots: list[Shot], out_dir: Path) -> Path:
    """An HTML page over the PNGs: one section per lesson, one row per step, the languages
    side by side; each picture links to its full size."""
    by_step: dict[tuple[str, int], list[Shot]] = {}
    for shot in shots:
        by_step.setdefault((shot.lesson_id, shot.step_number), []).append(shot)
    parts = [
        "<!doctype html><html lang='zh-CN'><meta charset='utf-8'>",
        "<title>SilverSteps lessons</title>",
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em;background:#FFFDF7;color:#1A1A1A}"
        "img{width:560px;border:1px solid #6B6B6B;margin:4px}h2{margin-top:2em}"
        "nav a{display:inline-block;margin:0 1em .5em 0}</style>",
        f"<h1>SilverSteps: {len(lessons)} lessons, {sum(len(lesson.steps) for lesson in lessons)} steps</h1><nav>",
    ]
    parts += [f"<a href='#{lesson.id}'>{html.escape(lesson.title['zh'])}</a>" for lesson in lessons]
    parts.append("</nav>")
    for lesson in lessons:
        parts.append(
            f"<h2 id='{lesson.id}'>{html.escape(lesson.title['zh'])} / {html.escape(lesson.title['en'])}</h2>"
            f"<p>{html.escape(lesson.theme)} · {lesson.minutes} min · {len(lesson.steps)} steps</p>"
        )
        for number, step in enumerate(lesson.steps, start=1):
            parts.append(f"<h3>{number}. {html.escape(step.id)}</h3><div>")
            for shot in by_step.get((lesson.id, number), []):
                link = html.escape(os.path.relpath(shot.path, out_dir))
                alt = html.escape(step.say[shot.lang])
                parts.append(f"<a href='{link}'><img src='{link}' alt='{alt}' loading='lazy'></a>")
            parts.append("</div>")
    index = out_dir / "index.html"
    index.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return index
