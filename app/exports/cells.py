"""The columns of each export and how a value is shown, shared by the CSV and XLSX writers so
both say the same thing under the same headers. Headers are Chinese, then English: staff
read the Chinese, and scripts and English-speaking volunteers the English."""

from __future__ import annotations

from datetime import UTC, datetime

ATTENDANCE_HEADERS = (
    "课次编号 Session ID",
    "课次 Session",
    "日期 Date",
    "开始时间 Starts",
    "教室 Room",
    "导师 Tutor",
    "学员编号 Learner ID",
    "学员 Learner",
    "签到时间 Checked in",
    "用时（分钟） Minutes spent",
)
LEARNER_TOTAL_HEADERS = (
    "学员编号 Learner ID",
    "学员 Learner",
    "出勤次数 Sessions attended",
    "合计（小时） Hours",
)
COMPLETION_HEADERS = (
    "学员编号 Learner ID",
    "学员 Learner",
    "课程编号 Lesson ID",
    "课程 Lesson",
    "主题 Theme",
    "完成时间 Completed",
    "用时（分钟） Minutes spent",
    "错误次数 Mistakes",
    "第几次 Attempt",
)
TOTAL_LABEL = "合计 Total"

# A cell starting with one of these is run as a formula by Excel and other spreadsheets; a
# learner types their own name at the kiosk, so names are text and must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def local_time(moment: datetime) -> datetime:
    """The moment as a naive local time (a spreadsheet cell has no time zone); a moment
    without a zone is UTC, as the store keeps it and as app.core.xapi reads it."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


class LocalClock:
    """UTC moments as local "YYYY-MM-DD HH:MM" text, fast enough for 100,000 rows.

    Converting and formatting one moment with the datetime module costs 2 to 4 µs (it asks
    the C library for the local offset each time), as much as the csv module spends on a
    whole row. Check-ins of one session fall within a few minutes, so the text of each UTC
    minute is worked out once and remembered (a bounded number of them)."""

    _MAX_REMEMBERED = 4096  # minutes

    def __init__(self) -> None:
        self._texts: dict[int, str] = {}

    def text(self, moment: datetime) -> str:
        if moment.tzinfo is not None and moment.tzinfo is not UTC:
            moment = moment.astimezone(UTC)
        key = (moment.toordinal() * 24 + moment.hour) * 60 + moment.minute
        text = self._texts.get(key)
        if text is None:
            if len(self._texts) >= self._MAX_REMEMBERED:
                self._texts.clear()
            text = f"{local_time(moment):%Y-%m-%d %H:%M}"
            self._texts[key] = text
        return text


def minutes(seconds: float) -> float:
    return round(seconds / 60, 1)


def hours(seconds: float) -> float:
    return round(seconds / 3600, 2)


def csv_text(value: str) -> str:
    """Text as a spreadsheet shows it, never run: a leading apostrophe is Excel's own way to
    say "this is text" (OWASP's advice against CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
