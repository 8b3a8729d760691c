"""The tutor console on real kiosk windows: a tutor makes today's session by tapping, checks 30
learners in with 30 taps (and a few surname taps), sees a learner who signed in by themselves,
follows the class on the live board and answers help calls — on one kiosk alone, and across
two kiosks through the real centre server. Every page is measured against the senior-friendly
numbers and rendered to build/screens/tutor-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from app.core.board import Board, BoardLearner, HelpCall
from app.core.class_sessions import ClassSession
from app.store.models import Progress
from app.store.options import KIOSK_ROOM
from app.ui.services import Services
from app.ui.tutor.session_form import LAST_END, next_quarter, step_end
from app.ui.tutor.texts import clock, date_words, suggest_title
from app.ui.window import KioskWindow
from tests.support.a11y import audit, format_violations
from tests.sync.test_enrol import enrol_kiosk
from tests.ui import robot
from tests.ui.kiosk_helpers import click, close_kiosk, open_kiosk, open_lesson, play_steps, sign_in, sign_up

pytestmark = pytest.mark.gui
SCREENS_DIR = Path(__file__).resolve().parents[2] / "build" / "screens"
TUTOR = "Mrs Ho"
TUTOR_PIN = "135790"
SURNAMES = ("Wong", "Chan", "Li", "Ho", "Tang")
GIVEN = ("Mary", "Ann", "Rose", "Tom", "Jack", "Lily")
LATECOMER = "Daisy Yip"
LESSON = "video-call-family"
FAST_POLL_MS = 200


@pytest.fixture(autouse=True)
def _not_at_midnight() -> None:
    """A session made now runs today; a few minutes before midnight it could not."""
    now = datetime.now()
    if now.hour == 23 and now.minute >= 40:
        pytest.skip("a session made now would run past midnight")


def open_tutor_kiosk(data_dir: Path, *, lang: str = "en") -> KioskWindow:
    def prepare(services: Services) -> None:
        services.kiosk.db.accounts.add(TUTOR, "tutor", TUTOR_PIN)
        services.role_idle_seconds = 600  # a slow machine must not sign the tutor out mid-test

    return open_kiosk(data_dir / "kiosk", lang=lang, prepare=prepare)


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def sign_in_as_tutor(window: KioskWindow) -> None:
    click(window.welcome.staff_button)
    button = next(b for b in window.roles.signin.name_buttons() if b.text().startswith(TUTOR))
    click(button)
    for digit in TUTOR_PIN:
        click(window.roles.signin.pad.keys[digit])
    click(window.roles.signin.sign_in_button)
    assert window.current() is window.roles.tutor
    window.roles.tutor.poller.interval_ms = FAST_POLL_MS


def make_session(window: KioskWindow, *lesson_ids: str) -> ClassSession:
    """New session -> tap the lessons -> Save: everything else as the form suggests."""
    tutor = window.roles.tutor
    click(tutor.today.new_button)
    for lesson_id in lesson_ids:
        click(tutor.form.lesson_buttons[lesson_id])
    click(tutor.form.save_button)
    assert tutor.current_page() is tutor.session
    return tutor.session.session


def on_screen(widget) -> bool:
    """All of it shows: no scrolling before the tap."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def learner_id(window: KioskWindow, name: str) -> str:
    return next(learner.id for learner in window.services.kiosk.db.learners.all() if learner.display_name == name)


# ---- one kiosk, no centre --------------------------------------------------------------------------


