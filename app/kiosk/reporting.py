"""Reports and certificates without Qt, shared by the staff console (which runs them on a
worker thread, with a progress bar) and `silversteps export` (which runs them in the command):
where the rows come from (this kiosk's store or the centre), writing them in the chosen
format, having the centre issue a certificate, and the two charts' counts.

A centre that cannot be reached or refuses comes through as CentreAway, a certificate the
centre will not issue as CertificateRefused, and the writers' problems as ExportError; each
caller puts them in its own words."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.core.course import CourseTheme
from app.core.course_base import Text
from app.core.loader import Catalogue
from app.core.xapi import NAMESPACE
from app.exports.certificate_token import verify_url
from app.exports.completions import write_completions_csv, write_completions_xapi
from app.exports.csv_writer import write_attendance_csv
from app.exports.progress import Progress
from app.exports.records import AttendanceRow, Certificate, CertificateLesson, CompletionRow
from app.exports.sources import centre_attendance, centre_completions, local_attendance, local_completions
from app.kiosk.centre import CentreConnection, talking_to_centre
from app.store.db import Database
from app.sync.certificates import NotIssued, certified_title, request_certificate
from app.sync.link import CentreLink
from app.sync.reports import fetch_attendance, fetch_completions

ATTENDANCE_FORMATS = ("csv", "xlsx", "pdf")
COMPLETION_FORMATS = ("csv", "xapi")
SUFFIXES = {"csv": "csv", "xlsx": "xlsx", "pdf": "pdf", "xapi": "json"}


class CertificateRefused(Exception):
    """The centre would not issue the certificate: its own words, its `reason`
    ("not_completed", "unknown_learner", "unknown_theme" or "") and the titles of the lessons
    still to do, so a screen can say it in its own language."""

    def __init__(self, words: str, reason: str = "", missing: tuple[Text, ...] = ()) -> None:
        super().__init__(words)
        self.reason = reason
        self.missing = missing


@dataclass(frozen=True)
class Report:
    """What to export: `kind` attendance or completions, in `fmt`, for the days first..last."""

    kind: str
    fmt: str
    first: date
    last: date

    def __post_init__(self) -> None:
        formats = ATTENDANCE_FORMATS if self.kind == "attendance" else COMPLETION_FORMATS
        if self.kind not in ("attendance", "completions") or self.fmt not in formats:
            raise ValueError(f"no {self.fmt} export of {self.kind}")
        if self.last < self.first:
            raise ValueError("the last day is before the first")

    def file_name(self, source: str) -> str:
        """attendance-2026-11-01-to-2026-11-30-centre.xlsx"""
        return f"{self.kind}-{self.first.isoformat()}-to-{self.last.isoformat()}-{source}.{SUFFIXES[self.fmt]}"


# ---- rows ----------------------------------------------------------------------------------


def attendance_rows(first: date, last: date, *, db: Database | None = None, link: CentreLink | None = None):
    """Attendance from the centre (every kiosk) when `link` is given, else this kiosk's store.
    Raises CentreAway."""
    if link is not None:
        with talking_to_centre():
            return list(centre_attendance(fetch_attendance(link, first, last)))
    assert db is not None
    return list(local_attendance(db, first, last))


def completion_rows(
    catalogue: Catalogue, first: date, last: date, *, db: Database | None = None, link: CentreLink | None = None
) -> list[CompletionRow]:
    if link is not None:
        with talking_to_centre():
            return list(centre_completions(fetch_completions(link, first, last), catalogue))
    assert db is not None
    return list(local_completions(db, catalogue, first, last))


# ---- writing -------------------------------------------------------------------------------


def progress_every(total: int) -> int:
    """Report about a hundred times over the rows, so a progress bar moves smoothly."""
    return max(1, total // 100)


def write_attendance(
    rows: list[AttendanceRow], fmt: str, path: Path, *, progress: Progress | None = None, every: int | None = None
) -> int:
    # Loaded when an XLSX or PDF is first written, not with the staff console: openpyxl takes a
    # fifth of a second to import on a kiosk, fpdf2 and fontTools a third.
    from app.exports.attendance_pdf import write_attendance_pdf
    from app.exports.xlsx_writer import write_attendance_xlsx

    writer = {"csv": write_attendance_csv, "xlsx": write_attendance_xlsx, "pdf": write_attendance_pdf}[fmt]
    if every is None:
        return writer(rows, path, progress=progress)
    return writer(rows, path, progress=progress, every=every)


def write_completions(
    rows: list[CompletionRow],
    fmt: str,
    path: Path,
    *,
    centre_home: str,
    namespace: uuid.UUID = NAMESPACE,
    progress: Progress | None = None,
    every: int | None = None,
) -> int:
    pace = {} if every is None else {"every": every}
    if fmt == "csv":
        return write_completions_csv(rows, path, progress=progress, **pace)
    return write_completions_xapi(rows, path, centre_home=centre_home, namespace=namespace, progress=progress, **pace)


# ---- certificates --------------------------------------------------------------------------


def theme_of(catalogue: Catalogue, theme_id: str) -> CourseTheme | None:
    return next((theme for theme in catalogue.themes if theme.id == theme_id), None)


def issue_certificate(link: CentreLink, learner_id: str, theme_id: str) -> Certificate:
    """Have the centre check the learner's completions and sign the certificate; what it
    issued (its theme, lessons, dates and name, from its own records), ready to print. Raises
    CertificateRefused (with the centre's reason and the lessons still to do) or CentreAway."""
    try:
        with talking_to_centre():
            issued = request_certificate(link, learner_id, theme_id)
            lessons = tuple(
                CertificateLesson(certified_title(lesson["title"], "lesson title"),
                                  date.fromisoformat(lesson["completed_on"]))
                for lesson in issued["lessons"]
            )  # fmt: skip
            theme_title = certified_title(issued["theme_title"], "theme title")
    except NotIssued as refusal:
        raise CertificateRefused(str(refusal), refusal.reason, refusal.missing) from refusal
    return Certificate(
        learner_name=issued["learner_name"],
        theme_title=theme_title,
        lessons=lessons,
        centre_name=issued["centre_name"],
        issued_on=date.fromisoformat(issued["issued_on"]),
        certificate_id=issued["certificate_id"],
        verify_url=verify_url(link.url, issued["token"]),
    )


def certificate_file_name(certificate: Certificate, theme_id: str) -> str:
    return f"certificate-{safe_name(certificate.learner_name)}-{theme_id}-{certificate.certificate_id}.pdf"


def safe_name(text: str) -> str:
    """A person's name as part of a file name: characters no file system takes become '-'."""
    return re.sub(r'[\\/:*?"<>|\s]+', "-", text).strip("-.") or "learner"


# ---- the charts' counts --------------------------------------------------------------------


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def check_ins_per_week(rows: Iterable[AttendanceRow], first: date, last: date) -> list[tuple[date, int]]:
    """Check-ins per ISO week (by the Monday that starts it), every week of the range, none
    left out for having no check-ins."""
    counts = Counter(monday_of(row.session_date) for row in rows if row.checked_in_at is not None)
    weeks, monday = [], monday_of(first)
    while monday <= last:
        weeks.append((monday, counts.get(monday, 0)))
        monday += timedelta(days=7)
    return weeks


def completions_per_lesson(rows: Iterable[CompletionRow], top: int = 8) -> list[tuple[str, int]]:
    """Lesson ids with how often they were completed, most first (then by id), the top few."""
    counts = Counter(row.lesson_id for row in rows)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


# ---- the staff console's reports, bound to this kiosk -------------------------------------


class Reports:
    """Reports and certificates as the staff console asks for them: from this kiosk's store or
    its centre, in the centre's name. Every method may wait on the network or the disk: call
    them off the GUI thread."""

    def __init__(self, db: Database, catalogue: Catalogue, centre: CentreConnection) -> None:
        self._db = db
        self._catalogue = catalogue
        self._centre = centre

    def rows(self, kind: str, first: date, last: date, *, from_centre: bool) -> list:
        """Attendance or completion rows of the days, from every kiosk (the centre) or this one.
        Raises CentreAway."""
        if not from_centre:
            return self._read(kind, first, last, db=self._db)
        with self._centre.as_staff() as link:  # every kiosk's records are staff's to export
            return self._read(kind, first, last, link=link)

    def _read(self, kind: str, first: date, last: date, **where) -> list:
        if kind == "attendance":
            return attendance_rows(first, last, **where)
        return completion_rows(self._catalogue, first, last, **where)

    def write(self, report: Report, rows: list, path: Path, *, progress: Progress | None = None) -> int:
        every = progress_every(len(rows))
        if report.kind == "attendance":
            return write_attendance(rows, report.fmt, path, progress=progress, every=every)
        identity = self._centre.identity
        return write_completions(
            rows,
            report.fmt,
            path,
            centre_home=identity.centre_home,
            namespace=identity.namespace,
            progress=progress,
            every=every,
        )

    def theme(self, theme_id: str) -> CourseTheme | None:
        return theme_of(self._catalogue, theme_id)

    def certificate(self, learner_id: str, theme: CourseTheme, folder: Path) -> tuple[Certificate, Path]:
        """Have the centre issue the certificate and print it to a PDF in `folder`; what it
        certified and the PDF's path. Raises CertificateRefused, CentreAway or ExportError."""
        # Loaded when the first certificate is printed: fpdf2 and fontTools take about half a
        # second to import.
        from app.exports.certificate_pdf import write_certificate_pdf

        with self._centre.as_staff() as link:  # the staff member asks the centre to issue it
            certificate = issue_certificate(link, learner_id, theme.id)
        path = folder / certificate_file_name(certificate, theme.id)
        folder.mkdir(parents=True, exist_ok=True)
        write_certificate_pdf(certificate, path)
        return certificate, path
