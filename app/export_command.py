"""`silversteps export attendance …`: attendance from this kiosk's store, or from the centre
(every kiosk) with --centre, to CSV, XLSX or an A4 sign-in sheet PDF. Only argparse at import:
the writers load when the command runs."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from app.store.options import CENTRE_HOME, CENTRE_NAME

SECRET_VARIABLE = "SILVERSTEPS_CENTRE_SECRET"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-26") from None


def _add_report_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("--from", dest="first", type=_day, required=True, metavar="D", help="first day, 2026-11-01")
    parser.add_argument("--to", dest="last", type=_day, required=True, metavar="D", help="last day, 2026-11-30")
    parser.add_argument("--format", choices=formats, required=True)
    parser.add_argument("--out", type=Path, required=True, metavar="F", help="the file to write")
    parser.add_argument(
        "--centre",
        metavar="URL",
        help="read every kiosk's records from the centre (with this kiosk's enrolment, or "
        f"--key and the secret in ${SECRET_VARIABLE})",
    )
    parser.add_argument("--key", help="an xAPI key made with `silversteps centre key`")
    parser.add_argument("--data-dir", type=Path, help="this kiosk's data folder")


def add_export_commands(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="export records for the centre and learners' accounts")
    kinds = export.add_subparsers(dest="export_command", required=True)
    attendance = kinds.add_parser("attendance", help="attendance per session and learner")
    _add_report_options(attendance, ("csv", "xlsx", "pdf"))
    completions = kinds.add_parser("completions", help="lessons completed, per learner (lifelong-learning accounts)")
    _add_report_options(completions, ("csv", "xapi"))

    certificate = kinds.add_parser(
        "certificate", help="a PDF certificate for a completed theme, issued and signed by the centre"
    )
    certificate.add_argument("--learner", required=True, help="the learner's name as on the kiosk, or their id")
    certificate.add_argument("--theme", required=True, help="the theme id, e.g. paying (see courses/themes.yaml)")
    certificate.add_argument("--out", type=Path, required=True, metavar="F", help="the PDF to write")
    certificate.add_argument("--centre-name", help="the centre's name as printed (default: the kiosk's setting)")
    certificate.add_argument("--data-dir", type=Path, help="this kiosk's data folder (it must be enrolled)")


def _say(problem: str) -> int:
    print(f"silversteps export: {problem}", file=sys.stderr)
    return 1


def _centre_link(args: argparse.Namespace):  # -> CentreLink | str (the problem)
    from app.sync.enrol import centre_link
    from app.sync.link import CentreLink

    if args.key:
        secret = os.environ.get(SECRET_VARIABLE)
        if not secret:
            return f"put the secret of key {args.key} in ${SECRET_VARIABLE}"
        return CentreLink(args.centre, key=args.key, secret=secret)
    from app.store.db import open_database
    from app.store.paths import default_data_dir

    db = open_database(args.data_dir or default_data_dir())
    try:
        link = centre_link(db.settings)
    finally:
        db.close()
    if link is None:
        return "this kiosk is not enrolled: give --key (and the secret in $" + SECRET_VARIABLE + ")"
    return CentreLink(args.centre, key=link.key, secret=link.secret, token=link.token)


def run_export(args: argparse.Namespace) -> int:
    if args.export_command == "certificate":
        return _certificate(args)
    if args.last < args.first:
        return _say("--to is before --from")
    from app.exports.errors import ExportError

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
    from app.core.loader import load_courses
    from app.core.resources import courses_dir
    from app.ui.reporting import completion_rows

    catalogue = load_courses([courses_dir()])
    return _rows(args, lambda **where: completion_rows(catalogue, args.first, args.last, **where))


def _attendance_rows(args: argparse.Namespace):  # -> list[AttendanceRow] | str (the problem)
    from app.ui.reporting import attendance_rows

    return _rows(args, lambda **where: attendance_rows(args.first, args.last, **where))


def _rows(args: argparse.Namespace, read):  # -> list | str (the problem)
    """The rows from the centre with --centre, else from this kiosk's store."""
    if args.centre:
        from app.sync.delivery import Refused, RetryLater

        link = _centre_link(args)
        if isinstance(link, str):
            return link
        try:
            return read(link=link)
        except (RetryLater, Refused) as problem:
            return f"the centre at {args.centre} did not answer: {problem}"
    from app.store.db import open_database
    from app.store.paths import default_data_dir

    db = open_database(args.data_dir or default_data_dir())
    try:
        return read(db=db)
    finally:
        db.close()


def _write_completions(rows, args: argparse.Namespace) -> int:
    from app.ui.reporting import write_completions

    home = None
    if args.format != "csv":
        from app.store.db import open_database
        from app.store.paths import default_data_dir

        db = open_database(args.data_dir or default_data_dir())
        try:
            home = db.settings.get(CENTRE_HOME)
        finally:
            db.close()
    return write_completions(
        rows, args.format, args.out, centre_home=home or (args.centre or "https://silversteps.local/centre")
    )


def _write(rows, kind: str, out: Path) -> int:
    from app.ui.reporting import write_attendance

    return write_attendance(rows, kind, out)


def _certificate(args: argparse.Namespace) -> int:
    """Find the learner and theme here, have the centre issue the certificate, print it."""
    from app.core.loader import load_courses
    from app.core.resources import courses_dir
    from app.exports.certificate_pdf import write_certificate_pdf
    from app.exports.errors import ExportError
    from app.store.db import open_database
    from app.store.paths import default_data_dir
    from app.sync.certificates import NotIssued
    from app.sync.delivery import Refused, RetryLater
    from app.sync.enrol import centre_link, enrolled_centre
    from app.ui.reporting import issue_certificate, theme_of

    catalogue = load_courses([courses_dir()])
    theme = theme_of(catalogue, args.theme)
    if theme is None:
        return _say(f"no theme {args.theme!r}; the themes are {', '.join(t.id for t in catalogue.themes)}")
    db = open_database(args.data_dir or default_data_dir())
    try:
        link, enrolled = centre_link(db.settings), enrolled_centre(db.settings)
        found = [learner for learner in db.learners.all() if args.learner in (learner.id, learner.display_name)]
        centre_name = args.centre_name or db.settings.get(CENTRE_NAME)
    finally:
        db.close()
    if link is None or enrolled is None:
        return _say("this kiosk is not enrolled at a centre: `silversteps kiosk enrol URL CODE` first")
    if len(found) != 1:
        return _say(f"{len(found)} learners match {args.learner!r}: give the learner's id instead")
    try:
        certificate = issue_certificate(link, catalogue, found[0].id, theme, centre_name or enrolled[1])
    except NotIssued as problem:
        return _say(f"the centre did not issue it: {problem}")
    except (RetryLater, Refused) as problem:
        return _say(f"the centre did not answer: {problem}")
    try:
        write_certificate_pdf(certificate, args.out)
    except ExportError as problem:
        return _say(str(problem))
    print(f"wrote certificate {certificate.certificate_id} for {certificate.learner_name} to {args.out}")
    return 0