def test_one_kiosk_session_from_the_form_to_a_helped_call(qtbot, tmp_path):
    window = open_tutor_kiosk(tmp_path)
    try:
        db = window.services.kiosk.db
        for surname in SURNAMES:
            for given in GIVEN:
                db.learners.add(f"{given} {surname}")
        db.learners.add(LATECOMER)
        db.settings.set(KIOSK_ROOM, "Room 2")
        sign_in_as_tutor(window)
        tutor = window.roles.tutor
        assert tutor.title.plain_text() == f"Tutor: {TUTOR}"
        assert tutor.today.empty.plain_text() == "No sessions today yet. Tap New session to make one."

        # ---- the form: taps, not typing -------------------------------------------------------
        click(tutor.today.new_button)
        form = tutor.form
        now = datetime.now().astimezone()
        assert form.day == now.date() and form.starts == next_quarter(now)
        assert form.ends == min(form.starts + 90, LAST_END)  # ninety minutes, but never past midnight
        assert form.room.text() == "Room 2" and [b.text() for b in form.room_buttons] == ["Room 2"]
        assert form.tutor_line.plain_text() == f"Tutor: {TUTOR}"
        click(form.save_button)  # nothing chosen, no title: said in words
        assert form.problem.plain_text() == "Please give the session a title, or first choose its lessons."
        click(form.lesson_buttons[LESSON])
        assert form.title.text() == "Make a video call to your family"
        click(form.lesson_buttons["send-voice-message"])
        assert form.title.text() == "Keeping in touch"  # two lessons of one theme: the theme
        assert form.lesson_buttons[LESSON].plain_text().startswith("✓ ")
        click(form.day_stepper.plus)
        assert form.day_stepper.value.plain_text().startswith("Tomorrow, ")
        click(form.day_stepper.minus)
        click(form.day_stepper.minus)  # never before today
        assert form.day == now.date() and form.day_stepper.value.plain_text().startswith("Today, ")
        starts, ends = form.starts, form.ends
        click(form.ends_stepper.minus)  # (a quarter earlier, then back: also at 23:59, the day's end)
        click(form.ends_stepper.plus)
        assert (form.starts, form.ends) == (starts, ends)
        click(form.save_button)
        session = tutor.session.session
        assert (session.title, session.room, session.tutor) == ("Keeping in touch", "Room 2", TUTOR)
        assert session.lesson_ids == (LESSON, "send-voice-message")
        assert session.is_on(datetime.now().astimezone())
        assert tutor.title.plain_text() == "Keeping in touch"
        assert tutor.session.shown == "checkin"  # nobody is here yet

        # ---- 30 learners checked in with 30 taps and 5 surname taps -----------------------------
        checkin = tutor.session.checkin
        assert checkin.message.plain_text() == "Tap a name to check them in."
        taps = 0
        for surname in SURNAMES:
            click(next(b for b in checkin.surname_buttons() if b.text() == surname[0]))
            taps += 1
            settle()  # the screen shows the new tiles before a finger reaches them
            tiles = checkin.name_tiles()
            assert len(tiles) == len(GIVEN)
            for tile in tiles:
                assert on_screen(tile), tile.text()  # no scrolling needed: one tap each
                click(tile)
                taps += 1
        assert checkin.checked_count() == 30 and taps == 30 + len(SURNAMES)
        assert checkin.count.plain_text() == "30 of 31 checked in"
        assert len(db.classes.check_ins(session.id)) == 30
        mary = learner_id(window, "Mary Wong")
        (record,) = [r for r in db.classes.check_ins(session.id) if r.learner_id == mary]
        at = clock(record.checked_in_at.replace(tzinfo=record.checked_in_at.tzinfo or UTC))
        click(next(b for b in checkin.surname_buttons() if b.text() == "W"))
        tile = checkin.tile(mary)
        assert tile.text() == f"Mary Wong\n✓ Here {at}" and tile.property("checkin") == "done"
        click(tile)  # a second tap: nothing happens but a word
        assert checkin.message.plain_text() == f"Mary Wong is already checked in ({at}); nothing more to do."
        assert len(db.classes.check_ins(session.id)) == 30 and checkin.checked_count() == 30
        assert tutor.session.checkin_tab.text() == "Check in (30 here)"

        click(tutor.sign_out_button)
        assert window.current() is window.welcome and not tutor.poller.active

        # ---- a learner signs in at this kiosk, plays, makes a mistake and presses Help -----------
        sign_in(window, LATECOMER)  # checked in by themselves: the session is on
        lesson = open_lesson(window, LESSON)
        play_steps(window, 3)
        robot.miss(window.player.phone, window.player.run.step.expect)
        click(window.player.help)
        assert "Your tutor has been told" in window.player.called.plain_text() and window.player.called.isVisible()
        click(window.player.later)
        click(window.catalogue.sign_out)

        # ---- the tutor is back: the board shows them, Helped clears the call ---------------------
        sign_in_as_tutor(window)
        card = tutor.today.cards[session.id]
        assert card.plain_text().startswith(f"{clock(session.starts)}–{clock(session.ends)}  Keeping in touch")
        assert "In Room 2 · 31 checked in" in card.plain_text() and "On now" in card.plain_text()
        click(card)
        assert tutor.session.shown == "board"  # people are here: the board first
        board = tutor.session.board
        daisy = learner_id(window, LATECOMER)
        qtbot.waitUntil(lambda: daisy in board.learner_rows and bool(board.help_rows), timeout=10_000)
        assert board.status.plain_text().startswith("Updated ")
        assert not board.source_note.isVisible()  # one kiosk alone: nothing is missing
        row = board.learner_rows[daisy]
        assert row.text("name") == LATECOMER
        assert row.text("lesson") == "Make a video call to your family"
        assert row.text("step") == f"Step 4 of {len(lesson.steps)}"
        assert row.text("time") == "Under 1 min" and not row.stuck()
        assert row.text("mistakes") == "1 mistake"
        assert board.learner_rows[mary].text("lesson") == "Not started yet"
        (call_row,) = board.help_rows.values()
        assert call_row.where.plain_text() == "Daisy Yip: Make a video call to your family, step 4"
        assert call_row.asked.plain_text().startswith("Asked ")
        assert tutor.session.board_tab.text() == "Live board (1 need help)"
        kiosk_tile = tutor.session.checkin.tile(daisy)
        assert kiosk_tile.text().startswith("Daisy Yip\n✓ Signed in ")  # by the kiosk, not a tap

        call_id = call_row.call.id
        click(call_row.helped)
        assert board.help_rows == {} and board.pending_helped == {call_id}  # gone at once
        assert board.help_none.plain_text() == "Nobody is asking for help right now."
        assert tutor.session.board_tab.text() == "Live board"
        polls = tutor.poller.polls
        qtbot.waitUntil(lambda: tutor.poller.polls > polls and not board.pending_helped, timeout=10_000)
        assert board.board.waiting_help() == [] and board.help_rows == {}  # confirmed by a fresh read
        (helped,) = db.classes.help_requests(datetime.now(UTC) - timedelta(hours=1))
        assert helped.id == call_id and helped.helped_at is not None

        click(tutor.sign_out_button)
        assert not tutor.poller.active and tutor.account is None
    finally:
        close_kiosk(window)


