"""`silversteps centre …` commands. Only argparse here: app/cli.py builds its parser with this at
every start, so the server's modules (FastAPI, SQLAlchemy, uvicorn) load only when a centre
command actually runs."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from app.centre.scopes import DEFAULT_KEY_SCOPES, SCOPES, show_scopes

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Engine

    from app.centre.config import CentreSettings


def number(text: str) -> int:
    """A whole number of at least 1 (argparse names the function in its error: "invalid number")."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not 1 or more")
    return value


def port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not 0 (any free port) to 65535")
    return value


def hours(text: str) -> float:
    """Hours a code stays valid: 0 (already expired, for tests) up to a year."""
    value = float(text)
    if not 0 <= value <= 24 * 366:
        raise argparse.ArgumentTypeError(f"{text} is not 0 to {24 * 366} hours")
    return value


def add_centre_commands(commands: argparse._SubParsersAction) -> None:
    centre = commands.add_parser("centre", help="the centre server")
    centre_commands = centre.add_subparsers(dest="centre_command", required=True)
    db_help = (
        "database URL: sqlite:///path/centre.db or postgresql+psycopg://user:pw@host/db "
        "(default: centre.db in the user data folder)"
    )

    serve = centre_commands.add_parser("serve", help="run the centre server (xAPI at /xapi/statements)")
    serve.add_argument("--db", metavar="URL", help=db_help)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=port, default=8000, help="port to listen on; 0 picks a free one (default 8000)")
    serve.add_argument("--workers", type=number, default=1, help="worker processes (default 1)")
    serve.add_argument(
        "--max-body-bytes", type=number, metavar="N", help="refuse larger request bodies with 413 (default 1 MiB)"
    )
    serve.add_argument(
        "--max-writes-waiting",
        type=number,
        metavar="N",
        help="per worker, answer further writes with 503 and Retry-After (default 64)",
    )
    serve.add_argument(
        "--docs", action="store_true", help="serve the interactive API pages at /docs and /redoc (off by default)"
    )
    serve.add_argument(
        "--free-failed-sign-ins",
        type=number,
        metavar="N",
        help="failed sign-ins or enrolment codes one address may try before it is slowed down (default 10)",
    )

    key = centre_commands.add_parser("key", help="create an xAPI client credential; prints KEY SECRET")
    key.add_argument("--name", required=True, help="who will use it, e.g. 'kiosk 3, Huangpu centre'")
    key.add_argument("--centre", default="default", help="the centre whose records it may use")
    key.add_argument(
        "--scope",
        action="append",
        choices=SCOPES,
        help="what it may do; give it again for more (default: statements/write and statements/read). "
        "kiosk: a kiosk's learners, sessions and board; staff: removing and merging learners, kiosks, "
        "certificates, exports; all/read: every read; all: everything",
    )
    key.add_argument("--db", metavar="URL", help=db_help)

    keys = centre_commands.add_parser("keys", help="list the xAPI keys with their scopes, one a line")
    keys.add_argument("--db", metavar="URL", help=db_help)

    revoke_key = centre_commands.add_parser("revoke-key", help="stop an xAPI key from working, at once")
    revoke_key.add_argument("key", metavar="KEY", help="as listed by `silversteps centre keys`")
    revoke_key.add_argument("--db", metavar="URL", help=db_help)

    code = centre_commands.add_parser("enrol-code", help="make a one-time code a kiosk enrols with; prints XXXX-XXXX")
    code.add_argument("--centre", default="default", help="the centre the kiosk will belong to")
    code.add_argument("--db", metavar="URL", help=db_help)
    code.add_argument("--valid-hours", type=hours, default=24.0, metavar="H", help="how long it works (default 24)")

    revoke = centre_commands.add_parser("revoke-kiosk", help="stop an enrolled kiosk's token from working")
    revoke.add_argument("kiosk_id", metavar="KIOSK_ID", help="as listed by `silversteps centre kiosks`")
    revoke.add_argument("--db", metavar="URL", help=db_help)

    kiosks = centre_commands.add_parser("kiosks", help="list enrolled kiosks, one a line")
    kiosks.add_argument("--db", metavar="URL", help=db_help)

    _add_upstream_commands(centre_commands, db_help)
    _add_certificate_commands(centre_commands, db_help)
    _add_staff_account_commands(centre_commands, db_help)


