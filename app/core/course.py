"""The lesson file format: pydantic models that validate YAML lessons and give the JSON Schema.

A lesson is data, not code: each step names a phone screen built from a fixed vocabulary of
components, and the action the learner is expected to make on one named target. Adding a
component means adding a model here and a painter in `app/ui/phone`; the engine never changes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from app.core.components_apps import (
    Chat,
    DatePicker,
    MyCode,
    Notification,
    PaymentSuccess,
    Sheet,
    Tabs,
    TimeSlots,
    Toggle,
)
from app.core.components_calls import InCall
from app.core.components_media import Camera, FaceScan, Gallery, MapView
from app.core.course_base import (
    SLUG,
    ActionKind,
    Component,
    Direction,
    IconName,
    Strict,
    Style,
    TargetId,
    Text,
)


class LockScreen(Component):
    """The phone's lock screen: clock, date and a 'swipe up to unlock' bar (the target)."""

    type: Literal["lock_screen"]
    id: TargetId = Field(description="the swipe-up bar at the bottom")
    time: str = Field(default="9:41", pattern=r"^\d{1,2}:\d{2}$")
    date: Text
    notice: Text | None = Field(default=None, description="a notification card on the lock screen")

    def targets(self) -> dict[str, set[ActionKind]]:
        return {self.id: {ActionKind.SWIPE, ActionKind.TAP, ActionKind.LONG_PRESS}}


class AppIcon(Strict):
    id: TargetId
    icon: IconName
    label: Text
    badge: int | None = Field(default=None, ge=1, le=99, description="unread count in a red dot")


class AppGrid(Component):
    """A grid of app icons with labels: the home screen, or a '+' menu inside an app."""

    type: Literal["app_grid"]
    apps: list[AppIcon] = Field(min_length=1, max_length=16)
    columns: int = Field(default=3, ge=2, le=3)

    def targets(self) -> dict[str, set[ActionKind]]:
        return {a.id: {ActionKind.TAP, ActionKind.LONG_PRESS} for a in self.apps}

    def icons(self) -> set[str]:
        return {a.icon for a in self.apps}


class Button(Component):
    type: Literal["button"]
    id: TargetId
    label: Text
    style: Style = Style.PRIMARY
    icon: IconName | None = None

    def targets(self) -> dict[str, set[ActionKind]]:
        return {self.id: {ActionKind.TAP, ActionKind.LONG_PRESS}}

    def icons(self) -> set[str]:
        return {self.icon} if self.icon else set()


class ListRow(Strict):
    id: TargetId | None = Field(default=None, description="set it to make the row tappable")
    icon: IconName | None = None
    title: Text
    subtitle: Text | None = None
    trailing: Text | None = Field(default=None, description="small text on the right, e.g. a time")


class ListView(Component):
    """Rows of title, subtitle and icon: contacts, chats, settings, orders."""

    type: Literal["list"]
    header: Text | None = None
    rows: list[ListRow] = Field(min_length=1, max_length=8)

    def targets(self) -> dict[str, set[ActionKind]]:
        return {r.id: {ActionKind.TAP, ActionKind.LONG_PRESS} for r in self.rows if r.id}

    def icons(self) -> set[str]:
        return {r.icon for r in self.rows if r.icon}


class Label(Component):
    """A paragraph of text on the phone screen."""

    type: Literal["text"]
    text: Text
    size: Literal["small", "normal", "large", "title"] = "normal"
    align: Literal["left", "center"] = "left"


class Amount(Component):
    """A large money figure with who is paid: payment pages and receipts."""

    type: Literal["amount"]
    label: Text
    value: str = Field(pattern=r"^¥\s?\d+(\.\d{2})?$", description="e.g. ¥25.00")
    payee: Text | None = None


class Suggestion(Strict):
    """A word offered above the keyboard; typing Chinese on a phone is mostly picking these."""

    id: TargetId
    text: Text


PASSWORD_DIGITS = 6  # a payment app's password: six boxes, sent on the sixth digit


