"""`silversteps export …`: the commands' words and options. Only argparse at import, since
every command builds the parser; the work is in app/export_runner.py, which the command line
loads only when an export runs."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

SECRET_VARIABLE = "SILVERSTEPS_CENTRE_SECRET"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-26") from None


ACCOUNT_SECRET_VARIABLE = "SILVERSTEPS_ACCOUNT_SECRET"


def _add_report_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("--from", dest="first", type=_day, required=True, metavar="D", help="first day, 2026-11-01")
    parser.add_argument("--to", dest="last", type=_day, required=True, metavar="D", help="last day, 2026-11-30")
    parser.add_argument("--format", choices=formats, required=True)
    parser.add_argument("--out", type=Path, required=True, metavar="F", help="the file to write")
    parser.add_argument(
        "--centre",
        metavar="URL",
        help="read every kiosk's records from the centre (with this kiosk's enrolment and --staff, or "
        f"--key and the secret in ${SECRET_VARIABLE})",
    )
    parser.add_argument("--key", help="an xAPI key made with `silversteps centre key --scope staff`")
    _add_staff_option(parser)
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
    certificate.add_argument("--data-dir", type=Path, help="this kiosk's data folder (it must be enrolled)")
    _add_staff_option(certificate)


def _add_staff_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--staff",
        metavar="NAME",
        help="a staff account of this kiosk, signed in at the centre for this command; its PIN or "
        f"password is asked, or read from ${ACCOUNT_SECRET_VARIABLE}",
    )
