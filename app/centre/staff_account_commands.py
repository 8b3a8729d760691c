"""`silversteps centre staff-account add|list|remove`: the operator's own say over who is staff
or tutor at a centre, typed on the server. The PIN or password is read without echo (from a
terminal, asked twice) or as one line from standard input (from a script), never from the
command line, where the shell's history and `ps` would keep it."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from sqlalchemy import Engine

from app.centre.credentials import check_centre_name
from app.centre.staff_accounts import add_account, list_accounts, remove_account_by_id
from app.core.accounts import AccountError


def _problem(problem: str, code: int = 2) -> int:
    print(f"silversteps centre staff-account: {problem}", file=sys.stderr)
    return code


def read_secret(ask: Callable[[str], str] = getpass.getpass) -> str | None:
    """The PIN or password, without echo; None when the two typings differ."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = ask("PIN (6+ digits) or password (8+ characters): ")
    return first if ask("The same again: ") == first else None


def add_command(args: argparse.Namespace, engine: Engine) -> int:
    try:
        check_centre_name(args.centre)
    except ValueError as problem:
        return _problem(str(problem))
    secret = read_secret()
    if secret is None:
        return _problem("the two typings differ; nothing was added")
    try:
        account = add_account(engine, args.centre, args.name, args.role, secret, args.account_id)
    except (AccountError, ValueError) as problem:
        return _problem(str(problem).rstrip("."))
    print(f"{account.id}\t{account.role} {account.name} of centre {account.centre} added")
    return 0


def list_command(args: argparse.Namespace, engine: Engine) -> int:
    print("\t".join(("ID", "CENTRE", "ROLE", "NAME", "LOCKED")))
    for account in list_accounts(engine, args.centre):
        locked = account.locked_until.strftime("%Y-%m-%dT%H:%M:%SZ") if account.locked_until else "no"
        print("\t".join((account.id, account.centre, account.role, account.name, locked)))
    return 0


def remove_command(args: argparse.Namespace, engine: Engine) -> int:
    if not remove_account_by_id(engine, args.centre, args.account_id):
        listed_by = "`silversteps centre staff-account list`"
        return _problem(f"centre {args.centre} has no account {args.account_id}; {listed_by} lists them", 1)
    print(f"removed account {args.account_id} of centre {args.centre}; its sign-ins end at once")
    return 0


COMMANDS = {"add": add_command, "list": list_command, "remove": remove_command}
