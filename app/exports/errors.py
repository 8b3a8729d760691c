"""The one error exports raise for things a person can fix (a folder that is not there, a
file open in Excel, no Chinese font), so the GUI and the command line can show its message
as it is."""

from __future__ import annotations


class ExportError(Exception):
    """An export could not be written; the message says what to do about it."""
