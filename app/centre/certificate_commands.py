"""`silversteps centre name` and `silversteps centre withdraw-certificate`: the centre's own
name on its certificates, and withdrawing one, as staff type them on the server."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from app.centre.centre_names import centre_name, set_centre_name
from app.centre.certificate_withdraw import REASON_LENGTH, withdraw
from app.centre.credentials import check_centre_name
from app.centre.errors import ApiError
from app.centre.roster.fields import no_control_characters


def _problem(command: str, problem: str, code: int = 2) -> int:
    print(f"silversteps centre {command}: {problem}", file=sys.stderr)
    return code


def name_command(args: argparse.Namespace, engine: Engine) -> int:
    """Set the centre's name (with NAME) or print it (without)."""
    try:
        check_centre_name(args.centre)
    except ValueError as problem:
        return _problem("name", str(problem))
    if args.name is None:
        print(centre_name(engine, args.centre))
        return 0
    try:
        name = set_centre_name(engine, args.centre, args.name)
    except ValueError as problem:
        return _problem("name", f"the name {problem}" if "control character" in str(problem) else str(problem))
    print(f"centre {args.centre} is named {name} on the certificates it issues from now on")
    return 0


def withdraw_command(args: argparse.Namespace, engine: Engine) -> int:
    reason = " ".join((args.reason or "").split()) or None
    try:
        if reason is not None:
            no_control_characters(reason)
            if len(reason) > REASON_LENGTH:
                raise ValueError(f"is {len(reason)} characters; at most {REASON_LENGTH}")
    except ValueError as problem:
        return _problem("withdraw-certificate", f"the reason {problem}")
    try:
        done = withdraw(engine, args.certificate_id.strip().upper(), reason)
    except ApiError as refused:
        return _problem("withdraw-certificate", refused.message, code=1)
    what = "was already withdrawn" if done.already else "is withdrawn"
    because = f" ({done.reason})" if done.reason else ""
    print(f"certificate {done.certificate_id} of centre {done.centre} {what} since {done.withdrawn_on}{because}")
    return 0


COMMANDS = {"name": name_command, "withdraw-certificate": withdraw_command}
