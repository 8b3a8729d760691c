"""The kiosk's sentences, in Simplified Chinese and English, and how a screen gets one.

A plain table rather than Qt Linguist: the strings are few, both languages are edited side by
side by tutors, and a test can check that every key has both. Sentences are whole, with named
placeholders; they are never built from fragments.

One convention for texts: each folder of screens keeps its own sentences in its `texts.py`
(`app/ui/learner/texts.py`, `roles/`, `tutor/`, `staff/`), as a table `TEXTS` and the `tr` its
screens import, made here by `translator`; this module keeps only the sentences every part of
the kiosk shares (the frame, text size, idle sign-out, where the records are), and `tr` for the
shared pieces. A folder's `tr` looks in its own table first, then in the shared one; a key in
both is an error when the folder is first imported, and tests/ui/test_texts.py checks every
table and every key a screen asks for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.core.names import TileLabel
    from app.kiosk.centre import CentreConnection

Texts = dict[str, dict[str, str]]
LANGS = ("zh", "en")


class Translate(Protocol):
    def __call__(self, key: str, lang: str, **values: object) -> str: ...


TEXTS: Texts = {
    "window_title": {"zh": "SilverSteps 银龄数字课堂", "en": "SilverSteps 银龄数字课堂"},
    "language": {"zh": "English", "en": "中文"},
    "text_size": {"zh": "字的大小", "en": "Text size"},
    "size_100": {"zh": "大", "en": "Large"},
    "size_125": {"zh": "更大", "en": "Larger"},
    "size_150": {"zh": "最大", "en": "Largest"},
    "surname_filter": {"zh": "按姓氏找：", "en": "Find by surname:"},
    "all_names": {"zh": "全部", "en": "All"},
    "phone_tail": {"zh": "尾号 {digits}", "en": "phone ends {digits}"},
    "registered_on": {"zh": "{when}登记", "en": "joined {when}"},
    "namesake_number": {"zh": "第 {number} 位", "en": "no. {number}"},
    "back": {"zh": "返回", "en": "Back"},
    "minutes": {"zh": "约 {minutes} 分钟", "en": "About {minutes} minutes"},
    "lesson_step": {"zh": "{title}：第 {step} 步，共 {total} 步", "en": "{title}: step {step} of {total}"},
    "lesson_step_short": {"zh": "第 {step} 步，共 {total} 步", "en": "Step {step} of {total}"},
    "hint_prefix": {"zh": "提示：{hint}", "en": "Hint: {hint}"},
    "tip_prefix": {"zh": "安全提醒：{tip}", "en": "Safety tip: {tip}"},
    "idle_title": {"zh": "您还在吗？", "en": "Are you still there?"},
    "idle_message": {
        "zh": "如果没有人点屏幕，{seconds} 秒后会自动退出。您学到的地方都已经保存好了。",
        "en": "If nobody touches the screen, you will be signed out in {seconds} seconds. "
        "Everything you have learned is saved.",
    },
    "role_idle_message": {
        "zh": "如果没有人点屏幕，{seconds} 秒后会自动退出登录，回到首页。",
        "en": "If nobody touches the screen, you will be signed out in {seconds} seconds and the kiosk "
        "goes back to the welcome screen.",
    },
    "pad_clear": {"zh": "全部删掉", "en": "Clear all"},
    "pad_delete": {"zh": "删一个", "en": "Delete one"},
    "page_up": {"zh": "▲ 往上翻", "en": "▲ Back up"},
    "page_down": {"zh": "▼ 下面还有", "en": "▼ More below"},
    "page_up_short": {"zh": "▲", "en": "▲"},
    "page_down_short": {"zh": "▼ 还有", "en": "▼ More"},
    "still_here": {"zh": "我还在", "en": "I'm still here"},
    "sync_none": {
        "zh": "学习中心：本机还没有登记，{waiting} 条记录安全地保存在本机",
        "en": "Centre: this kiosk is not enrolled yet; {waiting} records are kept safely on it",
    },
    "sync_ok": {
        "zh": "学习中心：{waiting} 条记录待发送，上次发送 {when}",
        "en": "Centre: {waiting} records waiting, last sent {when}",
    },
    "sync_never": {"zh": "还没有", "en": "never"},
    "sync_retry": {
        "zh": "学习中心暂时连不上（{problem}），{waiting} 条记录保存在本机，连上后会自动发送",
        "en": "Centre unreachable for now ({problem}); {waiting} records are kept and will be sent when it answers",
    },
    "sync_refused": {
        "zh": "学习中心拒绝了本机的登记（{problem}）：请工作人员重新登记本机。{waiting} 条记录保存在本机",
        "en": "The centre refused this kiosk ({problem}): staff, please enrol it again. {waiting} records are kept",
    },
    "sync_error": {
        "zh": "发送记录时出错（{problem}），{waiting} 条记录保存在本机；如果反复出现，请告诉工作人员",
        "en": "Sending records failed ({problem}); {waiting} records are kept; tell staff if this repeats",
    },
    "sync_set_aside": {
        "zh": "另有 {count} 条记录被中心退回，留给工作人员查看",
        "en": "{count} records were refused by the centre and set aside for staff",
    },
    "role_staff": {"zh": "工作人员", "en": "staff"},
    "role_tutor": {"zh": "老师", "en": "tutor"},
    "role_sign_out": {"zh": "退出登录", "en": "Sign out"},
    "handwriting_write": {"zh": "在这里用手指写一个字", "en": "Write one character here with your finger"},
    "handwriting_pick": {"zh": "哪个是您写的字？点一下它", "en": "Which one did you write? Tap it"},
    "handwriting_unclear": {
        "zh": "这个字还没认出来，可以接着写，或者重写",
        "en": "I can't read it yet. Keep writing, or start again",
    },
    "handwriting_clear": {"zh": "写错了，重写", "en": "Write again"},
    "handwriting_erase": {"zh": "删掉一个字", "en": "Delete one"},
}


def translator(own: Texts | None = None) -> Translate:
    """The `tr` of a folder whose sentences are `own`: the sentence `key` in `lang`, with its
    placeholders filled in, from `own` first and then the shared table."""
    own = own or {}
    clash = set(own) & set(TEXTS)
    if clash:
        raise KeyError(f"sentence keys defined twice: {sorted(clash)}")

    def tr(key: str, lang: str, **values: object) -> str:
        text = (own[key] if key in own else TEXTS[key])[lang]
        return text.format(**values) if values else text

    tr.texts = own  # type: ignore[attr-defined]  # for tests/ui/test_texts.py
    return tr


tr = translator()


def role_word(role: str, lang: str) -> str:
    """ "tutor" or "staff", as the screens say it."""
    return tr(f"role_{role}", lang)


def sync_text(centre: CentreConnection, lang: str) -> str:
    """Where the learners' records are, in words staff can act on (records waiting, the last
    success, any problem with what to do about it): one sentence shared by the welcome screen's
    status line and the staff settings screen, so both always say the same."""
    state = centre.sync_state()
    if not centre.sending:
        return tr("sync_none", lang, waiting=state.waiting)
    if state.advice:
        text = tr(f"sync_{state.advice}", lang, problem=state.problem, waiting=state.waiting)
    else:
        when = state.last_success.astimezone().strftime("%H:%M") if state.last_success else tr("sync_never", lang)
        text = tr("sync_ok", lang, waiting=state.waiting, when=when)
    if state.set_aside:
        text += "; " + tr("sync_set_aside", lang, count=state.set_aside)
    return text


# English month names written out: strftime's would follow the machine's locale.
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def name_tile_detail(label: TileLabel, lang: str) -> str:
    """The line under a name on its tile (phone digits; for namesakes, the day they joined and
    their order), the same on the learners' sign-in and the tutor's check-in."""
    parts = []
    if label.digits:
        parts.append(tr("phone_tail", lang, digits=label.digits))
    if label.registered is not None:
        day = label.registered
        when = f"{day.month}月{day.day}日" if lang == "zh" else f"{day.day} {MONTHS_EN[day.month - 1]}"
        parts.append(tr("registered_on", lang, when=when))
    if label.number is not None:
        parts.append(tr("namesake_number", lang, number=label.number))
    return " · ".join(parts)
