"""The scam rehearsals teach the safe action with the learner's hands (issue 14): what the
scammer asks for is a trap choice, stopped and explained beside the phone, never the
instruction and never the way on; no scam warning is drawn inside the phone as if a real app
would give it. Pure: the lessons are loaded from courses/staying-safe/ without Qt.

Each check is also run on a lesson written the old way (the rehearsal that told the learner
to tap "Speaker" and open the bank, with a "This is a scam!" dialog inside the phone), to
show that it would catch it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.core.course import ChoiceKind, Lesson, Step
from app.core.loader import load_lesson

STAYING_SAFE = Path(__file__).resolve().parents[2] / "courses" / "staying-safe"

# The in-call and call buttons carry the phone's own captions (app/ui/phone/calls.py), not
# the lesson's words; the instruction would quote these.
CALL_CAPTIONS = {
    "answer": {"zh": "接听", "en": "Answer"},
    "decline": {"zh": "挂断", "en": "Decline"},
    "mute": {"zh": "静音", "en": "Mute"},
    "keypad": {"zh": "拨号键盘", "en": "Keypad"},
    "speaker": {"zh": "免提", "en": "Speaker"},
    "add_call": {"zh": "添加通话", "en": "Add call"},
    "video": {"zh": "视频通话", "en": "Video call"},
    "hang_up": {"zh": "挂断", "en": "Hang up"},
    "switch_camera": {"zh": "翻转", "en": "Flip"},
}
QR_CODE = {"zh": "二维码", "en": "QR code"}

# Words that mark a message as a scam warning; a dialog inside the phone must carry none.
WARNING_WORDS = re.compile(r"诈骗|骗局|骗子|陷阱|上当|scam|fraud|trap|trick", re.IGNORECASE)
# "Let's do it once" and the like: the old rehearsals' way of making the learner follow the scammer.
FOLLOW_HIM = re.compile(r"照做|跟着做|跟着他|do it once|let's do it|follow (him|his)", re.IGNORECASE)


def rehearsals() -> list[Lesson]:
    lessons = []
    for path in sorted(STAYING_SAFE.glob("*.yaml")):
        lesson, problems = load_lesson(path)
        assert lesson is not None, problems
        lessons.append(lesson)
    return lessons


def labels(step: Step) -> dict[str, list[dict[str, str]]]:
    """Each target on the step's screen with the words a learner sees on it (both languages)."""
    found: dict[str, list[dict[str, str]]] = {}

    def add(target: str | None, *texts: object) -> None:
        if target:
            found.setdefault(target, []).extend(dict(t) for t in texts if t is not None)

    for component in step.screen.components:
        kind = component.type
        if kind == "app_grid":
            for app in component.apps:
                add(app.id, app.label)
        elif kind == "button":
            add(component.id, component.label)
        elif kind == "list":
            for row in component.rows:
                add(row.id, row.title)
        elif kind == "tabs":
            for tab in component.tabs:
                add(tab.id, tab.label)
        elif kind in ("dialog",):
            for button in component.buttons:
                add(button.id, button.label)
        elif kind == "sheet":
            add(component.button, component.button_label)
        elif kind == "toggle":
            add(component.id, component.label)
        elif kind == "notification":
            add(component.id, component.title, component.app)
        elif kind == "chat":
            for message in component.messages:
                add(message.id, message.link, message.text)
        elif kind == "qr_scan":
            add(component.id, component.payee, QR_CODE)
        elif kind == "incoming_call":
            add(component.accept, component.accept_label or CALL_CAPTIONS["answer"])
            add(component.decline, component.decline_label or CALL_CAPTIONS["decline"])
        elif kind == "in_call":
            for role, target in component.button_ids().items():
                add(target, CALL_CAPTIONS[role])
        elif kind == "video_call":
            add(component.hang_up, CALL_CAPTIONS["hang_up"])
            add(component.mute, CALL_CAPTIONS["mute"])
            add(component.switch_camera, CALL_CAPTIONS["switch_camera"])
    return found


def asks_to_tap(say: str, label: str, lang: str) -> bool:
    """Whether the instruction tells the learner to tap (press, scan, open) `label`, quoted or
    not, unless it says not to ("不要点“…”", "Don't tap "…"")."""
    name = re.escape(label.strip())
    if lang == "zh":
        verb = r"(?<![不别])(?<!不要)(?<!不用)(?:点|按|扫|打开|选)(?:一下|一次)?(?:画面中的|屏幕上的|上面的|下面的)?"
        pattern = rf"{verb}[“\"]?{name}"
    else:
        verb = r"(?<!don't )(?<!do not )(?<!never )(?:tap|press|scan|open|choose)"
        pattern = rf"{verb}\s+(?:the\s+)?(?:green\s+|red\s+|blue\s+)?[\"“]?{name}"
    return re.search(pattern, say, re.IGNORECASE) is not None


