""" "I'm new here": asks only for a name and, if they like, the last four digits of a phone.

No hardware keyboard is needed: the name is written by hand, a character at a time, on a pad
under its box (where Zinnia is installed; the on-screen pinyin keys stay for those who want
them), and the digits are tapped on a number pad under theirs. Each tool sits below the box it
fills and only while that box is being filled, so it never covers the box nor the button that
saves. A name that is already here asks for the phone digits that tell the two apart."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.core.names import namesakes
from app.ui.flow_layout import FlowLayout
from app.ui.handwriting_pad import GAP_PX, SMALLEST_PX, HandwritingPad
from app.ui.learner.texts import tr
from app.ui.pinpad import PinPad
from app.ui.scrolling import scroll_page
from app.ui.services import Services
from app.ui.state import KioskState
from app.ui.touch_keyboard import keys_for, offer_keyboard
from app.ui.widgets import TextLabel, TopBar, big_button

FORM_PX = 350  # the form's least width at 100 % beside a pad: a name, the digits and the save button
BOX_MARGIN_PX = 16  # above the box brought to the top of the page


class NewLearnerScreen(QWidget):
    learner_created = Signal(object)  # LearnerRecord
    back_requested = Signal()
    problem_shown = Signal(str)  # so the window can speak it

    def __init__(self, state: KioskState, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._state = state
        self._learners = services.kiosk.learners
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 24)
        top = TopBar(state, with_back=True)
        top.back_requested.connect(self.back_requested)
        layout.addWidget(top)
        body = QVBoxLayout()
        body.setContentsMargins(48, 24, 48, 0)
        body.setSpacing(20)
        self.page: QScrollArea = scroll_page(body, state)
        self.page.setProperty("focusPolicy", "NoFocus")  # writing on the pad leaves the focus in the box
        layout.addWidget(self.page, 1)
        self.heading = TextLabel("", "heading")
        self.name_label = TextLabel("", "body")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setProperty("role", "instruction")
        self.name.setMaxLength(40)
        self.name.setMaximumWidth(900)
        self.writing: HandwritingPad | None = None
        if services.handwriting is not None:
            self.writing = HandwritingPad(state, services.handwriting)
            self.writing.character_chosen.connect(self._write)
            self.writing.erase_requested.connect(self._erase)
        self.digits_label = TextLabel("", "body")
        self.digits = QLineEdit()
        self.digits.setObjectName("phone-last4")
        self.digits.setProperty("role", "instruction")
        self.digits.setMaxLength(4)
        self.digits.setMaximumWidth(320)
        keys_for(self.digits, False)  # the number pad below it, not the pinyin keys
        self.number_pad = PinPad(state, self.digits)
        self.number_pad.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.number_pad.hide()
        self.problem = TextLabel("", "body")
        self.problem.setObjectName("problem")
        self.problem.setProperty("note", "hint")
        self.problem.hide()
        self.save = big_button("", kind="primary", role="button_main", name="save-learner")
        self.save.clicked.connect(self.submit)
        self.find_mine = big_button("", kind="secondary", role="button_main", name="find-my-name")
        self.find_mine.clicked.connect(self.back_requested)
        self.find_mine.hide()
        self.name.returnPressed.connect(self.submit)
        self.digits.returnPressed.connect(self.submit)
        body.addWidget(self.heading)
        columns = QHBoxLayout()
        columns.setSpacing(48)
        body.addLayout(columns)
        self.form_box = QWidget()
        self.form = QVBoxLayout(self.form_box)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setSpacing(20)
        columns.addWidget(self.form_box, 1)
        self.side = QVBoxLayout()  # the tools, beside the form where the screen is wide enough
        columns.addLayout(self.side)
        for widget in (self.name_label, self.name, self.digits_label, self.digits, self.problem):
            self.form.addWidget(widget)
        row = FlowLayout(spacing=24)  # side by side, or one under the other in a narrow form
        row.addWidget(self.save)
        row.addWidget(self.find_mine)
        self.form.addLayout(row)
        self.form.addStretch(1)
        self.side.addStretch(1)
        self._beside: bool | None = None
        self._label_in_sight = True  # the words above the name box, with the box and the square
        self._place_tools()
        body.addStretch(1)
        self._tools = _ToolForField(self)
        for field in (self.name, self.digits):
            field.installEventFilter(self._tools)
        state.lang_changed.connect(self.retranslate)
        self.retranslate()

    def reset(self) -> None:
        self.name.clear()
        self.digits.clear()
        self.problem.hide()
        self.find_mine.hide()
        if self.writing is not None:
            self.writing.clear()
        self.page.verticalScrollBar().setValue(0)
        self.use_tool_for(self.name)
        if self.writing is None:
            offer_keyboard(self.name)  # no pad: the pinyin keys, where the kiosk has them
        else:
            self.name.setFocus()

    def use_tool_for(self, field: QLineEdit) -> None:
        """Show the pad under the box being filled and hide the other's; keep the box in sight."""
        if self.writing is not None:
            self.writing.setVisible(field is self.name)
        self.number_pad.setVisible(field is self.digits)
        QTimer.singleShot(0, self, lambda: self._box_at_top(field))

    def _box_at_top(self, field: QLineEdit) -> None:
        """The box being filled at the top of the page, its pad below it in sight."""
        body = self.page.widget()
        bar = self.page.verticalScrollBar()
        top: QWidget = self.name_label if field is self.name else self.digits_label
        if field is self.name and not self._label_in_sight:
            top = self.name  # a short screen: the box and the whole square, the words above them scrolled off
        if not self.problem.isHidden() and self.form.indexOf(self.problem) == self.form.indexOf(top) - 1:
            top = self.problem  # what went wrong, just above the box, stays in sight too
        bar.setValue(top.mapTo(body, top.rect().topLeft()).y() - BOX_MARGIN_PX)

    def submit(self) -> None:
        lang = self._state.lang
        name = " ".join(self.name.text().split())
        digits = self.digits.text().strip()
        if not name:
            self._show_problem(tr("name_needed", lang), self.name)
            return
        if digits and not (len(digits) == 4 and digits.isdigit()):
            self._show_problem(tr("digits_needed", lang), self.digits)
            return
        same = namesakes(self._learners.all(), name)
        if same and (not digits or any(learner.phone_last4 == digits for learner in same)):
            key = "namesake_same_digits" if digits else "namesake_needs_digits"
            self._show_problem(tr(key, lang, name=name, digits=digits), self.digits, offer_mine=True)
            return
        learner = self._learners.add(name, digits or None)
        self.problem.hide()
        self.find_mine.hide()
        self.learner_created.emit(learner)

    def _write(self, character: str) -> None:
        if len(self.name.text()) < self.name.maxLength():
            self.name.insert(character)

    def _erase(self) -> None:
        self.name.backspace()

    def _show_problem(self, text: str, field: QLineEdit, *, offer_mine: bool = False) -> None:
        label = self.name_label if field is self.name else self.digits_label
        self.form.removeWidget(self.problem)
        self.form.insertWidget(self.form.indexOf(label), self.problem)  # just above the box it is about
        self.problem.set_text(text)
        self.problem.show()
        self.find_mine.setVisible(offer_mine)
        field.setFocus()
        self.use_tool_for(field)
        self.problem_shown.emit(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_tools()
        self._fit_pad()

    def _fit_pad(self) -> None:
        """Under the name box, the writing square leaves the box in sight on a short screen: with
        the words above the box where there is room, else from the box down (_box_at_top)."""
        if self.writing is None:
            return
        theme = self._state.theme
        canvas = self.writing.canvas
        instruction = self.writing.instruction.sizeHint().height() + theme.px(GAP_PX)
        if self._beside:  # the page's height, less the heading above the pad and the margins
            width = self.heading.width() or self.width()
            above = self.heading.heightForWidth(width) + instruction + 20 + 24 + 24
            canvas.set_most_side(self.page.height() - above)
            return
        room = self.page.viewport().height() - BOX_MARGIN_PX
        box = self.name.sizeHint().height() + self.form.spacing() + instruction
        width = self.form_box.width() or self.width()
        label = self.name_label.heightForWidth(width) + self.form.spacing()
        self._label_in_sight = room - label - box >= SMALLEST_PX
        canvas.set_most_side(room - box - (label if self._label_in_sight else 0))

    def _place_tools(self) -> None:
        """Beside the form on a wide screen, so the box and the save button stay in sight while
        the pad is used; under the box being filled where the two would not fit side by side."""
        tools = [tool for tool in (self.writing, self.number_pad) if tool is not None]
        pad_width = max(tool.sizeHint().width() for tool in tools)
        form_width = max(self._state.theme.px(FORM_PX), self.save.sizeHint().width(), self.find_mine.sizeHint().width())
        beside = self.width() - 96 >= pad_width + form_width + 48
        self.form_box.setMinimumWidth(form_width if beside else 0)  # the save button never squeezed
        if beside == self._beside:
            return
        self._beside = beside
        self.retranslate()  # where the pad is, the words about it say
        for tool in tools:
            for layout in (self.form, self.side):
                layout.removeWidget(tool)
        if beside:
            for index, tool in enumerate(tools):
                self.side.insertWidget(index, tool)
        else:
            if self.writing is not None:
                self.form.insertWidget(self.form.indexOf(self.name) + 1, self.writing)
            self.form.insertWidget(self.form.indexOf(self.digits) + 1, self.number_pad)

    def retranslate(self, *_: object) -> None:
        lang = self._state.lang
        self.heading.set_text(tr("new_learner_title", lang))
        below = self.writing is not None and self._beside is False  # beside, the pad says it itself
        self.name_label.set_text(tr("your_name_written" if below else "your_name", lang))
        self.digits_label.set_text(tr("phone_last4", lang))
        self.save.setText(tr("save_name", lang))
        self.find_mine.setText(tr("find_my_name", lang))


class _ToolForField(QObject):
    """A tap in a box brings the pad that fills it."""

    def __init__(self, screen: NewLearnerScreen) -> None:
        super().__init__(screen)
        self._screen = screen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self._screen.use_tool_for(watched)
        return False
