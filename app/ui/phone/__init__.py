"""The phone simulator: draws a believable smartphone screen from a step's description."""

from app.ui.phone.widget import PhoneWidget

__all__ = ["PhoneWidget"]