def _add_upstream_commands(centre_commands: argparse._SubParsersAction, db_help: str) -> None:
    upstream = centre_commands.add_parser(
        "upstream", help="forward every statement to an upstream xAPI store (the city's)"
    )
    upstream_commands = upstream.add_subparsers(dest="upstream_command", required=True)
    set_up = upstream_commands.add_parser(
        "set",
        help="forward to this store from now on (statements stored before are queued too)",
        description="The secret is read from SILVERSTEPS_UPSTREAM_SECRET, or asked for at a terminal, "
        "or read as one line from stdin; never give it on the command line.",
    )
    set_up.add_argument("url", metavar="URL", help="the store's xAPI endpoint, e.g. https://lrs.city.example/xapi")
    set_up.add_argument("--key", required=True, help="the key (HTTP Basic user) the store gave this centre")
    set_up.add_argument("--db", metavar="URL", help=db_help)
    show = upstream_commands.add_parser("show", help="where statements go and how it is going (never the secret)")
    show.add_argument("--db", metavar="URL", help=db_help)
    off = upstream_commands.add_parser("off", help="stop forwarding; statements keep queueing for when it is on")
    off.add_argument("--forget", action="store_true", help="also drop the queue and the address and credentials")
    off.add_argument("--db", metavar="URL", help=db_help)
    retry = upstream_commands.add_parser("retry", help="try again now, with set-aside statements back in the queue")
    retry.add_argument("--db", metavar="URL", help=db_help)


def _settings(args: argparse.Namespace) -> CentreSettings:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.config import (
        DEFAULT_FREE_FAILURES,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_WRITES_WAITING,
        CentreSettings,
        default_database_url,
    )

    return CentreSettings(
        database_url=args.db or default_database_url(),
        max_body_bytes=getattr(args, "max_body_bytes", None) or DEFAULT_MAX_BODY_BYTES,
        max_writes_waiting=getattr(args, "max_writes_waiting", None) or DEFAULT_MAX_WRITES_WAITING,
        docs=getattr(args, "docs", False),
        free_failed_sign_ins=getattr(args, "free_failed_sign_ins", None) or DEFAULT_FREE_FAILURES,
    )


def _key(args: argparse.Namespace) -> int:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.credentials import check_centre_name, check_credential_name, create_credential

    try:
        check_centre_name(args.centre)
        check_credential_name(args.name)
    except ValueError as problem:
        print(f"silversteps centre key: {problem}", file=sys.stderr)
        return 2
    scopes = frozenset(args.scope or DEFAULT_KEY_SCOPES)
    with _database(args) as engine:
        key, secret = create_credential(engine, args.name, args.centre, scopes)
    print(f"{key} {secret}")
    print(f"key for centre {args.centre} with scopes {show_scopes(scopes)}", file=sys.stderr)
    return 0


def _keys(args: argparse.Namespace) -> int:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.credentials import list_keys

    with _database(args) as engine:
        listed = list_keys(engine)
    print("\t".join(("KEY", "NAME", "CENTRE", "SCOPES", "CREATED", "REVOKED")))
    for key in listed:
        fields = (key.key, key.name, key.centre, key.scopes, _when(key.created_at, "-"), _when(key.revoked_at, "no"))
        print("\t".join(fields))
    return 0


def _revoke_key(args: argparse.Namespace) -> int:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.credentials import revoke_key

    with _database(args) as engine:
        found = revoke_key(engine, args.key)
    if found is None:
        print(
            f"silversteps centre revoke-key: no key {args.key}; `silversteps centre keys` lists them", file=sys.stderr
        )
        return 1
    key, now = found
    what = "revoked" if now else "already revoked"
    print(f"{what} key {key.key} ({key.name}) of centre {key.centre} at {_when(key.revoked_at, '')}")
    return 0


@contextlib.contextmanager
def _database(args: argparse.Namespace) -> Iterator[Engine]:
    """The centre's database, migrated, for one command; disposed afterwards."""
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.database import make_engine, migrate

    engine = make_engine(_settings(args).database_url)
    try:
        migrate(engine)
        yield engine
    finally:
        engine.dispose()


def _when(moment: datetime | None, none: str) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else none


def _enrol_code(args: argparse.Namespace) -> int:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.credentials import check_centre_name
    from app.centre.kiosks import create_enrolment_code

    try:
        check_centre_name(args.centre)
    except ValueError as problem:
        print(f"silversteps centre enrol-code: {problem}", file=sys.stderr)
        return 2
    with _database(args) as engine:
        code, expires = create_enrolment_code(engine, args.centre, args.valid_hours)
    print(code)
    print(f"one-time code for centre {args.centre}, valid until {_when(expires, '')}", file=sys.stderr)
    return 0


def _revoke_kiosk(args: argparse.Namespace) -> int:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.kiosks import revoke_kiosk

    with _database(args) as engine:
        found = revoke_kiosk(engine, args.kiosk_id)
    if found is None:
        print(
            f"silversteps centre revoke-kiosk: no kiosk {args.kiosk_id}; `silversteps centre kiosks` lists them",
            file=sys.stderr,
        )
        return 1
    kiosk, now = found
    what = "revoked" if now else "already revoked"
    print(f"{what} kiosk {kiosk.id} ({kiosk.name}) of centre {kiosk.centre} at {_when(kiosk.revoked_at, '')}")
    return 0