def test_the_board_keeps_a_helped_call_away_until_the_centre_agrees_and_flags_a_stuck_learner(tmp_path):
    """The view takes boards as they come (here made by hand, as the centre would send them)."""
    window = open_tutor_kiosk(tmp_path)
    try:
        sign_in_as_tutor(window)
        session = make_session(window, LESSON)
        tutor = window.roles.tutor
        tutor.poller.stop()  # this test hands the boards in itself
        board = tutor.session.board
        now = datetime.now(UTC)
        stuck = BoardLearner("l1", "Ann Chan", now, LESSON, 2, 10, False, 3, 250.0)
        done = BoardLearner("l2", "Tom Li", now, LESSON, 10, 10, True, 0, None)
        calls = [
            HelpCall("c1", "l1", "Ann Chan", LESSON, 2, now - timedelta(minutes=4), None),
            HelpCall("c2", "l2", "Tom Li", LESSON, 5, now, None),
        ]
        board.take_board(Board(session, [stuck, done], calls, "centre"))
        assert [row.call.id for row in board.help_rows.values()] == ["c1", "c2"]  # the order they came
        assert board.help_rows["c1"].number.plain_text() == "1"
        assert board.help_rows["c1"].asked.plain_text() == f"Asked {clock(calls[0].asked_at)}, waiting 4 min"
        row = board.learner_rows["l1"]
        assert row.text("time") == "4 min, may be stuck" and row.stuck()  # warm, and said in words
        assert row.text("mistakes") == "3 mistakes" and row.text("step") == "Step 3 of 10"
        assert board.learner_rows["l2"].text("step") == "✓ Done" and board.learner_rows["l2"].text("time") == ""

        click(board.help_rows["c1"].helped)
        assert list(board.help_rows) == ["c2"] and board.help_rows["c2"].number.plain_text() == "1"
        board.take_board(Board(session, [stuck, done], calls, "centre"))  # the centre has not heard yet
        assert list(board.help_rows) == ["c2"] and board.pending_helped == {"c1"}
        helped = HelpCall("c1", "l1", "Ann Chan", LESSON, 2, calls[0].asked_at, now)
        board.take_board(Board(session, [stuck, done], [helped, calls[1]], "centre"))
        assert board.pending_helped == set() and list(board.help_rows) == ["c2"]
        statements = [s.statement for s in window.services.kiosk.db.outbox.waiting(100)]
        assert any(s["verb"]["id"].endswith("/responded") for s in statements)  # on its way to the centre
    finally:
        close_kiosk(window)


