"""Windows' touch keyboard (TabTip), opened and closed through its COM interface and found on
screen through its window. Written from Microsoft's documentation of ITipInvocation and from
what other programs do; there is no Windows here, so this module is not run by the tests
(app/ui/system_keyboard.py, which uses it, is, with a stand-in). See docs/keyboard.md.

- ITipInvocation::Toggle (CLSID_UIHostNoLaunch) opens or closes the keys; TabTip.exe must be
  running first, so it is started when it is not.
- Whether the keys are up, and where: Windows 10 shows them in "IPTip_Main_Window" (up when
  visible and not disabled); Windows 11 in a CoreWindow named "Microsoft Text Input
  Application" (up when not cloaked)."""

from __future__ import annotations

import ctypes
import logging
import os
import subprocess
import sys
from ctypes import wintypes

log = logging.getLogger("silversteps.keyboard")

CLSID_UI_HOST_NO_LAUNCH = "{4CE576FA-83DC-4F88-951C-9D0782B4E376}"
IID_TIP_INVOCATION = "{37C994E7-432B-4834-A2F7-DCE1F13B834B}"
TOGGLE_SLOT = 3  # IUnknown's three methods come first
CLSCTX_INPROC_HANDLER_AND_LOCAL = 0x2 | 0x4
GWL_STYLE = -16
WS_VISIBLE = 0x10000000
WS_DISABLED = 0x08000000
DWMWA_CLOAKED = 14
TABTIP = os.path.join(
    os.environ.get("COMMONPROGRAMFILES", r"C:\Program Files\Common Files"), "microsoft shared", "ink", "TabTip.exe"
)


class _Guid(ctypes.Structure):
    _fields_ = [
        ("data1", wintypes.DWORD),
        ("data2", wintypes.WORD),
        ("data3", wintypes.WORD),
        ("data4", ctypes.c_ubyte * 8),
    ]


def _guid(text: str) -> _Guid:
    guid = _Guid()
    ctypes.oledll.ole32.CLSIDFromString(ctypes.c_wchar_p(text), ctypes.byref(guid))
    return guid


class WindowsTouchKeyboard:
    """SystemKeys for Windows 10 and 11."""

    def __init__(self) -> None:
        self._user32 = ctypes.windll.user32
        self._dwm = ctypes.windll.dwmapi
        ctypes.oledll.ole32.CoInitialize(None)

    def show(self) -> None:
        if self.rect() is None:
            self._toggle()

    def hide(self) -> None:
        if self.rect() is not None:
            self._toggle()

    def rect(self) -> tuple[int, int, int, int] | None:
        window = self._keys_window()
        if not window:
            return None
        box = wintypes.RECT()
        self._user32.GetWindowRect(window, ctypes.byref(box))
        return box.left, box.top, box.right - box.left, box.bottom - box.top

    def _keys_window(self) -> int:
        """The keys' window while they are up, else 0."""
        tip = self._user32.FindWindowW("IPTip_Main_Window", None)
        if tip:
            style = self._user32.GetWindowLongW(tip, GWL_STYLE)
            if style & WS_VISIBLE and not style & WS_DISABLED:
                return tip
        core = self._user32.FindWindowExW(None, None, "Windows.UI.Core.CoreWindow", "Microsoft Text Input Application")
        if core:
            cloaked = wintypes.DWORD()
            self._dwm.DwmGetWindowAttribute(core, DWMWA_CLOAKED, ctypes.byref(cloaked), ctypes.sizeof(cloaked))
            if not cloaked.value:
                return core
        return 0

    def _toggle(self) -> None:
        try:
            invocation = ctypes.c_void_p()
            clsid, iid = _guid(CLSID_UI_HOST_NO_LAUNCH), _guid(IID_TIP_INVOCATION)
            try:
                ctypes.oledll.ole32.CoCreateInstance(
                    ctypes.byref(clsid),
                    None,
                    CLSCTX_INPROC_HANDLER_AND_LOCAL,
                    ctypes.byref(iid),
                    ctypes.byref(invocation),
                )
            except OSError:  # TabTip is not running: start it, which opens the keys by itself
                subprocess.Popen([TABTIP], close_fds=True)
                return
            table = ctypes.cast(invocation, ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p))).contents
            toggle = ctypes.WINFUNCTYPE(ctypes.HRESULT, ctypes.c_void_p, wintypes.HWND)(table[TOGGLE_SLOT])
            toggle(invocation, self._user32.GetDesktopWindow())
            release = ctypes.WINFUNCTYPE(ctypes.c_ulong, ctypes.c_void_p)(table[2])
            release(invocation)
        except OSError:
            log.exception("the Windows touch keyboard could not be opened or closed")


def system_keys() -> WindowsTouchKeyboard | None:
    """The system's touch keyboard where the kiosk knows it (Windows), else None."""
    if sys.platform != "win32":
        return None
    try:
        return WindowsTouchKeyboard()
    except (OSError, AttributeError):
        log.exception("no Windows touch keyboard")
        return None
