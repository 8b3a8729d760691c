"""`silversteps export attendance|completions|certificate`: attendance and completions from
this kiosk's store, or from the centre (every kiosk) with --centre, to CSV, XLSX, an A4
sign-in sheet PDF or xAPI JSON; a certificate the centre issues, printed to PDF. The same
application code as the staff console's pages (app/kiosk/reporting.py)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import NAMESPACE, namespace_of
from app.export_command import ACCOUNT_SECRET_VARIABLE, SECRET_VARIABLE
from app.exports.certificate_pdf import write_certificate_pdf
from app.exports.errors import ExportError
from app.kiosk.centre import CentreAway
from app.kiosk.reporting import (
    CertificateRefused,
    attendance_rows,
    completion_rows,
    issue_certificate,
    theme_of,
    write_attendance,
    write_completions,
)
from app.kiosk.staff_command_line import NotSignedIn, signed_in_staff
from app.store.db import open_database
from app.store.options import CENTRE_HOME, CENTRE_IDS_KEY
from app.store.paths import default_data_dir
from app.sync.link import CentreLink, centre_link, enrolled_centre

DEFAULT_HOME = "https://silversteps.local/centre"


def _say(problem: str) -> int:
    print(f"silversteps export: {problem}", file=sys.stderr)
    return 1


class _Problem(Exception):
    """What stops the command, in words."""


@contextmanager
def _centre_link(args: argparse.Namespace) -> Iterator[CentreLink]:
    """The centre given on the command line, signed in with --key or as the --staff member of
    this kiosk (whose sign-in ends with the command); _Problem says what is missing."""
    if args.key:
        secret = os.environ.get(SECRET_VARIABLE)
        if not secret:
            raise _Problem(f"put the secret of key {args.key} in ${SECRET_VARIABLE}")
        yield CentreLink(args.centre, key=args.key, secret=secret)
        return
    with _as_staff(args) as link:
        yield CentreLink(args.centre, token=link.token) if args.centre else link


@contextmanager
def _as_staff(args: argparse.Namespace) -> Iterator[CentreLink]:
    db = open_database(args.data_dir or default_data_dir())
    try:
        if centre_link(db.settings) is None:
            raise _Problem("this kiosk is not enrolled: give --key (and the secret in $" + SECRET_VARIABLE + ")")
        if not args.staff:
            raise _Problem(
                "the centre's records are staff's: give --staff NAME (a staff account of this kiosk), "
                "or --key of a key made with `silversteps centre key --scope staff`"
            )
        secret = os.environ.get(ACCOUNT_SECRET_VARIABLE) or getpass.getpass(f"PIN or password of {args.staff}: ")
        try:
            with signed_in_staff(db, args.staff, secret) as link:
                yield link
        except NotSignedIn as problem:
            raise _Problem(str(problem)) from problem
    finally:
        db.close()


def run(args: argparse.Namespace) -> int:
    if args.export_command == "certificate":
        return _certificate(args)
    if args.last < args.first:
        return _say("--to is before --from")

    completions = args.export_command == "completions"
    try:
        rows = _completion_rows(args) if completions else _attendance_rows(args)
        if isinstance(rows, str):
            return _say(rows)
        written = _write_completions(rows, args) if completions else _write(rows, args.format, args.out)
    except ExportError as problem:
        return _say(str(problem))
    print(f"wrote {written} {args.export_command} rows to {args.out}")
    return 0


def _completion_rows(args: argparse.Namespace):  # -> list[CompletionRow] | str (the problem)
    catalogue = load_courses([courses_dir()])
    return _rows(args, lambda **where: completion_rows(catalogue, args.first, args.last, **where))


def _attendance_rows(args: argparse.Namespace):  # -> list[AttendanceRow] | str (the problem)
    return _rows(args, lambda **where: attendance_rows(args.first, args.last, **where))


def _rows(args: argparse.Namespace, read):  # -> list | str (the problem)
    """The rows from the centre with --centre, else from this kiosk's store."""
    if args.centre:
        try:
            with _centre_link(args) as link:
                return read(link=link)
        except _Problem as problem:
            return str(problem)
        except CentreAway as problem:
            return f"the centre at {args.centre} did not answer: {problem}"
    db = open_database(args.data_dir or default_data_dir())
    try:
        return read(db=db)
    finally:
        db.close()


def _write_completions(rows, args: argparse.Namespace) -> int:
    """The xAPI form names each completion as its kiosk did: this kiosk's centre and namespace."""
    home, namespace = None, NAMESPACE
    if args.format != "csv":
        db = open_database(args.data_dir or default_data_dir())
        try:
            home = db.settings.get(CENTRE_HOME)
            namespace = namespace_of(db.settings.get(CENTRE_IDS_KEY))
        finally:
            db.close()
    centre_home = home or (args.centre or DEFAULT_HOME)
    return write_completions(rows, args.format, args.out, centre_home=centre_home, namespace=namespace)


def _write(rows, kind: str, out: Path) -> int:
    return write_attendance(rows, kind, out)


def _certificate(args: argparse.Namespace) -> int:
    """Find the learner and theme here, have the centre issue the certificate, print it."""

    catalogue = load_courses([courses_dir()])
    theme = theme_of(catalogue, args.theme)
    if theme is None:
        return _say(f"no theme {args.theme!r}; the themes are {', '.join(t.id for t in catalogue.themes)}")
    db = open_database(args.data_dir or default_data_dir())
    try:
        enrolled = enrolled_centre(db.settings)
        found = [learner for learner in db.learners.all() if args.learner in (learner.id, learner.display_name)]
    finally:
        db.close()
    if enrolled is None:
        return _say("this kiosk is not enrolled at a centre: `silversteps kiosk enrol URL CODE` first")
    if len(found) != 1:
        return _say(f"{len(found)} learners match {args.learner!r}: give the learner's id instead")
    args.key, args.centre = None, None  # the certificate is asked for as this kiosk's staff member
    try:
        with _centre_link(args) as link:
            certificate = issue_certificate(link, found[0].id, theme.id)
    except _Problem as problem:
        return _say(str(problem))
    except CertificateRefused as problem:
        return _say(f"the centre did not issue it: {problem}")
    except CentreAway as problem:
        return _say(f"the centre did not answer: {problem}")
    try:
        write_certificate_pdf(certificate, args.out)
    except ExportError as problem:
        return _say(str(problem))
    print(f"wrote certificate {certificate.certificate_id} for {certificate.learner_name} to {args.out}")
    return 0