def test_idle_sign_out_stops_the_board_and_leaves_nothing_open(qtbot, tmp_path):
    window = open_tutor_kiosk(tmp_path)
    try:
        sign_in_as_tutor(window)
        make_session(window, LESSON)
        tutor = window.roles.tutor
        click(tutor.session.board_tab)
        qtbot.waitUntil(lambda: tutor.poller.polls > 0, timeout=10_000)
        window.roles.idle.timed_out.emit()  # the warning ran out
        assert window.current() is window.welcome and tutor.account is None
        assert not tutor.poller.active and tutor.current_page() is tutor.today
        polls = tutor.poller.polls
        qtbot.wait(3 * FAST_POLL_MS)
        assert tutor.poller.polls == polls  # no reads behind the welcome screen
    finally:
        close_kiosk(window)


def test_words_for_days_titles_and_quarters():
    tuesday = date(2026, 11, 24)
    assert date_words(tuesday, "zh", tuesday) == "今天，11月24日 星期二"
    assert date_words(tuesday + timedelta(days=1), "en", tuesday) == "Tomorrow, Wednesday 25 November"
    assert next_quarter(datetime(2026, 11, 24, 9, 1)) == 9 * 60 + 15
    assert next_quarter(datetime(2026, 11, 24, 9, 15)) == 9 * 60 + 15
    assert next_quarter(datetime(2026, 11, 24, 23, 50)) == 23 * 60 + 45  # never past the day
    assert step_end(23 * 60 + 45, 1, 0) == 23 * 60 + 59 and step_end(23 * 60 + 59, -1, 0) == 23 * 60 + 45
    assert step_end(10 * 60 + 15, -1, 10 * 60) == 10 * 60 + 15  # never before a quarter after the start
    assert step_end(23 * 60 + 59, -1, 23 * 60 + 45) == 23 * 60 + 59  # nor past the day's end (a crash before)
    assert suggest_title([], [], "en") == ""


# ---- two kiosks through the real centre ------------------------------------------------------------


