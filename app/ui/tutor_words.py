"""The tutor console's words for days, times, sessions and the board, in one place: each
function takes what it shows and the language, and returns whole sentences (never fragments
glued together). No widgets here, so the wording is easy to test."""

from __future__ import annotations

from datetime import date, datetime, time

from app.core.board import BoardLearner, HelpCall
from app.core.class_sessions import MAX_ROOM, MAX_TITLE, ClassSession
from app.core.course import CourseTheme, Lesson
from app.core.loader import Catalogue
from app.ui.i18n import tr

STUCK_SECONDS = 180  # longer than this on one step: the learner may be stuck
LESSONS_NAMED = 3  # a session header names this many lessons in focus, then "and N more"
SESSION_PROBLEMS = {  # ClassSession.new's reasons, said in the tutor's language
    "Please give the session a title.": ("tutor_problem_title", {}),
    "Please use a shorter title": ("tutor_problem_long_title", {"count": MAX_TITLE}),
    "Please use a shorter room name": ("tutor_problem_long_room", {"count": MAX_ROOM}),
    "The session must end after it starts.": ("tutor_problem_times", {}),
}


def date_words(day: date, lang: str, today: date | None = None) -> str:
    """The day in words: "今天，11月25日 星期二" / "Today, Tuesday 25 November"."""
    words = tr(
        "tutor_date",
        lang,
        month=tr(f"tutor_month_{day.month}", lang),
        day=day.day,
        weekday=tr(f"tutor_weekday_{day.weekday()}", lang),
    )
    if today is not None and day == today:
        return tr("tutor_day_today", lang, date=words)
    if today is not None and (day - today).days == 1:
        return tr("tutor_day_tomorrow", lang, date=words)
    return words


def clock(moment: time | datetime) -> str:
    """Hours and minutes, 24-hour, as on a Chinese phone; a UTC moment is shown in local time."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%H:%M")


def clock_seconds(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S") if moment.tzinfo else moment.strftime("%H:%M:%S")


def lesson_title(catalogue: Catalogue, lesson_id: str | None, lang: str) -> str:
    lesson = catalogue.by_id(lesson_id) if lesson_id else None
    return lesson.title[lang] if lesson is not None else (lesson_id or "")


def suggest_title(lessons: list[Lesson], themes: list[CourseTheme], lang: str) -> str:
    """One lesson: its title; several in one theme: the theme; several themes: the first, "and more"."""
    if not lessons:
        return ""
    if len(lessons) == 1:
        return lessons[0].title[lang]
    titles = {theme.id: theme.title[lang] for theme in themes}
    theme_ids = list(dict.fromkeys(lesson.theme for lesson in lessons))
    first = titles.get(theme_ids[0], theme_ids[0])
    return first if len(theme_ids) == 1 else tr("tutor_title_mixed", lang, first=first)


def session_problem(problem: ValueError, lang: str) -> str:
    """ClassSession.new's reason in the tutor's language (its own English words if unknown)."""
    text = str(problem)
    for start, (key, values) in SESSION_PROBLEMS.items():
        if text.startswith(start):
            return tr(key, lang, **values)
    return text


def session_details(session: ClassSession, lang: str) -> str:
    times = {"starts": clock(session.starts), "ends": clock(session.ends), "tutor": session.tutor}
    if session.room:
        return tr("tutor_session_when_room", lang, room=session.room, **times)
    return tr("tutor_session_when", lang, **times)


def session_lessons(session: ClassSession, catalogue: Catalogue, lang: str) -> str:
    """The lessons in focus, the first few by name; "" when none were chosen."""
    titles = [lesson_title(catalogue, lesson_id, lang) for lesson_id in session.lesson_ids]
    if not titles:
        return ""
    joiner = "、" if lang == "zh" else "; "
    named = joiner.join(titles[:LESSONS_NAMED])
    if len(titles) > LESSONS_NAMED:
        return tr("tutor_session_lessons_more", lang, lessons=named, more=len(titles) - LESSONS_NAMED)
    return tr("tutor_session_lessons", lang, lessons=named)


def checked_in_words(at: datetime, by: str | None, lang: str) -> str:
    """On a name tile: "✓ 10:05 到了", or "✓ 10:05 自己签到" when the learner signed in at a kiosk."""
    return tr("tutor_checkin_by_kiosk" if by == "kiosk" else "tutor_checkin_here", lang, time=clock(at))


# ---- the board -----------------------------------------------------------------------------------


def step_words(learner: BoardLearner, steps: int | None, lang: str) -> str:
    """Where they are: "第 4 步，共 9 步" (position + 1 of the steps), "✓ 学完了", or "" when not in a lesson."""
    if learner.lesson_id is None or learner.position is None:
        return ""
    if learner.done or (steps is not None and learner.position >= steps):
        return tr("tutor_done", lang)
    if steps is None:
        return tr("tutor_step_only", lang, step=learner.position + 1)
    return tr("tutor_step", lang, step=learner.position + 1, total=steps)


def is_stuck(learner: BoardLearner) -> bool:
    return not learner.done and learner.seconds_on_step is not None and learner.seconds_on_step > STUCK_SECONDS


def minutes_words(learner: BoardLearner, lang: str) -> str:
    """Time on the step in whole minutes; past three minutes it says they may be stuck."""
    seconds = learner.seconds_on_step
    if learner.done or seconds is None:
        return ""
    minutes = int(seconds // 60)
    if minutes < 1:
        return tr("tutor_under_a_minute", lang)
    return tr("tutor_minutes_stuck" if is_stuck(learner) else "tutor_minutes", lang, minutes=minutes)


def mistakes_words(count: int, lang: str) -> str:
    if count <= 0:
        return tr("tutor_no_mistakes", lang)
    if count == 1:
        return tr("tutor_one_mistake", lang)
    return tr("tutor_mistakes", lang, count=count)


def help_where(call: HelpCall, catalogue: Catalogue, lang: str) -> str:
    step = (call.step_index or 0) + 1
    return tr(
        "tutor_help_where",
        lang,
        name=call.display_name,
        lesson=lesson_title(catalogue, call.lesson_id, lang),
        step=step,
    )


def help_asked(call: HelpCall, now: datetime, lang: str) -> str:
    minutes = int(max(0.0, (now - call.asked_at).total_seconds()) // 60)
    if minutes < 1:
        return tr("tutor_help_asked_now", lang, time=clock(call.asked_at))
    return tr("tutor_help_asked", lang, time=clock(call.asked_at), minutes=minutes)
