"""The one problem the screens word when the centre is not there for them (its own module, so
the kiosk's parts that talk to the centre share it without importing each other)."""

from __future__ import annotations


class CentreAway(Exception):
    """The centre could not be reached, was busy, or refused this kiosk: nothing was changed
    here, and the words (the centre's or the network's own) say why."""