@pytest.mark.slow
def test_a_learner_on_kiosk_b_reaches_the_tutors_board_on_kiosk_a(qtbot, tmp_path, centre):
    enrol_kiosk(centre, tmp_path / "a" / "kiosk")
    enrol_kiosk(centre, tmp_path / "b" / "kiosk")
    kiosk_a, kiosk_b = open_tutor_kiosk(tmp_path / "a"), open_tutor_kiosk(tmp_path / "b")
    try:
        sign_in_as_tutor(kiosk_a)
        session = make_session(kiosk_a, LESSON)  # saving nudges A's sync worker
        tutor = kiosk_a.roles.tutor

        def session_on_b() -> bool:
            kiosk_b.services.kiosk.centre.nudge()
            return kiosk_b.services.kiosk.db.classes.get(session.id) is not None

        qtbot.waitUntil(session_on_b, timeout=30_000)
        sign_up(kiosk_b, LATECOMER)  # signs in while the session is on: checked in by kiosk B
        lesson = open_lesson(kiosk_b, LESSON)
        play_steps(kiosk_b, 2)
        click(kiosk_b.player.help)
        assert "Your tutor has been told" in kiosk_b.player.called.plain_text() and kiosk_b.player.called.isVisible()
        daisy = learner_id(kiosk_b, LATECOMER)

        click(tutor.session.board_tab)  # the tutor watches the class
        board = tutor.session.board
        assert board.isVisible()

        def on_the_board() -> bool:
            kiosk_b.services.kiosk.centre.nudge()
            shown = board.board
            return shown is not None and daisy in board.learner_rows and bool(board.help_rows)

        qtbot.waitUntil(on_the_board, timeout=30_000)
        assert board.board.source == "centre" and not board.source_note.isVisible()
        row = board.learner_rows[daisy]
        assert (row.text("name"), row.text("step")) == (LATECOMER, f"Step 3 of {len(lesson.steps)}")
        (call_row,) = board.help_rows.values()
        assert call_row.where.plain_text() == "Daisy Yip: Make a video call to your family, step 3"
        checkin = tutor.session.checkin
        assert checkin.tile(daisy) is not None and daisy in checkin.checked  # checked in on B, seen on A

        click(call_row.helped)
        assert board.help_rows == {}

        def confirmed() -> bool:
            kiosk_a.services.kiosk.centre.nudge()
            shown = board.board
            return not board.pending_helped and shown.source == "centre" and shown.waiting_help() == []

        qtbot.waitUntil(confirmed, timeout=30_000)
        assert board.help_rows == {}

        # The centre goes away: the board says so, and shows this kiosk alone.
        centre.stop()
        qtbot.waitUntil(lambda: board.source_note.isVisible(), timeout=20_000)
        assert board.source_note.plain_text() == "The centre is not answering: this shows this kiosk only."
        assert board.board.source == "kiosk"
        failures = []
        for scale in (1.0, 1.5):
            kiosk_a.state.set_scale(scale)
            settle()
            path = SCREENS_DIR / f"tutor-board-centre-away-en-{int(scale * 100)}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            assert kiosk_a.grab().save(str(path)), path
            violations = audit(kiosk_a, scale=scale)
            if violations:
                failures.append(f"--- centre away ({int(scale * 100)} %)\n{format_violations(violations)}")
        assert not failures, "\n".join(failures)
    finally:
        close_kiosk(kiosk_a)
        close_kiosk(kiosk_b)


# ---- what the console looks like ---------------------------------------------------------------------

NAMES = {
    "zh": ["王秀英", "王德明", "李建国", "张桂兰", "刘芳", "陈明", "赵兰", "孙丽华"],
    "en": ["Mary Wong", "Tom Wang", "Li Jianguo", "Zhang Guilan", "Rose Yip", "Jack Ho", "Ann Chan", "Lily Tang"],
}


def play(services: Services, learner: str, lesson, steps: int, mistakes: int = 0) -> None:
    """Steps of a lesson as the player records them, without the screen."""
    identity = services.kiosk.centre.identity
    services.kiosk.db.progress.start(learner, lesson.id, lesson.version, started=identity.start_of(learner, lesson))

    def record(outcome: str, index: int, next_step: int) -> None:
        services.kiosk.db.progress.record(
            learner,
            lesson.id,
            outcome=outcome,
            step_index=index,
            step_id=lesson.steps[index].id,
            mistakes_on_step=1 if outcome == "hint" else 0,
            seconds=4.0,
            next_step=next_step,
            completed=outcome == "complete",
            completion=identity.completion_of(learner, lesson),
            progressed=identity.step_of(learner, lesson, None),
        )

    for index in range(steps):
        record("complete" if index + 1 == len(lesson.steps) else "next", index, index + 1)
    for _ in range(mistakes):  # on the step they have reached
        record("hint", steps, steps)


