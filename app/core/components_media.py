"""Components that show a picture: the camera, the photo gallery, the face scan and a map."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.core.course_base import ActionKind, Component, IconName, Strict, TargetId, Text


class Camera(Component):
    """The camera: a viewfinder showing `subject`, the round shutter button, and the last
    photo's thumbnail that opens the gallery."""

    type: Literal["camera"]
    subject: IconName = "family"
    shutter: TargetId
    gallery: TargetId | None = None
    switch: TargetId | None = None

    def targets(self) -> dict[str, set[ActionKind]]:
        found = {self.shutter: {ActionKind.TAP}}
        for extra in (self.gallery, self.switch):
            if extra:
                found[extra] = {ActionKind.TAP}
        return found

    def icons(self) -> set[str]:
        return {self.subject}


class Photo(Strict):
    id: TargetId | None = None
    picture: IconName = "photo"
    colour: Literal["blue", "green", "orange", "purple", "grey"] = "blue"


class Gallery(Component):
    """Photos in a grid of three; tap one to open it, hold it to pick it."""

    type: Literal["gallery"]
    label: Text | None = None
    photos: list[Photo] = Field(min_length=1, max_length=12)

    def targets(self) -> dict[str, set[ActionKind]]:
        return {p.id: {ActionKind.TAP, ActionKind.LONG_PRESS} for p in self.photos if p.id}

    def icons(self) -> set[str]:
        return {p.picture for p in self.photos}


class FaceScan(Component):
    """A face check: the camera view with a guide circle and what to do; `start` is the
    button that begins it (blink, turn the head)."""

    type: Literal["face_scan"]
    prompt: Text
    start: TargetId
    start_label: Text

    def targets(self) -> dict[str, set[ActionKind]]:
        return {self.start: {ActionKind.TAP}}


class Pin(Strict):
    id: TargetId | None = None
    label: Text
    kind: Literal["me", "place", "car", "bus"] = "place"
    x: int = Field(ge=5, le=95, description="percent from the left")
    y: int = Field(ge=5, le=95, description="percent from the top")


class MapView(Component):
    """A street map with pins (you, places, a car or bus) and, if `route`, the way from you to
    the first place drawn as a line."""

    type: Literal["map"]
    pins: list[Pin] = Field(min_length=1, max_length=6)
    route: bool = False
    caption: Text | None = None

    def targets(self) -> dict[str, set[ActionKind]]:
        return {p.id: {ActionKind.TAP} for p in self.pins if p.id}
