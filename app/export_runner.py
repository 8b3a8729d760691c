"""`silversteps export attendance|completions|certificate`: attendance and completions from
this kiosk's store, or from the centre (every kiosk) with --centre, to CSV, XLSX, an A4
sign-in sheet PDF or xAPI JSON; a certificate the centre issues, printed to PDF. The same
application code as the staff console's pages (app/kiosk/reporting.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.core.loader import load_courses
from app.core.resources import courses_dir
from app.core.xapi import NAMESPACE, namespace_of
from app.export_command import SECRET_VARIABLE
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
from app.store.db import open_database
from app.store.options import CENTRE_HOME, CENTRE_IDS_KEY
from app.store.paths import default_data_dir
from app.sync.link import CentreLink, centre_link, enrolled_centre

DEFAULT_HOME = "https://silversteps.local/centre"


def _say(problem: str) -> int:
    print(f"silversteps export: {problem}", file=sys.stderr)
    return 1


def _centre_link(args: argparse.Namespace) -> CentreLink | str:
    """How to reach the centre given on the command line, or the problem in words."""
    if args.key:
        secret = os.environ.get(SECRET_VARIABLE)
        if not secret:
            return f"put the secret of key {args.key} in ${SECRET_VARIABLE}"
        return CentreLink(args.centre, key=args.key, secret=secret)
    db = open_database(args.data_dir or default_data_dir())
    try:
        link = centre_link(db.settings)
    finally:
        db.close()
    if link is None:
        return "this kiosk is not enrolled: give --key (and the secret in $" + SECRET_VARIABLE + ")"
    return CentreLink(args.centre, key=link.key, secret=link.secret, token=link.token)


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
        link = _centre_link(args)
        if isinstance(link, str):
            return link
        try:
            return read(link=link)
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
        link, enrolled = centre_link(db.settings), enrolled_centre(db.settings)
        found = [learner for learner in db.learners.all() if args.learner in (learner.id, learner.display_name)]
    finally:
        db.close()
    if link is None or enrolled is None:
        return _say("this kiosk is not enrolled at a centre: `silversteps kiosk enrol URL CODE` first")
    if len(found) != 1:
        return _say(f"{len(found)} learners match {args.learner!r}: give the learner's id instead")
    try:
        certificate = issue_certificate(link, found[0].id, theme.id)
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
