"""Rows for the export tests, made the same way every run: Chinese and English names, a long
name that must wrap, learners who did not check in, and UTC check-in times."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from app.core.course_base import Text
from app.exports.records import AttendanceRow, Certificate, CertificateLesson, CompletionRow

NAMES = (
    "张伟",
    "李秀英",
    "王芳",
    "欧阳娜娜",
    "Wang Fang",
    "陈建国",
    "Margaret Elizabeth Thompson-Williams",
    "赵丽",
    "孙小明",
    "周淑芬",
    "吴国强",
    "郑秀兰",
)
SESSION_TITLES = ("扫码付款 Paying by QR code", "和家人视频通话 Video calls", "预约挂号 Booking a doctor")


def learner_id(index: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"learner/{index}"))


def attendance_rows(count: int, *, per_session: int = 20, learners: int = 37) -> Iterator[AttendanceRow]:
    """`count` rows, `per_session` learners to a session; every seventh learner did not check in."""
    for index in range(count):
        session = index // per_session
        learner = (index * 7) % learners
        day = date(2026, 3, 2) + timedelta(days=session // 3)
        checked_in = index % 7 != 3
        yield AttendanceRow(
            session_id=f"s-{session:05d}",
            session_title=SESSION_TITLES[session % len(SESSION_TITLES)],
            session_date=day,
            starts_at=time(9 + session % 3 * 2, 30),
            room="活动室 2 Room 2",
            tutor="刘老师 Ms Liu",
            learner_id=learner_id(learner),
            learner_name=NAMES[learner % len(NAMES)],
            checked_in_at=datetime.combine(day, time(1, 20 + index % 15), UTC) if checked_in else None,
            seconds_spent=3000 + (index % 11) * 137.5 if checked_in else None,
        )


def completion_rows(count: int) -> Iterator[CompletionRow]:
    lessons = (
        ("video-call-family", "和家人视频通话", "keeping-in-touch"),
        ("pay-shop-qr", "扫码付款", "paying"),
        ("book-hospital", "预约挂号", "health"),
    )
    for index in range(count):
        lesson_id, title, theme = lessons[index % len(lessons)]
        yield CompletionRow(
            learner_id=learner_id(index % 9),
            learner_name=NAMES[index % len(NAMES)],
            lesson_id=lesson_id,
            lesson_title=title,
            theme=theme,
            completed_at=datetime(2026, 3, 2, 2, 15, tzinfo=UTC) + timedelta(hours=index),
            seconds=600 + index * 12.25,
            mistakes=index % 4,
            attempt=1 + index // 9,  # each (learner, lesson) pair comes round every nine rows
        )


def certificate(verify_url: str, *, lessons: int = 3, name: str = "欧阳秀英") -> Certificate:
    titles = (
        ("和家人视频通话", "Video call with your family"),
        ("发语音消息", "Send a voice message"),
        ("在家庭群里聊天", "Chat in the family group"),
        ("给亲友买火车票", "Buy a train ticket for a relative"),
    )
    return Certificate(
        learner_name=name,
        theme_title=Text(zh="和家人联系", en="Keeping in touch"),
        lessons=tuple(
            CertificateLesson(Text(zh=f"{titles[i % 4][0]}", en=titles[i % 4][1]), date(2026, 3, 2 + i * 7 % 28))
            for i in range(lessons)
        ),
        centre_name="静安区社区学校 Jing'an Community School",
        issued_on=date(2026, 3, 30),
        certificate_id="R4XAT-59649",
        verify_url=verify_url,
    )
