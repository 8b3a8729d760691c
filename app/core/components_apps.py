"""Components of everyday service apps: tabs, switches, notifications, confirmation sheets,
date and time-slot pickers, the learner's own code (payment, health or travel code), a chat
and the page a payment ends on."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from app.core.course_base import ActionKind, Component, IconName, Strict, Style, TargetId, Text


class Tab(Strict):
    id: TargetId
    label: Text
    icon: IconName | None = None


class Tabs(Component):
    """A row of tabs (top of a page, or an app's bottom bar); `selected` is drawn as chosen."""

    type: Literal["tabs"]
    tabs: list[Tab] = Field(min_length=2, max_length=5)
    selected: TargetId | None = None
    position: Literal["top", "bottom"] = "top"

    def targets(self) -> dict[str, set[ActionKind]]:
        return {t.id: {ActionKind.TAP} for t in self.tabs}

    def icons(self) -> set[str]:
        return {t.icon for t in self.tabs if t.icon}


class Toggle(Component):
    """A settings row with an on/off switch; tapping the row flips it."""

    type: Literal["toggle"]
    id: TargetId
    label: Text
    subtitle: Text | None = None
    on: bool = False

    def targets(self) -> dict[str, set[ActionKind]]:
        return {self.id: {ActionKind.TAP}}


class Notification(Component):
    """A notification card: which app, a title, the words and when. Tappable if it has an id."""

    type: Literal["notification"]
    id: TargetId | None = None
    app: Text
    icon: IconName = "bell"
    title: Text
    body: Text
    time: Text | None = None

    def targets(self) -> dict[str, set[ActionKind]]:
        return {self.id: {ActionKind.TAP}} if self.id else {}

    def icons(self) -> set[str]:
        return {self.icon}


class SheetRow(Strict):
    label: Text
    value: Text


class Sheet(Component):
    """A confirmation sheet sliding up over the page: what is being ordered or paid, the
    total, and one button (plus an optional close cross)."""

    type: Literal["sheet"]
    title: Text
    rows: list[SheetRow] = Field(default_factory=list, max_length=6)
    amount: str | None = Field(default=None, pattern=r"^¥\s?\d+(\.\d{2})?$")
    button: TargetId
    button_label: Text
    style: Style = Style.PRIMARY
    close: TargetId | None = None

    def targets(self) -> dict[str, set[ActionKind]]:
        found = {self.button: {ActionKind.TAP}}
        if self.close:
            found[self.close] = {ActionKind.TAP}
        return found


class Day(Strict):
    id: TargetId
    weekday: Text
    date: str = Field(pattern=r"^\d{1,2}[/.-]\d{1,2}$", description="e.g. 11/27")
    available: bool = True


class DatePicker(Component):
    """A row of days to choose from; a full day is greyed and says so."""

    type: Literal["date_picker"]
    label: Text | None = None
    days: list[Day] = Field(min_length=2, max_length=7)
    selected: TargetId | None = None

    def targets(self) -> dict[str, set[ActionKind]]:
        return {d.id: {ActionKind.TAP} for d in self.days}


class Slot(Strict):
    id: TargetId
    time: str = Field(pattern=r"^\d{1,2}:\d{2}(-\d{1,2}:\d{2})?$", description="e.g. 08:30 or 08:30-09:00")
    left: int | None = Field(default=None, ge=0, description="places left; 0 is full")


class TimeSlots(Component):
    """Time slots in a grid, each with the places left (hospital numbers, class times)."""

    type: Literal["time_slots"]
    label: Text | None = None
    slots: list[Slot] = Field(min_length=1, max_length=12)

    def targets(self) -> dict[str, set[ActionKind]]:
        return {s.id: {ActionKind.TAP} for s in self.slots}


class MyCode(Component):
    """The learner's own code to show at a counter's scanner: a payment code (barcode over QR
    code) or the medical insurance code (医保码, a QR code with its badge). The coloured
    health and travel codes were retired in December 2022 and are not drawn any more.
    `refresh` names a tappable 'refresh' link."""

    type: Literal["my_code"]
    kind: Literal["payment", "insurance"]
    title: Text
    caption: Text | None = None
    refresh: TargetId | None = None

    def targets(self) -> dict[str, set[ActionKind]]:
        return {self.refresh: {ActionKind.TAP}} if self.refresh else {}


class Bubble(Strict):
    """One chat message: words, a voice message of some seconds, a photo, or a link."""

    side: Literal["them", "me"] = "them"
    name: Text | None = Field(default=None, description="the sender, shown in group chats")
    avatar: IconName = "person"
    text: Text | None = None
    voice_seconds: int | None = Field(default=None, ge=1, le=60)
    photo: IconName | None = None
    link: Text | None = Field(default=None, description="a link card's title (an SMS or chat link)")
    id: TargetId | None = Field(default=None, description="makes the bubble tappable")

    @model_validator(mode="after")
    def _has_content(self) -> Bubble:
        if not any((self.text, self.voice_seconds, self.photo, self.link)):
            raise ValueError("a message needs text, voice_seconds, photo or link")
        return self


class PanelApp(Strict):
    """One choice in the panel the chat's '+' opens (photos, camera, video call, location)."""

    id: TargetId
    icon: IconName
    label: Text


class Chat(Component):
    """A conversation: bubbles, and at the bottom of the phone the bar to answer, as chat apps
    place it: the voice/keyboard switch at the left, the box to type in (or, in voice mode, the
    hold-to-talk button) in the middle, the round '+' at the right; `panel` shows what '+' opens,
    slid up beneath the bar with the conversation still in sight above it."""

    type: Literal["chat"]
    messages: list[Bubble] = Field(min_length=1, max_length=8)
    voice: TargetId | None = Field(
        default=None, description="the 'hold to talk' button (the bar is then in voice mode)"
    )
    input: TargetId | None = Field(
        default=None,
        description="the message box (opens the word keyboard); in voice mode, the keyboard switch at the left",
    )
    plus: TargetId | None = Field(default=None, description="the round '+' at the right end of the bar")
    panel: list[PanelApp] = Field(
        default_factory=list, max_length=8, description="the '+' panel, open under the bar: its choices"
    )

    def targets(self) -> dict[str, set[ActionKind]]:
        found: dict[str, set[ActionKind]] = {m.id: {ActionKind.TAP} for m in self.messages if m.id}
        if self.voice:
            found[self.voice] = {ActionKind.LONG_PRESS, ActionKind.TAP}
        if self.input:
            found[self.input] = {ActionKind.TAP}
        if self.plus:
            found[self.plus] = {ActionKind.TAP}
        found.update({app.id: {ActionKind.TAP} for app in self.panel})
        return found

    def icons(self) -> set[str]:
        pictures = {m.avatar for m in self.messages} | {m.photo for m in self.messages if m.photo}
        return pictures | {app.icon for app in self.panel}


class PaymentSuccess(Component):
    """The page a payment app shows once the money has gone: a green tick, 'Payment
    successful', the sum in large figures, who was paid, and Done at the bottom."""

    type: Literal["payment_success"]
    value: str = Field(pattern=r"^¥\s?\d+(\.\d{2})?$", description="e.g. ¥25.00")
    payee: Text
    done: TargetId = Field(description="the Done button")
    title: Text | None = Field(default=None, description="default: 支付成功 / Payment successful")
    done_label: Text | None = Field(default=None, description="default: 完成 / Done")
    rows: list[SheetRow] = Field(
        default_factory=list, max_length=3, description="details under the sum, e.g. how it was paid"
    )

    def targets(self) -> dict[str, set[ActionKind]]:
        return {self.done: {ActionKind.TAP}}
