"""The `silversteps` command. It imports a program (Qt, the store) only when that command runs,
so `courses validate` and `courses schema` start fast and never load Qt."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import socket
import sys
from pathlib import Path

from app.store.problems import DatabaseUnusable  # plain Python, no SQLAlchemy: see the module

DEBUG_VARIABLE = "SILVERSTEPS_DEBUG"  # set: an unexpected error shows its traceback too


def _add_kiosk_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", type=Path, help="where the kiosk keeps its database (default: the user data folder)"
    )
    parser.add_argument("--courses", type=Path, help="a folder of lesson files (default: the bundled courses)")
    parser.add_argument(
        "--lang", choices=("zh", "en"), help="start in this language (default: the last one used, else zh)"
    )
    parser.add_argument("--windowed", action="store_true", help="a normal window instead of full screen (development)")
    parser.add_argument(
        "--idle-seconds", type=int, help="sign a learner out after this long without a touch (default 180)"
    )
    parser.add_argument(
        "--centre", metavar="URL", help="the centre server to send records to (kept; enrol the kiosk for credentials)"
    )
    parser.add_argument(
        "--keyboard",
        choices=("on", "off"),
        default="on",
        help="the on-screen keyboard for touch screens (default on, when the [keyboard] extra is installed)",
    )
    parser.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="silversteps",
        description="SilverSteps (银龄数字课堂): practise smartphone services one spoken step at a time.",
    )
    commands = parser.add_subparsers(dest="command")

    kiosk = commands.add_parser("kiosk", help="run the kiosk (the default)")
    _add_kiosk_options(kiosk)

    courses = commands.add_parser("courses", help="check lesson files")
    course_commands = courses.add_subparsers(dest="courses_command", required=True)
    validate = course_commands.add_parser("validate", help="check lessons; prints file:line: message per problem")
    validate.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the bundled courses)")
    validate.add_argument(
        "--no-positions",
        dest="positions",
        action="store_false",
        help="skip checking words of position (左下方, top right, 第二排) against where each target is "
        "drawn; that check lays the phone out offscreen with Qt, all else is plain Python",
    )
    course_commands.add_parser("schema", help="print the JSON Schema of a lesson file")
    preview = course_commands.add_parser("preview", help="render every step of a lesson to PNG, both languages")
    preview.add_argument("file", type=Path, help="a lesson file")
    preview.add_argument("--out", type=Path, default=Path("build/preview"), help="folder for the PNGs")
    preview.add_argument("--scale", type=float, choices=(1.0, 1.25, 1.5), default=1.0, help="text size")
    gallery = course_commands.add_parser("gallery", help="render every lesson to PNG with an HTML index")
    gallery.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the bundled courses)")
    gallery.add_argument("--out", type=Path, default=Path("build/gallery"), help="folder for the PNGs and index.html")
    gallery.add_argument("--scale", type=float, choices=(1.0, 1.25, 1.5), default=1.0, help="text size")

    from app.centre.cli import add_centre_commands  # argparse only; the server loads when run

    add_centre_commands(commands)

    _add_accounts_commands(commands)

    from app.export_command import add_export_commands  # argparse only; the writers load when run

    add_export_commands(commands)

    db = commands.add_parser("db", help="the kiosk database")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply database migrations (also done at start-up)")
    upgrade.add_argument("--data-dir", type=Path)
    restore = db_commands.add_parser(
        "restore", help="put a backup in place of a database that cannot be used (the file replaced is kept first)"
    )
    restore.add_argument("--data-dir", type=Path)
    restore.add_argument("--backup", type=Path, help="a file in the backups folder (default: the newest)")
    return parser


def _validate(paths: list[Path], positions: bool = True) -> int:
    # loaded only for this command: the kiosk starts through this module too
    from app.core.loader import lesson_files, load_courses
    from app.core.resources import courses_dir

    targets = paths or [courses_dir()]
    missing = [p for p in targets if not p.exists()]
    for path in missing:
        print(f"{path}:1: no such file or folder", file=sys.stderr)
    catalogue = load_courses([p for p in targets if p.exists()])
    problems = list(catalogue.problems)
    files = lesson_files([p for p in targets if p.exists()])
    if positions:
        problems += _position_problems(files, {lesson.id for lesson in catalogue.lessons})
    for problem in problems:
        print(problem, file=sys.stderr)
    steps = sum(len(lesson.steps) for lesson in catalogue.lessons)
    good = len(files) - len({problem.path for problem in problems} & set(files))  # a file with any problem is not
    count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
    print(f"{good} of {len(files)} lesson files are good ({steps} steps); {count}")
    return 1 if problems or missing or not files else 0


def _position_problems(files: list[Path], good: set[str]) -> list:
    """The words of position in the good lessons' steps, checked against the phone drawn
    offscreen: the one part of `courses validate` that loads Qt."""
    # loaded only for this command: the kiosk starts through this module too
    from app.core.loader import load_lesson_with_lines
    from app.ui.preview import offscreen_if_headless

    offscreen_if_headless()  # before Qt starts: measuring needs no screen
    # Qt, only for this check (`--no-positions` skips it)
    from app.ui.kiosk import make_application
    from app.ui.phone.hint_positions import position_problems

    lessons = []
    for path in files:
        lesson, problems, lines = load_lesson_with_lines(path)
        if lesson is not None and not problems and lesson.id in good:
            lessons.append((path, lesson, lines))
    if not lessons:
        return []
    make_application()
    return position_problems(lessons)


def _render(args: argparse.Namespace) -> int:
    """Lessons to PNG (and, for a gallery, an HTML index); problems are reported as by validate."""
    # loaded only for this command: the kiosk starts through this module too
    from app.core.loader import load_courses
    from app.core.resources import courses_dir
    from app.ui.preview import offscreen_if_headless

    offscreen_if_headless()  # before Qt starts: pictures need no screen
    # loaded only for this command: the kiosk starts through this module too
    from app.ui.kiosk import make_application
    from app.ui.preview import render_lesson, write_gallery

    paths = [args.file] if args.courses_command == "preview" else (args.paths or [courses_dir()])
    catalogue = load_courses(paths)
    for problem in catalogue.problems:
        print(problem, file=sys.stderr)
    if not catalogue.lessons:
        print("no lesson to render", file=sys.stderr)
        return 1
    make_application()
    shots = []
    for lesson in catalogue.lessons:
        shots += render_lesson(lesson, args.out, scales=(args.scale,))
    if args.courses_command == "gallery":
        print(f"{write_gallery(catalogue.lessons, shots, args.out)}: {len(shots)} pictures")
    else:
        print(f"{len(shots)} pictures in {args.out}")
    return 1 if catalogue.problems else 0


def enrol_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="silversteps kiosk enrol",
        description="Join this kiosk to its centre with a one-time code from `silversteps centre enrol-code`.",
    )
    parser.add_argument("url", help="the centre server, e.g. http://192.168.1.10:8000")
    parser.add_argument("code", help="the one-time enrolment code, e.g. 7KQM-3XPA")
    parser.add_argument("--name", default=None, help="what staff will see this kiosk called (default: its host name)")
    parser.add_argument("--data-dir", type=Path, help="the kiosk's data folder (default: the user data folder)")
    return parser


def _enrol(args: argparse.Namespace) -> int:
    # loaded only for this command: the kiosk starts through this module too
    from app.kiosk.accounts import accounts_for_centre
    from app.store.db import open_database
    from app.store.paths import default_data_dir
    from app.sync.enrol import EnrolError, enrol
    from app.sync.link import remember

    db = open_database(args.data_dir or default_data_dir())
    try:
        # the kiosk's staff and tutor accounts go with the code, so its staff can sign in there
        enrolment = enrol(args.url, args.code, args.name or socket.gethostname(), accounts_for_centre(db.sessions))
        remember(db.settings, args.url, enrolment)
    except EnrolError as exc:
        print(f"not enrolled: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"enrolled as kiosk {enrolment.kiosk_id} of centre {enrolment.centre}; records go to {args.url}")
    return 0


SECRET_VARIABLE = "SILVERSTEPS_ACCOUNT_SECRET"
SECRET_WORDS = {"pin": "PIN", "password": "password"}


def _add_accounts_commands(commands: argparse._SubParsersAction) -> None:
    accounts = commands.add_parser("accounts", help="tutor and staff accounts on this kiosk")
    account_commands = accounts.add_subparsers(dest="accounts_command", required=True)
    add = account_commands.add_parser(
        "add",
        help="add an account; asks the PIN (6+ digits) or password (8+ characters) twice, "
        f"or takes it from {SECRET_VARIABLE}",
    )
    add.add_argument("--role", choices=("staff", "tutor"), required=True)
    add.add_argument("--name", required=True, help="the name shown on the kiosk's sign-in list")
    listing = account_commands.add_parser("list", help="list the accounts and any that are locked")
    remove = account_commands.add_parser("remove", help="remove an account (never the last staff account)")
    remove.add_argument("name")
    for sub in (add, listing, remove):
        sub.add_argument("--data-dir", type=Path, help="the kiosk's data folder (default: the user data folder)")


def _ask_secret() -> str | None:
    """From the environment (scripts), else typed twice without echo; None if the two differ."""
    if os.environ.get(SECRET_VARIABLE):
        return os.environ[SECRET_VARIABLE]
    first = getpass.getpass("PIN (6+ digits) or password (8+ characters): ")
    again = getpass.getpass("The same again: ")
    return first if first == again else None


def _accounts(args: argparse.Namespace) -> int:
    """Accounts are made here, on the machine itself: the first staff account can come from
    nowhere else, so nobody at the touch screen can make one."""
    # loaded only for this command: the kiosk starts through this module too
    from app.core.accounts import AccountError
    from app.store.db import open_database
    from app.store.paths import default_data_dir

    secret = None
    if args.accounts_command == "add":
        secret = _ask_secret()
        if secret is None:
            print("not added: the two entries differ; try again", file=sys.stderr)
            return 1
    db = open_database(args.data_dir or default_data_dir())
    try:
        if args.accounts_command == "add":
            account = db.accounts.add(args.name, args.role, secret)
            print(f"added {account.role} account {account.name} (signs in with a {SECRET_WORDS[account.secret_kind]})")
        elif args.accounts_command == "remove":
            account = db.accounts.remove(args.name)
            print(f"removed {account.role} account {account.name}")
        else:
            accounts = db.accounts.all()
            if not accounts:
                print("no accounts yet; add the first with: silversteps accounts add --role staff --name NAME")
            for account in accounts:
                locked = db.accounts.minutes_locked(account.id)
                note = f"locked for {locked} more minutes" if locked else "ok"
                # the id last: what `centre staff-account add --id` needs to know the account by
                print(f"{account.name}\t{account.role}\t{SECRET_WORDS[account.secret_kind]}\t{note}\t{account.id}")
    except AccountError as problem:
        print(f"not done: {problem}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


def _db_upgrade(data_dir: Path | None) -> int:
    # loaded only for this command: the kiosk starts through this module too
    from app.store.db import upgrade
    from app.store.paths import default_data_dir

    folder = data_dir or default_data_dir()
    revision = upgrade(folder)
    print(f"database in {folder} is at revision {revision}")
    return 0


def _db_restore(data_dir: Path | None, backup: Path | None) -> int:
    # loaded only for this command: the kiosk starts through this module too
    from app.store.db import REVISIONS
    from app.store.paths import default_data_dir
    from app.store.restore import RestoreRefused, restore

    try:
        chosen, kept = restore(data_dir or default_data_dir(), backup, REVISIONS)
    except RestoreRefused as refused:
        print(f"silversteps db restore: {refused}", file=sys.stderr)
        return 1
    kept_words = f"; the file it replaced is kept at {kept}" if kept else ""
    print(f"restored {chosen}{kept_words}; start the kiosk again")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Every command's problems in one line on stderr and a non-zero exit, never a traceback
    (unless $SILVERSTEPS_DEBUG is set): 3 for a kiosk database that cannot be used, 1 for
    anything else unexpected."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except DatabaseUnusable as problem:
        print(f"silversteps: {problem.one_line()}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get(DEBUG_VARIABLE):
            raise
        words = " ".join(str(error).split()) or type(error).__name__
        print(f"silversteps: {words} ({type(error).__name__}; {DEBUG_VARIABLE}=1 shows where)", file=sys.stderr)
        return 1


def _run(words: list[str]) -> int:
    if not words or (words[0].startswith("-") and words[0] not in ("-h", "--help")):
        words.insert(0, "kiosk")  # plain `silversteps` is the kiosk
    if words[:2] == ["kiosk", "enrol"]:
        return _enrol(enrol_parser().parse_args(words[2:]))
    args = build_parser().parse_args(words)
    if args.command == "kiosk":
        # loaded only for this command: the kiosk starts through this module too
        from app.ui.kiosk import run_kiosk

        return run_kiosk(args)
    if args.command == "courses":
        if args.courses_command == "schema":
            # loaded only for this command: the kiosk starts through this module too
            from app.core.course import lesson_schema

            print(json.dumps(lesson_schema(), ensure_ascii=False, indent=2))
            return 0
        if args.courses_command in ("preview", "gallery"):
            return _render(args)
        return _validate(args.paths, args.positions)
    if args.command == "db":
        if args.db_command == "restore":
            return _db_restore(args.data_dir, args.backup)
        return _db_upgrade(args.data_dir)
    if args.command == "accounts":
        return _accounts(args)
    if args.command == "centre":
        # loaded only for this command: the kiosk starts through this module too
        from app.centre.cli import run_centre_command

        return run_centre_command(args)
    if args.command == "export":
        from app.export_runner import run  # the store, the sync client and the writers: only for exports

        return run(args)
    return 2