def console_tour(qtbot, window: KioskWindow, lang: str) -> Iterator[str]:
    services = window.services
    db = services.kiosk.db
    for i, name in enumerate(NAMES[lang]):
        db.learners.add(name, "1234" if i == 1 else None)
    db.settings.set(KIOSK_ROOM, "101" if lang == "zh" else "Room 1")
    later = datetime.now().hour < 12  # another session today, not on now
    other = ClassSession.new(
        "手机入门" if lang == "zh" else "Phone basics",
        datetime.now().date(),
        time(18, 0) if later else time(8, 30),
        time(19, 30) if later else time(10, 0),
        "102" if lang == "zh" else "Room 2",
        "王老师" if lang == "zh" else "Mr Lam",
        ("unlock-and-open-app",),
    )
    services.kiosk.classroom.save(other)
    sign_in_as_tutor(window)
    tutor = window.roles.tutor
    click(tutor.today.new_button)
    click(tutor.form.save_button)
    yield "tutor-form-problem"
    for lesson_id in (LESSON, "send-voice-message", "pay-shop-qr"):
        click(tutor.form.lesson_buttons[lesson_id])
    yield "tutor-form"
    click(tutor.form.save_button)
    session = tutor.session.session
    yield "tutor-checkin-empty"
    checkin = tutor.session.checkin
    ids = {learner.display_name: learner.id for learner in db.learners.all()}
    for name in NAMES[lang][:5]:
        click(checkin.tile(ids[name]))
    services.kiosk.classroom.learner_signed_in(ids[NAMES[lang][5]])  # by the kiosk
    tutor.session.show_page("checkin")
    qtbot.waitUntil(lambda: checkin.checked_count() == 6, timeout=10_000)
    click(checkin.tile(ids[NAMES[lang][0]]))  # already here: said in words
    yield "tutor-checkin"
    catalogue = services.kiosk.catalogue
    video, pay = catalogue.by_id(LESSON), catalogue.by_id("pay-shop-qr")
    play(services, ids[NAMES[lang][0]], video, 3, mistakes=2)
    play(services, ids[NAMES[lang][1]], pay, len(pay.steps))
    play(services, ids[NAMES[lang][2]], video, 6)
    play(services, ids[NAMES[lang][3]], pay, 1, mistakes=1)
    with db.sessions.begin() as store:  # one has been on a step for five minutes: maybe stuck
        store.execute(
            update(Progress)
            .where(Progress.learner_id == ids[NAMES[lang][0]])
            .values(updated_at=datetime.now(UTC) - timedelta(minutes=5))
        )
    services.kiosk.classroom.ask_help(ids[NAMES[lang][0]], video, 3)
    services.kiosk.classroom.ask_help(ids[NAMES[lang][3]], pay, 1)
    click(tutor.session.board_tab)
    board = tutor.session.board
    qtbot.waitUntil(lambda: len(board.help_rows) == 2 and len(board.learner_rows) == 6, timeout=10_000)
    assert board.learner_rows[ids[NAMES[lang][0]]].stuck()
    yield "tutor-board"
    settle()
    bar = board.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())  # the learners' rows, below the help calls
    yield "tutor-board-learners"
    bar.setValue(0)
    click(tutor.back_button)
    assert tutor.current_page() is tutor.today and not tutor.poller.active
    assert set(tutor.today.cards) == {other.id, session.id}
    yield "tutor-sessions"
    click(tutor.sign_out_button)


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tutor_console_meets_the_senior_friendly_numbers(qtbot, tmp_path, lang, scale):
    window = open_tutor_kiosk(tmp_path, lang=lang)
    failures: list[str] = []
    try:
        for name in console_tour(qtbot, window, lang):
            window.state.set_scale(scale)
            settle()
            path = SCREENS_DIR / f"{name}-{lang}-{int(scale * 100)}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            assert window.grab().save(str(path)), path
            violations = audit(window, scale=scale)
            if window.height() > window.screen().size().height():
                failures.append(f"--- {name}: the window grew to {window.height()} px, past the screen")
            if violations:
                failures.append(f"--- {name} ({lang}, {int(scale * 100)} %)\n{format_violations(violations)}")
    finally:
        close_kiosk(window)
    assert not failures, "\n".join(failures)
