"""The registry of component builders, keyed by the `type` in lesson files. A new component is
a model in `app/core/course.py` plus a builder registered here; the engine never changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.core.course import OVERLAYS, Component
from app.ui.phone.basic import build_amount, build_button, build_list, build_text, build_text_field
from app.ui.phone.calls import (
    build_in_call,
    build_in_call_buttons,
    build_incoming_call,
    build_incoming_call_buttons,
    build_video_call,
)
from app.ui.phone.chat import build_chat, build_chat_bar
from app.ui.phone.codes import build_my_code
from app.ui.phone.context import BuildContext
from app.ui.phone.everyday import build_date_picker, build_notification, build_tabs, build_time_slots, build_toggle
from app.ui.phone.mapview import build_map
from app.ui.phone.media import build_camera, build_face_scan, build_gallery
from app.ui.phone.overlays import build_dialog, build_sheet, build_toast
from app.ui.phone.payment import build_payment_success
from app.ui.phone.scan import build_qr_scan
from app.ui.phone.system import build_app_grid, build_lock_screen

Builder = Callable[[Component, BuildContext], QWidget]

BUILDERS: dict[str, Builder] = {
    "lock_screen": build_lock_screen,
    "app_grid": build_app_grid,
    "button": build_button,
    "list": build_list,
    "text": build_text,
    "amount": build_amount,
    "text_field": build_text_field,
    "dialog": build_dialog,
    "toast": build_toast,
    "incoming_call": build_incoming_call,
    "in_call": build_in_call,
    "video_call": build_video_call,
    "qr_scan": build_qr_scan,
    "tabs": build_tabs,
    "toggle": build_toggle,
    "notification": build_notification,
    "sheet": build_sheet,
    "date_picker": build_date_picker,
    "time_slots": build_time_slots,
    "my_code": build_my_code,
    "chat": build_chat,
    "payment_success": build_payment_success,
    "camera": build_camera,
    "gallery": build_gallery,
    "face_scan": build_face_scan,
    "map": build_map,
}
# The parts a component keeps at the bottom of the phone screen, under the scrolling page
# (a chat's input bar and its '+' panel), built apart from the component itself.
BOTTOM_PARTS: dict[str, Callable[[Component, BuildContext], QWidget | None]] = {
    "chat": build_chat_bar,
    "in_call": build_in_call_buttons,  # the hang-up never scrolls out of sight
    "incoming_call": build_incoming_call_buttons,
}
DARK_COMPONENTS = {"lock_screen", "incoming_call", "in_call", "video_call", "qr_scan", "camera"}
# Narrower side margins than a page's 16: a video's picture fills the screen; a call's three
# buttons in a row need the width for their words.
EDGE_TO_EDGE = {"video_call": 0, "in_call": 4}
# They fill the phone's height.
FULL_SCREEN = {"lock_screen", "incoming_call", "in_call", "video_call", "camera", "payment_success"}


def build(component: Component, ctx: BuildContext) -> QWidget:
    return BUILDERS[component.type](component, ctx)


def is_overlay(component: Component) -> bool:
    return component.type in OVERLAYS


def bottom_part(component: Component, ctx: BuildContext) -> QWidget | None:
    """What `component` keeps at the bottom of the phone screen, if anything."""
    builder = BOTTOM_PARTS.get(component.type)
    return builder(component, ctx) if builder else None
