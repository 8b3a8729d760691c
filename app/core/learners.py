"""A learner as the kiosk knows them: just a name (and, if they like, a phone's last four
digits, to tell two people of the same name apart), and the rules those keep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_NAME = 40


@dataclass(frozen=True)
class LearnerRecord:
    id: str
    display_name: str
    phone_last4: str | None
    created_at: datetime


def check_name(display_name: str) -> str:
    name = " ".join(display_name.split())
    if not name:
        raise ValueError("Please write a name.")
    if len(name) > MAX_NAME:
        raise ValueError(f"Please use a shorter name (at most {MAX_NAME} characters).")
    return name


def check_phone_last4(digits: str | None) -> str | None:
    if digits is None or digits.strip() == "":
        return None
    digits = digits.strip()
    if len(digits) != 4 or not digits.isdigit():
        raise ValueError("Please enter the last four digits of the phone number, like 1234.")
    return digits


def surname_key(name: str) -> str:
    """The surname to file a name under: a Chinese name's first character, else the last
    word's initial ("Mary Wong" -> "W")."""
    name = name.strip()
    if not name:
        return "?"
    if "\u3400" <= name[0] <= "\u9fff":
        return name[0]
    return name.split()[-1][0].upper()
