"""The simulated phone: a dark frame around a screen built from the step's description.

It reports what the learner did as `Action`s and knows nothing of lessons: whether an action
was right is the engine's business. Tests and robots reach targets through `target_widget`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.core.components_calls import InCall
from app.core.course import ActionKind, AppGrid, Screen, TextField, VideoCall
from app.core.engine import Action
from app.ui.icons import IconLibrary
from app.ui.phone.calls import in_call_labels, video_call_labels
from app.ui.phone.components import DARK_COMPONENTS, EDGE_TO_EDGE, FULL_SCREEN, bottom_part, build, is_overlay
from app.ui.phone.context import ACCENTS, DARK_BG, LIGHT_BG, LIGHT_TEXT, MUTED_TEXT, BuildContext
from app.ui.phone.fit import FLOOR_SCALE, NATURAL_HEIGHT, SHORTEST, PhoneFit, fit_phone, natural_width
from app.ui.phone.highlight import HighlightOverlay
from app.ui.phone.keypad import NumberPad, WordPad
from app.ui.phone.password import PASSWORD_DIGITS, PasswordBoxes
from app.ui.phone.system import fitting_columns, grid_columns, grid_labels
from app.ui.phone.targets import Surface, TargetButton
from app.ui.theme import ROLE_POINTS, Theme
from app.ui.widgets import paragraph_html

BEZEL = 14
WALLPAPER = "qlineargradient(x1:0, y1:0, x2:0, y2:1, stop:0 #0F3D3E, stop:1 #1F2933)"


@dataclass
class _Page:
    """One built phone screen: its widget, its targets and its input boxes."""

    screen: Screen
    widget: QWidget
    column: QVBoxLayout
    scroll: QScrollArea
    surface: Surface
    targets: dict[str, TargetButton] = field(default_factory=dict)
    fields: dict[str, TextField] = field(default_factory=dict)
    overlay: QWidget | None = None


class PhoneWidget(QWidget):
    acted = Signal(object)  # Action

    def __init__(self, theme: Theme, icons: IconLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phone")
        self._theme = theme  # the learner's text size
        self._fit = PhoneFit(natural_width(theme.scale), NATURAL_HEIGHT, theme.scale)
        self._phone_theme = theme  # the phone's own text size, see fit.py
        self._space: tuple[int, int, tuple[Screen, ...]] | None = None  # as last given to fit_into
        self._icons = icons
        self._lang = "zh"
        self._page: _Page | None = None
        self._prepared: dict[int, _Page] = {}
        self._typing_field: str | None = None
        self._typed: list[str] = []
        self.screen = QWidget(self)
        self.screen.setObjectName("phone-screen")
        self._pad: NumberPad | WordPad | None = None
        self._highlight = HighlightOverlay(self)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.resize(self.sizeHint())

    # ---- public API ------------------------------------------------------------------------

    def set_lang(self, lang: str) -> None:
        if lang != self._lang:
            self._lang = lang
            if self._space is not None:
                self.fit_into(*self._space)  # English names may need smaller text to keep columns
            self._forget_prepared()
            if self._page is not None:
                self.show_screen(self._page.screen)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._space is None:
            self._apply(PhoneFit(natural_width(theme.scale), NATURAL_HEIGHT, theme.scale))
        else:
            self.fit_into(*self._space)

    def fit_into(self, width: int, height: int, screens: Sequence[Screen] = ()) -> None:
        """Size the phone for the space the screen gives it; `screens` are the lesson's, whose
        home screens must keep their columns (see fit.py)."""
        self._space = (width, height, tuple(screens))
        grids = [
            (grid_labels(c, self._lang), grid_columns(c))
            for s in screens
            for c in s.components
            if isinstance(c, AppGrid)
        ]
        # A call's three buttons in a row keep their words on one line the same way.
        grids += [(in_call_labels(self._lang), 3) for s in screens for c in s.components if isinstance(c, InCall)]
        grids += [(video_call_labels(self._lang), 3) for s in screens for c in s.components if isinstance(c, VideoCall)]

        def keeps_columns(text_scale: float, phone_width: int) -> bool:
            theme = Theme(scale=text_scale)
            inner = phone_width - 2 * BEZEL
            return all(fitting_columns(labels, most, theme, inner) == most for labels, most in grids)

        self._apply(fit_phone(width, height, self._theme.scale, keeps_columns=keeps_columns if grids else None))

    @property
    def text_scale(self) -> float:
        """The phone's own text size (1.0 is 20 pt body text): the learner's, or smaller on a
        small screen, never under 1.0."""
        return self._fit.text_scale

    def _apply(self, fit: PhoneFit) -> None:
        if fit == self._fit and self._phone_theme.scale == fit.text_scale:
            return
        rebuild = (fit.width, fit.text_scale) != (self._fit.width, self._phone_theme.scale)
        self._fit = fit
        self._phone_theme = Theme(scale=fit.text_scale)
        self.setProperty("text_scale", fit.text_scale)
        self.resize(fit.width, fit.height)  # a layout may then give it less; see resizeEvent
        self._resize()
        if rebuild:
            self._forget_prepared()
            if self._page is not None:
                self.show_screen(self._page.screen)

    def prepare(self, screen: Screen) -> None:
        """Build `screen` ahead of time, hidden, so showing it later is a quick swap. The
        player calls this for the next step while the learner reads the current one."""
        if id(screen) not in self._prepared:
            page = self._build_page(screen)
            page.widget.ensurePolished()
            page.column.activate()
            self._prepared[id(screen)] = page

    def show_screen(self, screen: Screen) -> None:
        highlighted = self.highlighted_target()
        self._highlight.clear()
        page = self._prepared.pop(id(screen), None)
        if page is None or page.screen is not screen:
            page = self._build_page(screen)
        old, self._page = self._page, page
        self._typing_field = None
        self._typed = []
        self._pad = None
        page.widget.show()
        if page.overlay is not None:
            page.overlay.raise_()
        if old is not None:
            old.widget.hide()
            old.widget.deleteLater()
        self._forget_prepared(keep=2)
        if highlighted in page.targets:
            self.highlight(highlighted)
        password = next((f for f in page.fields.values() if f.keypad == "password"), None)
        if password is not None:  # a payment app asks for the password with its pad already up
            self._open_pad(password.id)

    def target_ids(self) -> list[str]:
        return list(self._page.targets) if self._page else []

    def target_widget(self, target_id: str) -> TargetButton | None:
        return self._page.targets.get(target_id) if self._page else None

    def surface(self) -> Surface | None:
        """The background of the current screen (a tap on it is a gentle miss)."""
        return self._page.surface if self._page else None

    def key_widget(self, key: str) -> QWidget | None:
        return self._pad.keys.get(key) if self._pad is not None else None

    def screen_rect(self) -> QRect:
        return self.screen.geometry()

    def ensure_visible(self, target_id: str) -> None:
        target = self.target_widget(target_id)
        if target is not None and self._page.surface.isAncestorOf(target):
            self._page.scroll.ensureWidgetVisible(target, 0, self._phone_theme.px(40))

    def highlight(self, target_id: str) -> None:
        target = self.target_widget(target_id)
        if target is None:
            return
        self.ensure_visible(target_id)
        self._highlight.point_at(target)

    def clear_highlight(self) -> None:
        self._highlight.clear()

    def highlighted_target(self) -> str | None:
        target = self._highlight.target
        return target.target_id if isinstance(target, TargetButton) else None

    def typed_text(self) -> str:
        return self._typed_value()

    def typing_keys(self, target_id: str, value: str) -> list[str]:
        """The keys a finger presses to type `value` into field `target_id`."""
        field = self._page.fields.get(target_id) if self._page else None
        return value.split() if field is not None and field.keypad == "words" else list(value)

    # ---- building --------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(self._fit.width, self._fit.height)

    def minimumSizeHint(self) -> QSize:
        """Never what holds a window taller or wider than its screen: the player fits the
        phone to the space it has (`fit_into`), whatever that is."""
        return QSize(natural_width(FLOOR_SCALE), SHORTEST)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resize()

    def _resize(self) -> None:
        self.updateGeometry()
        width, height = self.width(), self.height()
        self.screen.setGeometry(BEZEL, BEZEL, width - 2 * BEZEL, height - 2 * BEZEL)
        self._highlight.setGeometry(self.rect())
        if self._page is not None:
            self._page.widget.setGeometry(self.screen.rect())
            if self._page.overlay is not None:
                self._page.overlay.setGeometry(self._page.widget.rect())

    def _forget_prepared(self, keep: int = 0) -> None:
        while len(self._prepared) > keep:
            _key, page = self._prepared.popitem()
            page.widget.deleteLater()

    def _build_page(self, screen: Screen) -> _Page:
        dark = screen.background != "plain" or any(c.type in DARK_COMPONENTS for c in screen.components)
        background = {"plain": LIGHT_BG, "dark": DARK_BG, "wallpaper": WALLPAPER}[screen.background]
        if screen.background == "plain" and dark:
            background = DARK_BG
        widget = Surface(self._on_action, self.screen)  # status and title bars: a tap on nothing
        widget.hide()
        widget.setObjectName("phone-page")
        widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        widget.setStyleSheet(
            f"#phone-page {{ background: {background}; }}"
            "#phone-scroll { background: transparent; border: none; }"
            "#phone-scroll > QWidget > QWidget { background: transparent; }"
            "#phone-surface { background: transparent; }"
            # The phone's text has its own size (see fit.py), over the kiosk's role sizes.
            f"#phone-page QWidget {{ font-size: {self._phone_theme.points('phone_body'):g}pt; }}"
            + "".join(
                f'#phone-page *[role="{role}"] {{ font-size: {self._phone_theme.points(role):g}pt; }}'
                for role in ROLE_POINTS
                if role.startswith("phone_")
            )
            +
            # The kiosk's own buttons are wide and padded; a phone's are only as big as a
            # fingertip needs, so three app icons fit across the phone at 150 % text. (A
            # target whose contents are bigger says so in its own style sheet.)
            f"#phone-page QPushButton {{ min-width: {self._phone_theme.touch}px; min-height: {self._phone_theme.touch}px;"
            " padding: 0; }"
            f"#phone-scroll QScrollBar:vertical {{ width: {self._phone_theme.px(8)}px; background: transparent;"
            " margin: 4px 2px 4px 0; border: none; }"
            "#phone-scroll QScrollBar::handle:vertical { background: rgba(128, 128, 128, 170);"
            f" border-radius: {self._phone_theme.px(3)}px; min-height: 40px; }}"
            "#phone-scroll QScrollBar::add-line:vertical, #phone-scroll QScrollBar::sub-line:vertical"
            " { height: 0; border: none; background: none; }"
            "#phone-scroll QScrollBar::add-page:vertical, #phone-scroll QScrollBar::sub-page:vertical"
            " { background: none; }"
        )
        widget.setGeometry(self.screen.rect())
        column = QVBoxLayout(widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        surface = Surface(self._on_action)
        surface.setObjectName("phone-surface")
        scroll = QScrollArea()
        scroll.setObjectName("phone-scroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)
        surface.scroll_bar = scroll.verticalScrollBar()
        page = _Page(screen, widget, column, scroll, surface)
        ctx = BuildContext(
            lang=self._lang,
            theme=self._phone_theme,
            icons=self._icons,
            dark=dark,
            emit=self._on_action,
            register=lambda button: page.targets.__setitem__(button.target_id, button),
            width=self.screen.width(),
        )
        column.addWidget(self._status_bar(dark))
        if screen.title_bar:
            column.addWidget(self._title_bar(screen, ctx))
        body = QVBoxLayout(surface)
        margin = self._phone_theme.px(16)
        side = min((EDGE_TO_EDGE.get(c.type, 16) for c in screen.components), default=16)
        body.setContentsMargins(
            self._phone_theme.px(side), margin if side else 0, self._phone_theme.px(side), margin if side else 0
        )
        body.setSpacing(self._phone_theme.px(16))
        overlay_spec = None
        bottom_bar = None
        bottom_parts: list[QWidget] = []
        full_screen = False
        for component in screen.components:
            if is_overlay(component):
                overlay_spec = component
                continue
            if isinstance(component, TextField):
                page.fields[component.id] = component
            if getattr(component, "position", None) == "bottom":
                bottom_bar = component  # an app's tab bar stays at the bottom, outside the scroll
                continue
            grows = component.type in FULL_SCREEN
            full_screen = full_screen or grows
            body.addWidget(build(component, ctx), 1 if grows else 0)
            part = bottom_part(component, ctx)
            if part is not None:
                bottom_parts.append(part)
        if not full_screen:
            body.addStretch(1)
        scroll.setWidget(surface)
        column.addWidget(scroll, 1)
        for part in bottom_parts:  # a chat's bar, a call's buttons: at the bottom, the rest scrolls above
            column.addWidget(part)
        if any(component.type == "chat" for component in screen.components):
            scroller = scroll.verticalScrollBar()
            scroller.rangeChanged.connect(lambda _low, high: scroller.setValue(high))  # the newest message in sight
        if bottom_bar is not None:
            bar = build(bottom_bar, ctx)
            margin = self._phone_theme.px(16)
            bar.setContentsMargins(margin, self._phone_theme.px(8), margin, 0)
            column.addWidget(bar)
        column.addWidget(self._home_indicator(dark, screen.home_bar, ctx))
        if overlay_spec is not None:
            page.overlay = build(overlay_spec, ctx)
            page.overlay.setParent(widget)
            page.overlay.setGeometry(widget.rect())
        return page

    def _status_bar(self, dark: bool) -> QWidget:
        colour = "#FFFFFF" if dark else "#1A1A1A"
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(
            self._phone_theme.px(20), self._phone_theme.px(6), self._phone_theme.px(20), self._phone_theme.px(2)
        )
        clock = QLabel("9:41")
        clock.setProperty("role", "phone_body")
        clock.setStyleSheet(f"color: {colour}; background: transparent;")
        clock.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(clock)
        row.addStretch(1)
        for name in ("signal", "wifi", "battery"):
            icon = QLabel()
            icon.setPixmap(self._icons.pixmap(name, self._phone_theme.px(24), colour))
            icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            row.addWidget(icon)
        return bar

    def _title_bar(self, screen: Screen, ctx: BuildContext) -> QWidget:
        spec = screen.title_bar
        bar = QWidget()
        bar.setObjectName("title-bar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar.setStyleSheet(f"#title-bar {{ background: {ACCENTS[spec.accent]}; }}")
        row = QHBoxLayout(bar)
        # At least 12 px under the back arrow, so it is never crowded by a page scrolled up to it.
        gap = max(12, self._phone_theme.px(6))
        row.setContentsMargins(self._phone_theme.px(6), self._phone_theme.px(4), self._phone_theme.px(12), gap)
        if spec.back:
            back = ctx.target(spec.back)
            back.setStyleSheet(
                "QPushButton { background: transparent; border: none; } QPushButton:pressed { background: rgba(255,255,255,50); }"
            )
            inner = QHBoxLayout(back)
            inner.setContentsMargins(4, 4, 4, 4)
            icon = QLabel()
            icon.setPixmap(self._icons.pixmap("back", self._phone_theme.px(36), "#FFFFFF"))
            icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
            icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            inner.addWidget(icon)
            row.addWidget(back)
        else:
            row.addSpacing(self._phone_theme.touch)
        row.addWidget(ctx.label(ctx.t(spec.title), "phone_title", colour="#FFFFFF", align="center"), 1)
        row.addSpacing(self._phone_theme.touch)
        return bar

    def _home_indicator(self, dark: bool, target_id: str | None, ctx: BuildContext) -> QWidget:
        """The thin pill at the very bottom that phones go home with. A target when the step
        asks for the swipe up: then it is a fingertip tall, with the pill at its bottom."""
        if target_id:
            holder: QWidget = ctx.target(target_id)
            holder.setStyleSheet(
                "QPushButton { background: transparent; border: none; }"
                "QPushButton:pressed { background: rgba(128, 128, 128, 60); }"
            )
            holder.setFixedHeight(self._phone_theme.touch)
        else:
            holder = QWidget()
            holder.setFixedHeight(self._phone_theme.px(20))
        holder.setObjectName("home-bar")
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 6)
        pill = QWidget()
        pill.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        pill.setFixedSize(120, 5)
        pill.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        pill.setStyleSheet(f"background: {'#FFFFFF' if dark else '#1A1A1A'}; border-radius: 2px;")
        row.addWidget(pill, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        return holder

    # ---- input -----------------------------------------------------------------------------

    def _on_action(self, action: Action) -> None:
        if self._page and action.target in self._page.fields and action.kind in (ActionKind.TAP, ActionKind.LONG_PRESS):
            self._open_pad(action.target)
            return
        self.acted.emit(action)

    def _open_pad(self, field_id: str) -> None:
        self._typing_field = field_id
        self._typed = []
        self._show_typed()
        field = self._page.fields[field_id]
        kind = (field.keypad, field_id) if field.keypad == "words" else (field.keypad,)
        if self._pad is not None and self._pad.property("kind") != repr(kind):
            self._pad.deleteLater()
            self._pad = None
        if self._pad is None:
            if field.keypad == "words":
                words = [(s.id, s.text[self._lang]) for s in field.suggestions]
                self._pad = WordPad(self._phone_theme, self._lang, words, self._on_key, width=self.screen.width())
            else:
                self._pad = NumberPad(
                    self._phone_theme,
                    self._lang,
                    self._on_key,
                    decimal=field.keypad == "amount",
                    done=field.keypad != "password",
                )
            self._pad.setProperty("kind", repr(kind))
            column = self._page.column
            column.insertWidget(column.count() - 1, self._pad)  # above the home indicator
        self._pad.show()
        self.ensure_visible(field_id)

    def _on_key(self, key: str) -> None:
        field = self._page.fields.get(self._typing_field or "") if self._page else None
        if field is None:
            return
        if key == "done":
            value = self._typed_value()
            self._pad.hide()
            self.acted.emit(Action(ActionKind.TYPE, field.id, value=value))
            return
        if key == "delete":
            self._typed = self._typed[:-1]
        elif field.keypad == "words" or len(self._typed) < self._longest(field):
            self._typed.append(key)
        self._show_typed()
        if field.keypad == "password" and len(self._typed) == PASSWORD_DIGITS:
            self._pad.hide()  # the sixth digit sends it, as payment apps do
            self.acted.emit(Action(ActionKind.TYPE, field.id, value=self._typed_value()))

    @staticmethod
    def _longest(field: TextField) -> int:
        return PASSWORD_DIGITS if field.keypad == "password" else field.max_length

    def _typed_value(self) -> str:
        field = self._page.fields.get(self._typing_field or "") if self._page else None
        return " ".join(self._typed) if field is not None and field.keypad == "words" else "".join(self._typed)

    def _typed_words(self, field: TextField) -> str:
        """What the box shows: the digits, dots for a secret, or the chosen words."""
        if field.keypad == "words":
            texts = {s.id: s.text[self._lang] for s in field.suggestions}
            return ("" if self._lang == "zh" else " ").join(texts[key] for key in self._typed)
        return "●" * len(self._typed) if field.secret or field.keypad == "password" else "".join(self._typed)

    def _show_typed(self) -> None:
        field = self._page.fields.get(self._typing_field or "") if self._page else None
        button = self.target_widget(self._typing_field or "")
        if field is None or button is None:
            return
        boxes = button.findChild(PasswordBoxes)
        if boxes is not None:
            boxes.set_filled(len(self._typed))
        label = button.findChild(QLabel, "field-value")
        shown = self._typed_words(field)
        if label is not None:
            placeholder = field.placeholder[self._lang] if field.placeholder else ""
            label.setText(paragraph_html(shown or placeholder) if shown or placeholder else "")
            label.setProperty("source_text", shown or placeholder)
            label.setStyleSheet(f"color: {LIGHT_TEXT if shown else MUTED_TEXT}; background: transparent;")

    # ---- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#111418"))
        painter.drawRoundedRect(QRectF(self.rect()), 48, 48)
        painter.setBrush(QColor("#2B3036"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(3, 3, -3, -3), 46, 46)
        painter.setBrush(QColor("#111418"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(7, 7, -7, -7), 42, 42)
        painter.end()