def _kiosks(args: argparse.Namespace) -> int:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.kiosks import list_kiosks

    with _database(args) as engine:
        kiosks = list_kiosks(engine)
    print("\t".join(("ID", "NAME", "CENTRE", "ENROLLED", "LAST SEEN", "REVOKED")))
    for kiosk in kiosks:
        fields = (
            kiosk.id,
            kiosk.name,
            kiosk.centre,
            _when(kiosk.enrolled_at, "-"),
            _when(kiosk.last_seen_at, "never"),
            _when(kiosk.revoked_at, "no"),
        )
        print("\t".join(fields))
    return 0


def _upstream(args: argparse.Namespace) -> int:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.forwarding.commands import COMMANDS

    with _database(args) as engine:
        return COMMANDS[args.upstream_command](args, engine)


# ---- certificates: the centre's own name on them, and withdrawing one ---------------------


def _add_certificate_commands(centre_commands: argparse._SubParsersAction, db_help: str) -> None:
    name = centre_commands.add_parser(
        "name", help="the centre's own name, printed on its certificates (without NAME: print it)"
    )
    name.add_argument("centre", metavar="CENTRE", help="the centre id, as in `centre key --centre`")
    name.add_argument("name", metavar="NAME", nargs="?", help="e.g. 黄浦区银龄学习中心 (default: the centre id)")
    name.add_argument("--db", metavar="URL", help=db_help)
    withdraw = centre_commands.add_parser(
        "withdraw-certificate", help="withdraw a certificate: its QR code then verifies as revoked"
    )
    withdraw.add_argument("certificate_id", metavar="ID", help="the certificate number, e.g. R4XAT-59649")
    withdraw.add_argument("--reason", help="why, shown when the certificate is checked (one line)")
    withdraw.add_argument("--db", metavar="URL", help=db_help)


def _certificate_command(args: argparse.Namespace) -> int:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.certificate_commands import COMMANDS

    with _database(args) as engine:
        return COMMANDS[args.centre_command](args, engine)


# ---- staff and tutor accounts the centre knows -----------------------------------------------


def _add_staff_account_commands(centre_commands: argparse._SubParsersAction, db_help: str) -> None:
    accounts = centre_commands.add_parser(
        "staff-account", help="staff and tutor accounts that may sign in to the centre at its kiosks"
    )
    commands = accounts.add_subparsers(dest="staff_account_command", required=True)
    add = commands.add_parser("add", help="add an account; the PIN or password is read without echo")
    add.add_argument("name", metavar="NAME", help="as the kiosk shows it, e.g. 王老师")
    add.add_argument("--role", choices=("staff", "tutor"), default="staff", help="staff (default) or tutor")
    add.add_argument("--centre", default="default", help="the centre it belongs to")
    add.add_argument(
        "--id", dest="account_id", help="the id the account has on its kiosk, to sign in there (default: a new id)"
    )
    add.add_argument("--db", metavar="URL", help=db_help)
    listing = commands.add_parser("list", help="list the accounts (never their hashes), one a line")
    listing.add_argument("--centre", help="only this centre's")
    listing.add_argument("--db", metavar="URL", help=db_help)
    remove = commands.add_parser("remove", help="remove an account; its sign-ins end at once")
    remove.add_argument("account_id", metavar="ID", help="as listed by `silversteps centre staff-account list`")
    remove.add_argument("--centre", default="default", help="the centre it belongs to")
    remove.add_argument("--db", metavar="URL", help=db_help)


def _staff_account(args: argparse.Namespace) -> int:
    # loaded when this command runs: every `silversteps` command builds this parser
    from app.centre.staff_account_commands import COMMANDS

    with _database(args) as engine:
        return COMMANDS[args.staff_account_command](args, engine)


_COMMANDS = {
    "key": _key,
    "keys": _keys,
    "revoke-key": _revoke_key,
    "enrol-code": _enrol_code,
    "revoke-kiosk": _revoke_kiosk,
    "kiosks": _kiosks,
    "upstream": _upstream,
    "name": _certificate_command,
    "withdraw-certificate": _certificate_command,
    "staff-account": _staff_account,
}


def run_centre_command(args: argparse.Namespace) -> int:
    """Run a `centre …` command; a problem the operator can fix is one line on stderr."""
    # loaded when this command runs: every `silversteps` command builds this parser
    from sqlalchemy.exc import OperationalError

    from app.centre.database import DatabaseUrlError
    from app.centre.errors import CannotListen

    command = f"silversteps centre {args.centre_command}"
    try:
        if args.centre_command in _COMMANDS:
            return _COMMANDS[args.centre_command](args)
        # loaded when this command runs: every `silversteps` command builds this parser
        from app.centre.server import serve

        return serve(_settings(args), args.host, args.port, args.workers)
    except DatabaseUrlError as problem:
        print(f"{command}: {problem}", file=sys.stderr)
        return 2
    except OperationalError as problem:
        print(f"{command}: cannot open the database: {problem.orig}", file=sys.stderr)
        return 1
    except CannotListen as problem:
        print(f"{command}: {problem}", file=sys.stderr)
        return 1