class TextField(Component):
    """An input box. Tapping it opens a number pad, or for `keypad: words` a keyboard with
    suggested words; a `type` step fills it and presses Done (for words, the expected value
    is the suggestion ids in order, separated by spaces).

    Only `type` can be expected on it: the tap that opens the pad is part of typing, never a
    separate step (else a learner who taps the box would be told they made a mistake).
    """

    type: Literal["text_field"]
    id: TargetId
    label: Text
    placeholder: Text | None = None
    value: str = ""
    keypad: Literal["number", "amount", "password", "words"] = "number"
    secret: bool = Field(default=False, description="show dots instead of digits (passwords)")
    max_length: int = Field(default=11, ge=1, le=20)
    suggestions: list[Suggestion] = Field(default_factory=list, max_length=8)

    @model_validator(mode="after")
    def _suggestions_fit_keypad(self) -> TextField:
        if self.keypad == "words" and len(self.suggestions) < 2:
            raise ValueError("a words keypad needs at least two suggestions to choose from")
        if self.keypad != "words" and self.suggestions:
            raise ValueError("suggestions are only for keypad: words")
        return self

    def targets(self) -> dict[str, set[ActionKind]]:
        return {self.id: {ActionKind.TYPE}}


class DialogButton(Strict):
    id: TargetId
    label: Text
    style: Style = Style.PRIMARY


class Dialog(Component):
    """A modal box over the screen with a question and one or two buttons."""

    type: Literal["dialog"]
    title: Text
    message: Text | None = None
    buttons: list[DialogButton] = Field(min_length=1, max_length=2)

    def targets(self) -> dict[str, set[ActionKind]]:
        return {b.id: {ActionKind.TAP} for b in self.buttons}


class Toast(Component):
    """A short message that floats near the bottom of the screen (no target)."""

    type: Literal["toast"]
    message: Text


class IncomingCall(Component):
    """Full-screen incoming (or outgoing) call: caller, avatar, accept and decline buttons."""

    type: Literal["incoming_call"]
    caller: Text
    subtitle: Text
    avatar: IconName = "person"
    accept: TargetId | None = None
    decline: TargetId
    accept_label: Text | None = Field(default=None, description="default: Answer / 接听")
    decline_label: Text | None = Field(default=None, description="default: Decline / 挂断; e.g. Cancel")
    warning: Text | None = Field(
        default=None, description="the anti-fraud app's warning over the call, e.g. 疑似诈骗电话 / Suspected fraud"
    )

    def targets(self) -> dict[str, set[ActionKind]]:
        found = {self.decline: {ActionKind.TAP}}
        if self.accept:
            found[self.accept] = {ActionKind.TAP, ActionKind.SWIPE}
        return found

    def icons(self) -> set[str]:
        return {self.avatar}


class VideoCall(Component):
    """A call in progress: the other person's picture, your own small picture and call buttons."""

    type: Literal["video_call"]
    caller: Text
    status: Text
    avatar: IconName = "person"
    hang_up: TargetId
    mute: TargetId | None = None
    switch_camera: TargetId | None = None

    def targets(self) -> dict[str, set[ActionKind]]:
        ids = [self.hang_up, self.mute, self.switch_camera]
        return {i: {ActionKind.TAP} for i in ids if i}

    def icons(self) -> set[str]:
        return {self.avatar}


class QrScan(Component):
    """The camera view of a scanner with a shop's QR code in it; tapping the code scans it."""

    type: Literal["qr_scan"]
    id: TargetId = Field(description="the QR code in view")
    prompt: Text
    payee: Text | None = Field(default=None, description="the sign under the code, e.g. a shop name")

    def targets(self) -> dict[str, set[ActionKind]]:
        return {self.id: {ActionKind.TAP}}


AnyComponent = Annotated[
    LockScreen
    | AppGrid
    | Button
    | ListView
    | Label
    | Amount
    | TextField
    | Dialog
    | Toast
    | IncomingCall
    | InCall
    | VideoCall
    | QrScan
    | Tabs
    | Toggle
    | Notification
    | Sheet
    | DatePicker
    | TimeSlots
    | MyCode
    | Chat
    | PaymentSuccess
    | Camera
    | Gallery
    | FaceScan
    | MapView,
    Field(discriminator="type"),
]

OVERLAYS = ("dialog", "toast", "sheet")


class TitleBar(Strict):
    """An app's title bar; `back` names the back arrow's target if it can be tapped."""

    title: Text
    back: TargetId | None = None
    accent: Literal["green", "blue", "red", "orange", "grey"] = "green"