def follows_the_scammer(lesson: Lesson) -> list[str]:
    """Where an instruction asks for a trap's action, or a trap's target is the way on."""
    problems = []
    ways_on = {(step.expect.action, step.expect.target): step.id for step in lesson.steps}
    for step in lesson.steps:
        on_screen = labels(step)
        for trap in step.traps():
            if (way_on := ways_on.get((trap.action, trap.target))) is not None:
                problems.append(f"{step.id}: the trap '{trap.target}' is the way on at step {way_on}")
            for text in on_screen.get(trap.target, []):
                for lang in ("zh", "en"):
                    if text.get(lang) and asks_to_tap(step.say[lang], text[lang], lang):
                        problems.append(f"{step.id}: the {lang} instruction asks to tap the trap {text[lang]!r}")
        for lang in ("zh", "en"):
            if FOLLOW_HIM.search(step.say[lang]):
                problems.append(f"{step.id}: the {lang} instruction has the learner follow the scammer")
    return problems


def warnings_inside_the_phone(lesson: Lesson) -> list[str]:
    problems = []
    for step in lesson.steps:
        for component in step.screen.components:
            if component.type != "dialog":
                continue
            words = " ".join(
                text[lang] for text in (component.title, component.message) if text is not None for lang in ("zh", "en")
            )
            if WARNING_WORDS.search(words):
                problems.append(f"{step.id}: a dialog inside the phone warns of a scam")
    return problems


def shape_problems(lesson: Lesson) -> list[str]:
    """A rehearsal has a trap, ends with the debrief list, and offers every trap beside the safe way."""
    problems = []
    if not any(step.traps() for step in lesson.steps):
        problems.append("no step offers a trap: nothing is rehearsed as a decision")
    last = lesson.steps[-1]
    headers = [c.header.zh for c in last.screen.components if c.type == "list" and c.header is not None]
    if headers != ["露馅的地方", "下次这样做"]:
        problems.append(f"the last step is not the debrief (露馅的地方 / 下次这样做): {headers}")
    for step in lesson.steps:
        if step.traps() and step.expect.target not in step.screen.targets():
            problems.append(f"{step.id}: the safe way '{step.expect.target}' is not on screen beside the trap")
        for trap in step.traps():
            if trap.target not in step.screen.targets():
                problems.append(f"{step.id}: the trap '{trap.target}' is not on screen")
    return problems


def test_there_are_at_least_six_rehearsals_each_with_a_trap_and_a_debrief():
    lessons = rehearsals()
    assert len(lessons) >= 6, [lesson.id for lesson in lessons]
    assert {"fake-police-call", "prize-sms", "stranger-qr", "verification-code"} <= {x.id for x in lessons}
    assert {lesson.id: shape_problems(lesson) for lesson in lessons} == {lesson.id: [] for lesson in lessons}


@pytest.mark.parametrize("lesson", rehearsals(), ids=lambda lesson: lesson.id)
def test_no_instruction_asks_for_what_the_scammer_wants(lesson):
    assert follows_the_scammer(lesson) == []


@pytest.mark.parametrize("lesson", rehearsals(), ids=lambda lesson: lesson.id)
def test_no_scam_warning_is_drawn_inside_the_phone(lesson):
    assert warnings_inside_the_phone(lesson) == []


@pytest.mark.parametrize("lesson", rehearsals(), ids=lambda lesson: lesson.id)
def test_every_trap_and_neutral_choice_has_coach_words_in_both_languages(lesson):
    for step in lesson.steps:
        for choice in step.choices:
            if choice.outcome is not ChoiceKind.SAFE:
                assert choice.coach is not None and choice.coach.zh and choice.coach.en, step.id
                assert len(choice.coach.en) <= 120, f"{step.id}: 1-2 short sentences, please"


# --- the checks catch the old way -------------------------------------------------------------


