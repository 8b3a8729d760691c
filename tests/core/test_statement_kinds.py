"""Every kind of statement a kiosk makes is one the centre's strict xAPI validation accepts,
and names what it is about: the same event gives the same id, another event another id."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

import pytest

from app.centre.xapi.validation import parse_statements
from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import NAMESPACE, KioskIdentity, StepReport, namespace_of
from app.core.xapi_class import checked_in, help_asked, help_given

AT = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
IDENTITY = KioskIdentity("kiosk-1", "https://centre.example/c")
LEARNER = str(uuid.uuid4())


@pytest.fixture(scope="module")
def lesson():
    return load_courses([courses_dir()]).lessons[0]


def every_kind(lesson, kiosk: KioskIdentity = IDENTITY) -> dict[str, dict]:
    report = StepReport("row-1", 1, 0, 1, 1, 2.0, 1, 2.0, AT)
    asked = help_asked(
        centre_home=kiosk.centre_home,
        kiosk_id=kiosk.kiosk_id,
        learner_id=LEARNER,
        help_id="help-1",
        lesson=lesson,
        step_index=0,
        session_id=str(uuid.uuid4()),
        at=AT,
    )
    return {
        "started": kiosk.start_of(LEARNER, lesson)(1, AT),
        "step": kiosk.step_of(LEARNER, lesson)(report),
        "completed": kiosk.completion_of(LEARNER, lesson)(1, 30.0, 2, AT),
        "attended": kiosk.attendance(LEARNER, AT),
        "checked-in": checked_in(
            centre_home=kiosk.centre_home,
            kiosk_id=kiosk.kiosk_id,
            learner_id=LEARNER,
            session_id="6a1f0c36-3f0e-4bb6-9a55-08b1a1f3d2c4",
            session_title="学用微信视频",
            by="tutor",
            at=AT,
        ),
        "asked": asked,
        "helped": help_given(
            centre_home=kiosk.centre_home, kiosk_id=kiosk.kiosk_id, tutor_id="t-1", call_id=asked["id"], at=AT
        ),
    }


def test_the_centre_accepts_every_kind_a_kiosk_makes(lesson):
    statements = list(every_kind(lesson).values())
    assert len(parse_statements(json.dumps(statements).encode())) == len(statements)


def test_the_same_event_gives_the_same_id_and_kiosks_do_not_collide(lesson):
    here, again = every_kind(lesson), every_kind(lesson)
    elsewhere = every_kind(lesson, KioskIdentity("kiosk-2", IDENTITY.centre_home))
    assert {kind: s["id"] for kind, s in here.items()} == {kind: s["id"] for kind, s in again.items()}
    assert len({s["id"] for s in here.values()}) == len(here)
    # One completion per learner, lesson and attempt, whichever kiosk saw it; a start, an
    # attendance and a check-in are per kiosk, so a learner moving between kiosks never collides.
    # (A step and a help call are named by the row id their kiosk made, unique by itself.)
    same_everywhere = {kind for kind in here if here[kind]["id"] == elsewhere[kind]["id"]}
    assert same_everywhere == {"completed", "step", "asked", "helped"}
    assert date(2026, 11, 25).isoformat() in here["attended"]["object"]["id"]


def test_kiosks_of_a_centre_name_records_alike_and_no_one_without_its_key_can_make_the_ids(lesson):
    """Ids in the centre's namespace: the same on every kiosk that has the centre's key (a lesson
    completed on two kiosks is one completion), and unlike those anyone can work out from what
    a statement is about (learner, lesson, attempt) with SilverSteps' own namespace or another key."""
    key, other_key = "ab" * 32, "cd" * 32
    here = every_kind(lesson, KioskIdentity("kiosk-1", IDENTITY.centre_home, namespace_of(key)))
    elsewhere = every_kind(lesson, KioskIdentity("kiosk-2", IDENTITY.centre_home, namespace_of(key)))
    guessed = every_kind(lesson, KioskIdentity("kiosk-1", IDENTITY.centre_home))
    other_centre = every_kind(lesson, KioskIdentity("kiosk-1", IDENTITY.centre_home, namespace_of(other_key)))
    assert here["completed"]["id"] == elsewhere["completed"]["id"]
    registration = here["completed"]["context"]["registration"]
    assert registration == elsewhere["started"]["context"]["registration"]
    for kind in ("started", "completed", "attended"):
        assert here[kind]["id"] not in (guessed[kind]["id"], other_centre[kind]["id"]), kind
    assert registration not in (
        guessed["completed"]["context"]["registration"],
        other_centre["completed"]["context"]["registration"],
    )
    assert namespace_of(None) == namespace_of("not a key") == NAMESPACE, "no key: SilverSteps' own, as before"
    assert len(parse_statements(json.dumps(list(here.values())).encode())) == len(here)
