"""A phone call in progress, drawn as phones draw it: who, how long, and the grid of six call
buttons (mute, keypad, speaker; add call, video, and the red hang-up below them)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.core.course_base import ActionKind, Component, IconName, TargetId, Text


class InCall(Component):
    """A voice call under way. Each of the six buttons is drawn in its usual place; only those
    given an id can be acted on (the others are drawn as on the phone, inert), so a lesson can
    ask for any one of them, or offer several as choices."""

    type: Literal["in_call"]
    caller: Text
    status: Text = Field(description="e.g. 通话中 01:26 / In call 01:26")
    avatar: IconName = "person"
    hang_up: TargetId
    mute: TargetId | None = None
    keypad: TargetId | None = None
    speaker: TargetId | None = None
    add_call: TargetId | None = None
    video: TargetId | None = None
    speaker_on: bool = Field(default=False, description="draw the speaker button as switched on")
    said: Text | None = Field(default=None, description="what the caller is saying, in a caption card")

    def button_ids(self) -> dict[str, str]:
        """Each button's role and its target id, for the buttons that have one."""
        roles = {
            "mute": self.mute,
            "keypad": self.keypad,
            "speaker": self.speaker,
            "add_call": self.add_call,
            "video": self.video,
            "hang_up": self.hang_up,
        }
        return {role: target for role, target in roles.items() if target}

    def targets(self) -> dict[str, set[ActionKind]]:
        return {target: {ActionKind.TAP} for target in self.button_ids().values()}

    def icons(self) -> set[str]:
        return {self.avatar}
