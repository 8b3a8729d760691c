"""What the console says when the centre's staff work cannot be done as the staff member: the
one sentence for each reason (app.kiosk.staff_pass), wholly in the screen's language, with no
English words of the centre's inside a Chinese screen."""

from __future__ import annotations

from app.kiosk.centre import StaffSignInMissing


def sign_in_missing(problem: BaseException) -> tuple[str, dict] | None:
    """The message key and its values for a missing or ended staff sign-in; None for another problem."""
    if not isinstance(problem, StaffSignInMissing):
        return None
    return f"staff_centre_sign_in_{problem.reason}", {"minutes": problem.minutes}