def text(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


def in_call_step(step_id: str, say: dict, expect: str, choices: list[dict] | None = None) -> dict:
    return {
        "id": step_id,
        "say": say,
        "hint": text("提示", "Hint"),
        "screen": {
            "components": [
                {
                    "type": "incoming_call",
                    "caller": text("陌生号码", "Unknown number"),
                    "subtitle": text("通话中", "In call"),
                    "accept": "speaker",
                    "accept_label": text("免提", "Speaker"),
                    "decline": "hang-up",
                    "decline_label": text("挂断", "Hang up"),
                }
            ]
        },
        "expect": {"action": "tap", "target": expect},
        "choices": choices or [],
    }


def old_police_call(*, marked_traps: bool) -> Lesson:
    """The old rehearsal's shape (its own words): 'Tap "Speaker"' after the money was
    mentioned, 'we'll do it once' into the bank app, and the warning as a dialog in the phone.
    With `marked_traps`, its scammer's requests are at least marked as traps later on."""
    trap = [{"action": "tap", "target": "speaker", "outcome": "trap", "coach": text("免提", "Speaker")}]
    bank_trap = [{"action": "tap", "target": "bank", "outcome": "trap", "coach": text("银行", "Bank")}]
    steps = [
        in_call_step(
            "hear-claim",
            text("对方要您把钱转到“安全账户”。请点“免提”。", 'He wants your money in a "safe account". Tap "Speaker".'),
            "speaker",
        ),
        {
            "id": "open-bank",
            "say": text("我们照做一次。请点“银行”。", 'Let\'s do it once. Tap "Bank".'),
            "hint": text("提示", "Hint"),
            "screen": {
                "components": [
                    {
                        "type": "app_grid",
                        "apps": [
                            {"id": "bank", "icon": "bank", "label": text("银行", "Bank")},
                            {"id": "phone", "icon": "phone", "label": text("电话", "Phone")},
                        ],
                    }
                ]
            },
            "expect": {"action": "tap", "target": "bank"},
        },
        {
            "id": "stop-scam",
            "say": text("请点“我明白了”。", 'Tap "I understand".'),
            "hint": text("提示", "Hint"),
            "screen": {
                "components": [
                    {
                        "type": "app_grid",
                        "apps": [
                            {"id": "bank", "icon": "bank", "label": text("银行", "Bank")},
                            {"id": "phone", "icon": "phone", "label": text("电话", "Phone")},
                        ],
                    },
                    {
                        "type": "dialog",
                        "title": text("这是诈骗！", "This is a scam!"),
                        "message": text("警察不会让您转账。", "Police never ask you to move money."),
                        "buttons": [{"id": "understood", "label": text("我明白了", "I understand")}],
                    },
                ]
            },
            "expect": {"action": "tap", "target": "understood"},
            "choices": bank_trap if marked_traps else [],
        },
        in_call_step(
            "hang-up",
            text("请点“免提”，听他说。", 'Tap "Speaker" and listen.'),
            "hang-up" if marked_traps else "speaker",
            trap if marked_traps else [],
        ),
        {
            "id": "debrief",
            "say": text("请点“我记住了”。", 'Tap "I\'ll remember".'),
            "hint": text("提示", "Hint"),
            "screen": {
                "components": [{"type": "button", "id": "remember", "label": text("我记住了", "I'll remember")}]
            },
            "expect": {"action": "tap", "target": "remember"},
        },
    ]
    return Lesson.model_validate(
        {
            "id": "fake-police-call",
            "version": 1,
            "theme": "staying-safe",
            "title": text("识破冒充警察的诈骗电话", "Spot a fake police call"),
            "summary": text("练一练", "Practise"),
            "goals": [text("挂断", "Hang up")],
            "minutes": 12,
            "icon": "police",
            "steps": steps,
        }
    )


def test_the_checks_catch_the_old_rehearsal():
    old = old_police_call(marked_traps=False)
    assert shape_problems(old)[:2] == [
        "no step offers a trap: nothing is rehearsed as a decision",
        "the last step is not the debrief (露馅的地方 / 下次这样做): []",
    ]
    assert warnings_inside_the_phone(old) == ["stop-scam: a dialog inside the phone warns of a scam"]
    assert follows_the_scammer(old) == [
        "open-bank: the zh instruction has the learner follow the scammer",
        "open-bank: the en instruction has the learner follow the scammer",
    ]


def test_marking_the_scammer_s_requests_as_traps_is_not_enough_if_the_steps_still_ask_for_them():
    problems = follows_the_scammer(old_police_call(marked_traps=True))
    assert "stop-scam: the trap 'bank' is the way on at step open-bank" in problems
    assert "hang-up: the trap 'speaker' is the way on at step hear-claim" in problems
    assert "hang-up: the zh instruction asks to tap the trap '免提'" in problems
    assert "hang-up: the en instruction asks to tap the trap 'Speaker'" in problems


@pytest.mark.parametrize(
    ("say", "label", "lang", "asks"),
    [
        ("请点“免提”。", "免提", "zh", True),
        ("请点一下画面中的二维码。", "二维码", "zh", True),
        ("不要点“立即领取”。", "立即领取", "zh", False),
        ("链接别点“下载”。", "下载", "zh", False),
        ('Tap the green "Answer".', "Answer", "en", True),
        ("Tap the QR code in the picture.", "QR code", "en", True),
        ('Don\'t tap "Claim now".', "Claim now", "en", False),
        ("It offers a rice cooker.", "Claim now", "en", False),
    ],
)
def test_asks_to_tap_reads_an_instruction_as_a_person_would(say, label, lang, asks):
    assert asks_to_tap(say, label, lang) is asks
