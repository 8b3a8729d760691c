"""The lesson player: the spoken, large-print instruction beside the simulated phone.

One journey runs through here: the phone emits an Action -> the practice run
(`app.kiosk.practice`) judges it, records it with its statements and commits, then answers what
to show -> the screen updates -> the speaker is asked to talk (never waited for). What a tap
means is decided there, not here: this screen only renders the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.core.course import Lesson, Text
from app.core.engine import Action, OutcomeKind
from app.kiosk.practice import PracticeRun, Shown
from app.ui.learner.texts import tr
from app.ui.phone import PhoneWidget
from app.ui.scrolling import scroll_page
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.theme import WIDE_SCREEN_PX
from app.ui.widgets import BreakingLabel, TextLabel, TopBar, big_button

TIP_ICON_PX = 48  # the safety tip's shield at 100 %
SIDE_MARGIN_PX = 48  # halved on a screen narrower than WIDE_SCREEN_PX
PORTRAIT_PHONE_SHARE = 0.52  # of the height under the top bar, on a portrait screen
TIP_BESIDE_PX = 560  # a narrower words column has the safety tip's shield above its words
WORDS_SHARE_LEAST = 0.75  # less room than this over the buttons, and they move beside the words
HINT_MARGIN_PX = 8  # above and below the hint when it is scrolled into sight


class PlayerScreen(QWidget):
    completed = Signal(object)  # Lesson
    finish_later = Signal()
    step_recorded = Signal(object)  # Outcome, emitted after the store has committed it

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._services = services
        self.run: PracticeRun | None = None
        self._note: str = ""  # "hint", "highlight", "help" or "called" (help, and a tutor is told) while shown
        # The coach's words beside the phone: ("trap" | "neutral" | "safe", the choice's words).
        self._coach: tuple[str, Text | None] | None = None
        self._sound_note_shown = False
        self._buttons_per_row = 3  # 1: a strip beside the words, on a short screen
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.top_bar = TopBar(state)
        self.step_counter = self.top_bar.lead  # "Lesson: step 2 of 9", where Back would be
        outer.addWidget(self.top_bar)
        # The words beside the phone, or above it on a portrait screen (see _fit).
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setContentsMargins(48, 0, 48, 24)
        row.setSpacing(48)
        self.body = row
        outer.addLayout(row, 1)

        panel = QVBoxLayout()
        panel.setSpacing(20)
        self.instruction = BreakingLabel("", "instruction")
        self.instruction.setObjectName("instruction")
        self.hint = BreakingLabel("", "instruction")
        self.hint.setObjectName("hint")
        self.hint.setProperty("note", "hint")
        # The safety tip as large as the instruction, with a shield: it is what keeps them safe.
        self.tip_box = QWidget()
        self.tip_box.setObjectName("tip-box")
        self.tip_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        tip_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.tip_box)  # the shield above, if narrow
        self.tip_row = tip_row
        tip_row.setContentsMargins(12, 12, 12, 12)
        tip_row.setSpacing(16)
        self.tip_icon = QLabel()
        self.tip_icon.setObjectName("tip-icon")
        tip_row.addWidget(self.tip_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.tip = BreakingLabel("", "instruction")
        self.tip.setObjectName("tip")
        tip_row.addWidget(self.tip, 1)
        self.sound_note = TextLabel("", "body")
        self.sound_note.setObjectName("sound-note")
        self.sound_note.setProperty("note", "status")
        # After a choice on a step that offers several: what the coach says, outside the phone
        # (a warning inside it would look as if a real app would warn them).
        self.coach_box = QWidget()
        self.coach_box.setObjectName("coach")
        self.coach_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        coach_column = QVBoxLayout(self.coach_box)
        coach_column.setContentsMargins(16, 12, 16, 12)
        coach_column.setSpacing(8)
        self.coach_heading = BreakingLabel("", "instruction")
        self.coach_heading.setObjectName("coach-heading")
        self.coach_words = BreakingLabel("", "instruction")
        self.coach_words.setObjectName("coach-words")
        coach_column.addWidget(self.coach_heading)
        coach_column.addWidget(self.coach_words)
        self.coach_box.hide()
        for widget in (self.coach_box, self.instruction, self.hint, self.tip_box, self.sound_note):
            panel.addWidget(widget)
        panel.addStretch(1)
        column = QVBoxLayout()  # the words scroll if they must; the buttons never move
        column.setSpacing(16)
        self.words = scroll_page(panel, state)
        self.words.viewport().installEventFilter(self)  # a shorter page keeps the hint in sight
        column.addWidget(self.words, 1)
        # "Your tutor has been told": fixed above the buttons, never scrolled out of sight.
        self.called = TextLabel("", "instruction")
        self.called.setObjectName("tutor-called")
        self.called.setProperty("note", "called")
        self.called.hide()
        column.addWidget(self.called)
        self.button_box = QWidget()
        buttons = QGridLayout(self.button_box)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(16)
        self.say_again = big_button("", kind="secondary", role="button_main", name="say-again")
        self.slower = big_button("", kind="secondary", role="button_main", name="slower")
        self.back_step = big_button("", name="back-step", role="button_main")
        self.help = big_button("", kind="warm", role="button_main", name="help")
        self.later = big_button("", name="finish-later", role="button_main")
        self.buttons = buttons
        self._sound = True
        self._arrange_buttons()
        column.addWidget(self.button_box)
        self.column = column
        row.addLayout(column, 1)

        self._speaker = services.kiosk.speaker
        self.phone = PhoneWidget(state.theme, services.icons)
        row.addWidget(self.phone, 0, Qt.AlignmentFlag.AlignVCenter)

        self.say_again.clicked.connect(lambda: self.speak_instruction(slow=False))
        self.slower.clicked.connect(lambda: self.speak_instruction(slow=True))
        self.back_step.clicked.connect(self.go_back)
        self.help.clicked.connect(self.show_help)
        self.later.clicked.connect(self.finish_later)
        self.phone.acted.connect(self.on_action)
        state.lang_changed.connect(self._on_lang)
        state.theme_changed.connect(self._on_theme)
        self._retranslate_buttons()

    # ---- opening and showing a step ---------------------------------------------------------

    def open(self, lesson: Lesson, *, from_start: bool = False) -> None:
        """Start the lesson for the signed-in learner, or resume it at the stored step (or,
        `from_start`, at its first step)."""
        learner = self._state.learner
        if learner is None:
            raise RuntimeError("no learner is signed in")
        self.run = self._services.kiosk.practice.open(learner.id, lesson, from_start=from_start)
        self._coach = None
        self._sound = self._speaker.unavailable_reason is None
        self._arrange_buttons()
        self._fit()
        self._tell_once_if_silent()
        self.show_step()

    def _tell_once_if_silent(self) -> None:
        """No voice: the notice shows, once per sign-in."""
        silent = self._speaker.unavailable_reason is not None
        self.sound_note.setVisible(silent and not self._sound_note_shown)
        self._sound_note_shown = self._sound_note_shown or silent

    def _sound_lost(self) -> None:
        """The speaker's start-up check found no voice after this lesson opened (a slow first
        render on a PC just switched on): the speech buttons go and the notice comes."""
        self._sound = False
        self._arrange_buttons()
        self._fit()
        self._tell_once_if_silent()

    def new_learner(self) -> None:
        """Someone signed in: the no-sound notice is theirs to see once."""
        self._sound_note_shown = False

    # ---- fitting the screen ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The words' window got shorter (the page-turn buttons came, the banner showed): the
        hint on show stays in sight."""
        if watched is self.words.viewport() and event.type() == QEvent.Type.Resize and self._note:
            self._hint_in_sight()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Share this screen between the words and the phone: side by side, or the words above
        the phone on a portrait screen; the phone takes the height it can have (see
        app/ui/phone/fit.py) and the words column the rest, its buttons in rows that fit."""
        width, height = self.width(), self.height()
        side = SIDE_MARGIN_PX if width >= WIDE_SCREEN_PX else SIDE_MARGIN_PX // 2
        bottom = self.body.contentsMargins().bottom()
        self.body.setContentsMargins(side, 0, side, bottom)
        self.body.setSpacing(side)
        top = self.top_bar.heightForWidth(width)
        free_height = height - (top if top > 0 else self.top_bar.sizeHint().height()) - bottom
        screens = [step.screen for step in self.run.lesson.steps] if self.run is not None else []
        portrait = height > width
        if portrait:
            self.body.setDirection(QBoxLayout.Direction.TopToBottom)
            self.body.setAlignment(self.phone, Qt.AlignmentFlag.AlignHCenter)
            self.phone.fit_into(width - 2 * side, round(free_height * PORTRAIT_PHONE_SHARE), screens)
            words_width = width - 2 * side
        else:
            self.body.setDirection(QBoxLayout.Direction.LeftToRight)
            self.body.setAlignment(self.phone, Qt.AlignmentFlag.AlignVCenter)
            words_least = self._buttons_width(2)
            self.phone.fit_into(width - 2 * side - side - words_least, free_height, screens)
            words_width = width - 2 * side - side - self.phone.sizeHint().width()
        per_row = 3 if self._buttons_width(3) <= words_width else 2
        if not portrait and self._words_height(per_row, free_height) < free_height * WORDS_SHARE_LEAST:
            per_row = 1  # a short screen: the buttons stand beside the words, not under them
            words_width -= self._buttons_width(1) + side
        narrow = words_width < self._state.theme.px(TIP_BESIDE_PX)
        self.tip_row.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
        if per_row != self._buttons_per_row:
            self._buttons_per_row = per_row
            self._arrange_buttons()
        if self._note == "called":
            self._word_called_banner()
        # Beside a strip of buttons the words are narrow: no bar beside them (a finger and the
        # page-turn buttons scroll them), so a long English word still fits at 150 %.
        bar = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if per_row == 1 else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        if self.words.verticalScrollBarPolicy() != bar:
            self.words.setVerticalScrollBarPolicy(bar)
            self.words.page_turns.bar_off = per_row == 1
            self.words.page_turns.retranslate()
        # Over the buttons the words are wide and short: the page turns cost less beside them.
        self.words.page_turns.set_beside(per_row != 1)

    def _words_height(self, per_row: int, free_height: int) -> int:
        """What is left for the words over the buttons laid `per_row` across."""
        rows = {3: 2, 2: 3}[per_row] if self._sound else 2
        spacing = self.buttons.verticalSpacing()
        tallest = max(button.sizeHint().height() for button in (self.help, self.back_step, self.later))
        return free_height - rows * (tallest + spacing) - self.column.spacing()

    def _buttons_width(self, per_row: int) -> int:
        shown = [self.help, self.back_step, self.later] + ([self.say_again, self.slower] if self._sound else [])
        widest = max(button.sizeHint().width() for button in shown)
        return widest * per_row + self.buttons.horizontalSpacing() * (per_row - 1)

    def _arrange_buttons(self) -> None:
        """Without a voice, "Say it again" and "Slower" would do nothing: they are not shown,
        and Help takes their row. Where three do not fit across, Help gets a row of its own."""
        grid = self.buttons
        sound = self._sound
        for button in (self.say_again, self.slower, self.help, self.back_step, self.later):
            grid.removeWidget(button)
        for row in range(grid.rowCount()):
            grid.setRowStretch(row, 0)
        self.say_again.setVisible(sound)
        self.slower.setVisible(sound)
        beside = self._buttons_per_row == 1
        if beside != (self.body.indexOf(self.button_box) >= 0):
            (self.column if beside else self.body).removeWidget(self.button_box)
            if beside:
                self.body.insertWidget(1, self.button_box, 0)
            else:
                self.column.addWidget(self.button_box)
        if beside:
            order = [self.say_again, self.slower, self.help] if sound else [self.help]
            for index, button in enumerate([*order, self.back_step, self.later]):
                grid.addWidget(button, index, 0)
            grid.setRowStretch(len(order) + 2, 1)
            return
        row = 0
        if sound and self._buttons_per_row >= 3:
            grid.addWidget(self.say_again, 0, 0, 1, 2)
            grid.addWidget(self.slower, 0, 2, 1, 2)
            grid.addWidget(self.help, 0, 4, 1, 2)
        elif sound:
            grid.addWidget(self.say_again, 0, 0, 1, 3)
            grid.addWidget(self.slower, 0, 3, 1, 3)
            row = 1
            grid.addWidget(self.help, row, 0, 1, 6)
        else:
            grid.addWidget(self.help, 0, 0, 1, 6)
        grid.addWidget(self.back_step, row + 1, 0, 1, 3)
        grid.addWidget(self.later, row + 1, 3, 1, 3)

    def show_step(self, *, speak: bool = True) -> None:
        run = self._require_run()
        if self._sound and self._speaker.unavailable_reason is not None:
            self._sound_lost()
        lang = self._state.lang
        step = run.step
        self._note = ""
        step_of = {"step": run.step_index + 1, "total": run.step_count}
        self.top_bar.set_lead(
            tr("lesson_step", lang, title=run.lesson.title[lang], **step_of), tr("lesson_step_short", lang, **step_of)
        )
        self.instruction.set_text(step.say[lang])
        self.words.verticalScrollBar().setValue(0)  # a new step's words from their start
        self.hint.hide()
        self.called.hide()
        self.tip_box.setVisible(step.tip is not None)
        if step.tip:
            self.tip.set_text(tr("tip_prefix", lang, tip=step.tip[lang]))
            size = self._state.theme.px(TIP_ICON_PX)
            self.tip_icon.setPixmap(self._services.icons.pixmap("shield", size))
            self.tip_icon.setFixedSize(size, size)
        self.back_step.setEnabled(run.step_index > 0)
        self.sound_note.set_text(tr("sound_off_learner", lang))
        self.phone.set_lang(lang)
        self.phone.show_screen(step.screen)
        self.phone.clear_highlight()
        self._show_coach()
        if speak:
            praise = self._coach_spoken() if self._coach and self._coach[0] == "safe" else ""
            self.speak_instruction(before=praise)
        if run.step_index + 1 < run.step_count:
            # Build the next screen while the learner reads this one: the tap then only swaps.
            upcoming = run.lesson.steps[run.step_index + 1].screen
            QTimer.singleShot(0, lambda: self.run is run and self.phone.prepare(upcoming))

    def speak_instruction(self, *, slow: bool = False, before: str = "") -> None:
        """The step's words and its tip; `before`: the coach's praise for the choice that led here."""
        if self.run is None:
            return
        step = self.run.step
        text = f"{before} {step.say[self._state.lang]}".strip()
        if step.tip:
            text = f"{text} {tr('tip_prefix', self._state.lang, tip=step.tip[self._state.lang])}"
        self._speaker.say(text, self._state.lang, slow=slow)

    # ---- the learner acts ------------------------------------------------------------------

    def on_action(self, action: Action) -> None:
        run = self.run
        if run is None or run.is_complete:
            return
        shown = run.act(action)  # judged, recorded and committed
        self.step_recorded.emit(shown.outcome)
        self._show(shown)

    def _show(self, shown: Shown) -> None:
        lang = self._state.lang
        outcome = shown.outcome
        if shown.kind is OutcomeKind.NEXT:
            self._coach = ("safe", outcome.coach) if outcome.safe else None
            self.show_step()
        elif shown.kind in (OutcomeKind.TRAP, OutcomeKind.NEUTRAL):
            self._coach = (shown.kind.value, outcome.coach)
            self._note = ""
            self.hint.hide()
            self.phone.clear_highlight()
            self._show_coach()
            if outcome.highlight_target:  # a second trap on this step: show the safe way
                self.phone.highlight(outcome.highlight_target)
            self._speaker.say(self._coach_spoken(), lang)
        elif shown.complete:
            self.phone.clear_highlight()
            self._speaker.say(tr("praise_spoken", lang), lang)
            self.completed.emit(self._require_run().lesson)
        elif shown.kind is OutcomeKind.HINT:
            self._clear_coach()  # the hint matters more now than what was said of a choice
            self._show_hint()
            self._speaker.say(shown.step.hint[lang], lang)
        else:
            self._clear_coach()
            self._show_highlight()
            self._speaker.say(f"{tr('highlight_note', lang)} {shown.step.hint[lang]}", lang)

    def _show_coach(self) -> None:
        """The coach's panel as `_coach` says (hidden when there is nothing to say)."""
        coach = self._coach
        self.coach_box.setVisible(coach is not None)
        if coach is None:
            return
        kind, words = coach
        lang = self._state.lang
        self.coach_box.setProperty("coach", kind)
        self.coach_box.style().unpolish(self.coach_box)
        self.coach_box.style().polish(self.coach_box)
        self.coach_heading.set_text(tr(f"coach_{kind}", lang))
        body = words[lang] if words is not None else ""
        if kind != "safe":
            body = f"{body}\n{tr('choose_again', lang)}".strip()
        self.coach_words.set_text(body)
        self.coach_words.setVisible(bool(body))
        # The panel heads the words: from their start, its first line in sight however tall it is.
        QTimer.singleShot(0, self, lambda: self.words.verticalScrollBar().setValue(0))

    def _clear_coach(self) -> None:
        self._coach = None
        self.coach_box.hide()

    def _coach_spoken(self) -> str:
        if self._coach is None:
            return ""
        kind, words = self._coach
        lang = self._state.lang
        parts = [tr(f"coach_{kind}", lang), words[lang] if words is not None else ""]
        if kind != "safe":
            parts.append(tr("choose_again", lang))
        return " ".join(part for part in parts if part)

    def _show_hint(self) -> None:
        self._note = "hint"
        self.hint.set_text(tr("hint_prefix", self._state.lang, hint=self._require_run().step.hint[self._state.lang]))
        self.hint.show()
        self._hint_in_sight()

    def _show_highlight(self, *, asked: bool = False) -> None:
        """The ring and arrow on the right spot, and the hint: after a second mistake ("没关系"),
        or because they asked (Help: no word of a mistake)."""
        lang = self._state.lang
        run = self._require_run()
        self._note = "help" if asked else "highlight"
        note = tr("help_note" if asked else "highlight_note", lang)
        self.hint.set_text(f"{note}\n{tr('hint_prefix', lang, hint=run.step.hint[lang])}")
        self.hint.show()
        self.phone.highlight(run.step.expect.target)
        self._hint_in_sight()

    def _hint_in_sight(self) -> None:
        """Scroll the words so the hint shows whole, once the layouts have placed it (the
        banner may have made the page shorter meanwhile)."""

        def scroll() -> None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the new sizes, now
            self.words.ensureWidgetVisible(self.hint, 0, HINT_MARGIN_PX)

        QTimer.singleShot(0, self, scroll)

    def show_help(self) -> None:
        """Help shows the way at once (hint and highlight) without counting a mistake."""
        if self.run is None:
            return
        self._show_highlight(asked=True)
        lang = self._state.lang
        self._speaker.say(f"{tr('help_note', lang)} {self.run.step.hint[lang]}", lang)
        if self.run.ask_help():  # a session is on: the tutor sees the call on their board
            self.tell_tutor_called()

    def tell_tutor_called(self) -> None:
        """A session is on: the tutor sees the call on their board; say so, kindly."""
        self._show_tutor_called()
        self._speaker.say(tr("tutor_called", self._state.lang), self._state.lang)

    def _show_tutor_called(self) -> None:
        self._show_highlight(asked=True)
        self._note = "called"
        self._word_called_banner()
        self.called.show()

    def _word_called_banner(self) -> None:
        """The banner's words: shorter where the whole sentence would take more than a line
        (English at the largest text), so the hint keeps its room; the whole sentence is
        spoken all the same."""
        lang = self._state.lang
        whole = tr("tutor_called", lang)
        padding = self.called.width() - self.called.contentsRect().width()  # the style's, even while hidden
        room = self.words.width() - padding  # the banner is as wide as the words above it
        fits = self.called.fontMetrics().horizontalAdvance(whole) <= room
        self.called.set_text(whole if fits else tr("tutor_called_short", lang))

    def go_back(self) -> None:
        self._require_run().back()
        self._coach = None
        self.show_step()

    def leave(self) -> None:
        """Stop talking and drop the run; progress is already stored step by step."""
        self._speaker.stop()
        self.phone.clear_highlight()
        self.run = None

    # ---- language and size -----------------------------------------------------------------

    def _retranslate_buttons(self) -> None:
        lang = self._state.lang
        self.say_again.setText(tr("say_again", lang))
        self.slower.setText(tr("slower", lang))
        self.back_step.setText(tr("back_step", lang))
        self.help.setText(tr("help", lang))
        self.later.setText(tr("finish_later", lang))

    def _on_lang(self, *_: object) -> None:
        self._retranslate_buttons()
        self._fit()
        self._redraw()

    def _on_theme(self, theme: object) -> None:
        self.phone.set_theme(theme)
        self._fit()
        self._redraw()

    def _redraw(self) -> None:
        if self.run is None or self.run.is_complete:
            return
        note = self._note
        self.show_step(speak=False)
        if note == "hint":
            self._show_hint()
        elif note in ("highlight", "help"):
            self._show_highlight(asked=note == "help")
        elif note == "called":
            self._show_tutor_called()

    def _require_run(self) -> PracticeRun:
        if self.run is None:
            raise RuntimeError("no lesson is open")
        return self.run
