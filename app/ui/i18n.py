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
    # The kiosk cannot open its records (app/ui/records_problem.py): a word for the learner, the
    # rest for staff. Paths and the command are shown as they are, never translated.
    "records_title": {"zh": "这台电脑的学习记录暂时打不开了", "en": "This kiosk cannot open its learning records"},
    "records_ask_staff": {
        "zh": "您别着急，这不是您弄坏的。请找一位工作人员过来看看。",
        "en": "Nothing you did caused this. Please ask a member of staff to come over.",
    },
    "records_for_staff": {"zh": "工作人员请看：", "en": "For staff:"},
    "records_what_damaged": {
        "zh": "记录文件坏了，可能是突然断电、磁盘出了错，或者文件没复制完。本机没有改动这个文件，"
        "也没有重新建一份空的记录，所以暂时不能上课。",
        "en": "The records file is damaged, perhaps by a power cut, a disk fault or a copy that did not "
        "finish. The kiosk has not changed the file and has not started new records, so lessons cannot "
        "start for now.",
    },
    "records_what_newer": {
        "zh": "记录文件是更新版本的银龄数字课堂写的，现在这个旧版本读不懂它。本机没有改动这个文件。",
        "en": "The records file was written by a newer version of SilverSteps, which this version cannot "
        "read. The kiosk has not changed the file.",
    },
    "records_what_read_only": {
        "zh": "记录文件现在只能看、不能写，学员的进度存不进去，所以先停在这里。本机没有改动这个文件。",
        "en": "The records file can be read but not written, so no learner's progress could be saved. The "
        "kiosk has stopped here and has not changed the file.",
    },
    "records_file": {"zh": "记录文件：{path}", "en": "Records file: {path}"},
    "records_copy": {"zh": "已经原样另存了一份：{path}", "en": "A copy kept as it was found: {path}"},
    "records_no_copy": {
        "zh": "没能另存一份，因为这个文件夹也写不进去。",
        "en": "No copy could be made: the folder cannot be written either.",
    },
    "records_todo_damaged": {
        "zh": "请先给中心的负责人或者技术支持打个电话。要用最近的备份（在 {backups}）恢复，在这台电脑上运行：",
        "en": "First call the centre's staff in charge or technical support. To restore the latest backup "
        "(in {backups}), run this on this PC:",
    },
    "records_restore_after": {
        "zh": "备份以后学的内容不在备份里；已经发到中心的记录还在中心。恢复好以后，按 Ctrl+Alt+Q 关掉本程序，"
        "再重新打开。",
        "en": "What was learned after the backup is not in it; records already sent to the centre are still "
        "there. Then close the kiosk with Ctrl+Alt+Q and start it again.",
    },
    "records_todo_newer": {
        "zh": "请把更新的版本装回来，或者请技术支持帮忙。千万不要删掉这个文件。",
        "en": "Install the newer version again, or call technical support. Do not delete this file.",
    },
    "records_todo_read_only": {
        "zh": "请看看磁盘是不是满了、是不是只读挂载的，这个文件和它所在的文件夹能不能写。弄好以后，"
        "按 Ctrl+Alt+Q 关掉本程序，再重新打开。",
        "en": "Check whether the disk is full or mounted read-only, and that the file and its folder can be "
        "written. Then close the kiosk with Ctrl+Alt+Q and start it again.",
    },
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