class Screen(Strict):
    """What the phone shows for one step: an optional title bar over a column of components,
    and at the very bottom the gesture bar phones go home with (a target if `home_bar` names it)."""

    title_bar: TitleBar | None = None
    background: Literal["plain", "wallpaper", "dark"] = "plain"
    components: list[AnyComponent] = Field(min_length=1, max_length=10)
    home_bar: TargetId | None = Field(
        default=None,
        description="makes the thin gesture bar at the very bottom a target: swipe up on it to go home",
    )

    def targets(self) -> dict[str, set[ActionKind]]:
        found: dict[str, set[ActionKind]] = {}
        if self.title_bar and self.title_bar.back:
            found[self.title_bar.back] = {ActionKind.TAP}
        if self.home_bar:
            found[self.home_bar] = {ActionKind.SWIPE}
        for component in self.components:
            found.update(component.targets())
        return found

    def icons(self) -> set[str]:
        return set().union(*(c.icons() for c in self.components))


class Expect(Strict):
    """The action that moves the lesson on."""

    action: ActionKind
    target: TargetId
    direction: Direction | None = Field(default=None, description="for swipe")
    value: str | None = Field(default=None, description="for type: the digits to enter")

    @model_validator(mode="after")
    def _fields_fit_action(self) -> Expect:
        if self.action is ActionKind.SWIPE and self.direction is None:
            raise ValueError("a swipe needs a direction: up, down, left or right")
        if self.action is ActionKind.TYPE and not self.value:
            raise ValueError("a type action needs the value to enter")
        return self


class ChoiceKind(StrEnum):
    """What an action offered as a choice leads to."""

    SAFE = "safe"  # praised, and the lesson goes on
    TRAP = "trap"  # stopped before it happens: the coach says what would have happened, why it was a trick
    NEUTRAL = "neutral"  # neither: the coach says so, and the learner chooses again


class Choice(Expect):
    """Another action a step accepts besides `expect` (which is always the safe way the hint
    points to), with what it leads to. A trap is never performed on the phone."""

    outcome: ChoiceKind
    coach: Text | None = Field(
        default=None,
        description="shown beside the phone and spoken: for a trap, what would have happened and why it was a"
        " trick; for neutral, why it does not help; for safe, a word of praise",
    )

    @model_validator(mode="after")
    def _coach_where_needed(self) -> Choice:
        if self.outcome is not ChoiceKind.SAFE and self.coach is None:
            raise ValueError(f"a {self.outcome.value} choice needs 'coach:' words to show beside the phone")
        return self

    def same_action(self, other: Expect) -> bool:
        return (self.action, self.target, self.direction) == (other.action, other.target, other.direction)


class Step(Strict):
    id: TargetId
    say: Text = Field(description="the instruction, shown in large print and spoken")
    screen: Screen
    expect: Expect = Field(description="the safe way on, which the hint and the highlight point to")
    choices: list[Choice] = Field(
        default_factory=list, max_length=6, description="other actions this step accepts, each with its outcome"
    )
    hint: Text = Field(description="said gently after the first mistake")
    tip: Text | None = Field(default=None, description="a safety tip shown beside the step")

    @model_validator(mode="after")
    def _choices_differ(self) -> Step:
        for i, choice in enumerate(self.choices):
            if choice.same_action(self.expect):
                raise ValueError(f"choices[{i}] is the step's own 'expect:' action; list other actions only")
            if any(choice.same_action(earlier) for earlier in self.choices[:i]):
                raise ValueError(f"choices[{i}] repeats an earlier choice")
        return self

    def traps(self) -> list[Choice]:
        return [choice for choice in self.choices if choice.outcome is ChoiceKind.TRAP]


class Lesson(Strict):
    id: str = Field(pattern=SLUG, max_length=60, description="stable: progress is kept under it")
    version: int = Field(ge=1)
    theme: str = Field(pattern=SLUG)
    title: Text
    summary: Text
    goals: list[Text] = Field(min_length=1, max_length=6)
    minutes: int = Field(ge=1, le=60)
    icon: IconName
    order: int = Field(default=100, description="position in the catalogue, smaller first")
    steps: list[Step] = Field(min_length=1, max_length=40)


class CourseTheme(Strict):
    """A group of lessons in the catalogue (courses/themes.yaml lists them in order)."""

    id: str = Field(pattern=SLUG)
    title: Text


def lesson_schema() -> dict:
    """The JSON Schema editors can use to check lesson files as they are typed."""
    schema = Lesson.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "SilverSteps lesson"
    return schema
