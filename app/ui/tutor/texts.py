"""The tutor console's sentences, in Simplified Chinese and English, and its wording of days,
times, sessions and the board: each function takes what it shows and the language and returns
whole sentences (never fragments glued together). Few words: tutors read them standing, on a
touch screen. See app/ui/i18n.py for the convention."""

from __future__ import annotations

from datetime import date, datetime, time

from app.core.board import BoardLearner, HelpCall
from app.core.class_sessions import MAX_ROOM, MAX_TITLE, ClassSession
from app.core.course import CourseTheme, Lesson
from app.core.loader import Catalogue
from app.ui.i18n import Texts, translator

TEXTS: Texts = {
    # ---- the console and today's sessions ----
    "tutor_title": {"zh": "老师：{name}", "en": "Tutor: {name}"},
    "tutor_back": {"zh": "返回今天的课", "en": "Today's sessions"},
    "tutor_today_heading": {"zh": "今天的课：{date}", "en": "Today's sessions: {date}"},
    "tutor_new_session": {"zh": "＋ 新建一节课", "en": "+ New session"},
    "tutor_no_sessions": {
        "zh": "今天还没有课。点“新建一节课”开一节。",
        "en": "No sessions today yet. Tap New session to make one.",
    },
    "tutor_card_when": {"zh": "{starts}–{ends}　{title}", "en": "{starts}–{ends}  {title}"},
    "tutor_card_room": {"zh": "教室：{room}　已到 {count} 人", "en": "In {room} · {count} checked in"},
    "tutor_card_no_room": {"zh": "已到 {count} 人", "en": "{count} checked in"},
    "tutor_card_on_now": {"zh": "正在上课", "en": "On now"},
    "tutor_saved_other_day": {
        "zh": "已保存{date}的课“{title}”。到那天它会出现在这里。",
        "en": 'Saved "{title}" for {date}. It will show here on that day.',
    },
    # ---- days and times ----
    "tutor_date": {"zh": "{month}月{day}日 {weekday}", "en": "{weekday} {day} {month}"},
    "tutor_day_today": {"zh": "今天，{date}", "en": "Today, {date}"},
    "tutor_day_tomorrow": {"zh": "明天，{date}", "en": "Tomorrow, {date}"},
    "tutor_weekday_0": {"zh": "星期一", "en": "Monday"},
    "tutor_weekday_1": {"zh": "星期二", "en": "Tuesday"},
    "tutor_weekday_2": {"zh": "星期三", "en": "Wednesday"},
    "tutor_weekday_3": {"zh": "星期四", "en": "Thursday"},
    "tutor_weekday_4": {"zh": "星期五", "en": "Friday"},
    "tutor_weekday_5": {"zh": "星期六", "en": "Saturday"},
    "tutor_weekday_6": {"zh": "星期日", "en": "Sunday"},
    "tutor_month_1": {"zh": "1", "en": "January"},
    "tutor_month_2": {"zh": "2", "en": "February"},
    "tutor_month_3": {"zh": "3", "en": "March"},
    "tutor_month_4": {"zh": "4", "en": "April"},
    "tutor_month_5": {"zh": "5", "en": "May"},
    "tutor_month_6": {"zh": "6", "en": "June"},
    "tutor_month_7": {"zh": "7", "en": "July"},
    "tutor_month_8": {"zh": "8", "en": "August"},
    "tutor_month_9": {"zh": "9", "en": "September"},
    "tutor_month_10": {"zh": "10", "en": "October"},
    "tutor_month_11": {"zh": "11", "en": "November"},
    "tutor_month_12": {"zh": "12", "en": "December"},
    # ---- the new-session form ----
    "tutor_form_heading": {"zh": "新建一节课", "en": "New session"},
    "tutor_form_lessons": {
        "zh": "这节课学什么？点一下选上，可以选几课：",
        "en": "What will you practise? Tap one or more lessons:",
    },
    "tutor_form_title": {"zh": "课名", "en": "Title"},
    "tutor_title_mixed": {"zh": "{first}等", "en": "{first} and more"},
    "tutor_form_day": {"zh": "日期", "en": "Day"},
    "tutor_form_starts": {"zh": "开始", "en": "Starts"},
    "tutor_form_ends": {"zh": "结束", "en": "Ends"},
    "tutor_form_room": {"zh": "教室", "en": "Room"},
    "tutor_form_tutor": {"zh": "带课老师：{name}", "en": "Tutor: {name}"},
    "tutor_form_save": {"zh": "保存，开始点名", "en": "Save and check in"},
    "tutor_form_cancel": {"zh": "不建了", "en": "Cancel"},
    "tutor_day_earlier": {"zh": "早一天", "en": "One day earlier"},
    "tutor_day_later": {"zh": "晚一天", "en": "One day later"},
    "tutor_starts_earlier": {"zh": "开始早 15 分钟", "en": "Start 15 minutes earlier"},
    "tutor_starts_later": {"zh": "开始晚 15 分钟", "en": "Start 15 minutes later"},
    "tutor_ends_earlier": {"zh": "结束早 15 分钟", "en": "End 15 minutes earlier"},
    "tutor_ends_later": {"zh": "结束晚 15 分钟", "en": "End 15 minutes later"},
    "tutor_problem_title": {
        "zh": "请给这节课起个名字，或者先选好要学的课。",
        "en": "Please give the session a title, or first choose its lessons.",
    },
    "tutor_problem_long_title": {
        "zh": "课的名字太长了，最多 {count} 个字。",
        "en": "Please use a shorter title (at most {count} characters).",
    },
    "tutor_problem_long_room": {
        "zh": "教室的名字太长了，最多 {count} 个字。",
        "en": "Please use a shorter room name (at most {count} characters).",
    },
    "tutor_problem_times": {
        "zh": "结束的时间要在开始以后。",
        "en": "The session must end after it starts.",
    },
    # ---- one session: its header and its two pages ----
    "tutor_session_when_room": {
        "zh": "{starts}–{ends}，教室：{room}，老师：{tutor}",
        "en": "{starts}–{ends} in {room}, tutor {tutor}",
    },
    "tutor_session_when": {"zh": "{starts}–{ends}，老师：{tutor}", "en": "{starts}–{ends}, tutor {tutor}"},
    "tutor_session_lessons": {"zh": "学：{lessons}", "en": "Lessons: {lessons}"},
    "tutor_session_lessons_more": {
        "zh": "学：{lessons}，还有 {more} 课",
        "en": "Lessons: {lessons} and {more} more",
    },
    "tutor_tab_checkin": {"zh": "点名（已到 {count} 人）", "en": "Check in ({count} here)"},
    "tutor_tab_board": {"zh": "课堂情况", "en": "Live board"},
    "tutor_tab_board_help": {"zh": "课堂情况（{count} 人要帮忙）", "en": "Live board ({count} need help)"},
    # ---- check-in ----
    "tutor_checkin_count": {"zh": "已到 {count} 人，共 {total} 人", "en": "{count} of {total} checked in"},
    "tutor_checkin_tap": {"zh": "点名字就签到了。", "en": "Tap a name to check them in."},
    "tutor_checkin_here": {"zh": "✓ {time} 到了", "en": "✓ Here {time}"},
    "tutor_checkin_by_kiosk": {"zh": "✓ {time} 自己签到", "en": "✓ Signed in {time}"},
    "tutor_checkin_already": {
        "zh": "{name} 已经签到了（{time}），不用再点。",
        "en": "{name} is already checked in ({time}); nothing more to do.",
    },
    "tutor_checkin_nobody": {
        "zh": "本机还没有学员的名字。学员第一次来时，在首页点“开始学习”，再点“我是新来的”。",
        "en": "No learners on this kiosk yet. On their first visit, learners tap Start on the welcome "
        "screen and then I'm new here.",
    },
    # ---- the live board ----
    "tutor_board_reading": {"zh": "正在读取课堂情况……", "en": "Reading the board…"},
    "tutor_board_updated": {"zh": "更新于 {time}", "en": "Updated {time}"},
    "tutor_board_kiosk_only": {
        "zh": "学习中心现在没有回应：下面只有本机的学员和求助。",
        "en": "The centre is not answering: this shows this kiosk only.",
    },
    "tutor_board_failed": {
        "zh": "读不到课堂情况（{problem}），过一会儿会再试。",
        "en": "Could not read the board ({problem}); it will try again shortly.",
    },
    "tutor_help_heading": {"zh": "要帮忙的学员（按先后）", "en": "Asking for help, first come first"},
    "tutor_help_none": {"zh": "现在没有人要帮忙。", "en": "Nobody is asking for help right now."},
    "tutor_help_where": {"zh": "{name}：{lesson}，第 {step} 步", "en": "{name}: {lesson}, step {step}"},
    "tutor_help_asked": {"zh": "{time} 叫的，等了 {minutes} 分钟", "en": "Asked {time}, waiting {minutes} min"},
    "tutor_help_asked_now": {"zh": "{time} 叫的，刚刚", "en": "Asked {time}, just now"},
    "tutor_helped": {"zh": "帮好了", "en": "Helped"},
    "tutor_learners_heading": {"zh": "学员（{count} 人）", "en": "Learners ({count})"},
    "tutor_learners_none": {
        "zh": "还没有人签到。在“点名”里点名字，或者请学员在电脑上登录。",
        "en": "Nobody is checked in yet. Tap their names under Check in, or learners sign in at a kiosk.",
    },
    "tutor_col_name": {"zh": "名字", "en": "Name"},
    "tutor_col_lesson": {"zh": "在学哪一课", "en": "Lesson"},
    "tutor_col_step": {"zh": "学到哪一步", "en": "Step"},
    "tutor_col_time": {"zh": "这一步用了", "en": "On this step"},
    "tutor_col_mistakes": {"zh": "出错", "en": "Mistakes"},
    "tutor_not_started": {"zh": "还没开始学", "en": "Not started yet"},
    "tutor_step": {"zh": "第 {step} 步，共 {total} 步", "en": "Step {step} of {total}"},
    "tutor_step_only": {"zh": "第 {step} 步", "en": "Step {step}"},
    "tutor_done": {"zh": "✓ 学完了", "en": "✓ Done"},
    "tutor_under_a_minute": {"zh": "不到 1 分钟", "en": "Under 1 min"},
    "tutor_minutes": {"zh": "{minutes} 分钟", "en": "{minutes} min"},
    "tutor_minutes_stuck": {"zh": "{minutes} 分钟，可能卡住了", "en": "{minutes} min, may be stuck"},
    "tutor_no_mistakes": {"zh": "没出错", "en": "None"},
    "tutor_one_mistake": {"zh": "1 次", "en": "1 mistake"},
    "tutor_mistakes": {"zh": "{count} 次", "en": "{count} mistakes"},
}

tr = translator(TEXTS)

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
