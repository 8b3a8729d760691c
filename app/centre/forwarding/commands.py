"""`silversteps centre upstream set/show/off/retry`: what the operator types and reads. The
secret never travels on the command line (other users of the machine can read it there): it
comes from SILVERSTEPS_UPSTREAM_SECRET, or is typed when asked, or is one line on stdin."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TextIO

from sqlalchemy import Engine

from app.centre.forwarding.progress import read_progress
from app.centre.forwarding.queue import queue_state
from app.centre.forwarding.report import describe
from app.centre.forwarding.upstream import UpstreamSettingsError, configure, endpoint_of, retry_now, turn_off

SECRET_VARIABLE = "SILVERSTEPS_UPSTREAM_SECRET"
SHOW = "`silversteps centre upstream show`"


def read_secret(key: str, stdin: TextIO | None = None) -> str:
    """From the environment, else typed (not echoed) at a terminal, else the first line of stdin."""
    stdin = stdin or sys.stdin
    secret = os.environ.get(SECRET_VARIABLE, "")
    if secret:
        return secret
    if stdin.isatty():
        return getpass.getpass(f"Secret for key {key} at the city's store (not shown): ")
    return stdin.readline().rstrip("\r\n")


def _problem(command: str, problem: str) -> int:
    print(f"silversteps centre upstream {command}: {problem}", file=sys.stderr)
    return 2


def set_upstream(args: argparse.Namespace, engine: Engine) -> int:
    try:
        endpoint = endpoint_of(args.url)
        secret = read_secret(args.key)
        if not secret:
            return _problem(
                "set", f"no secret given: put it in {SECRET_VARIABLE}, type it when asked, or pipe it on stdin"
            )
        done = configure(engine, endpoint, args.key, secret)
    except UpstreamSettingsError as problem:
        return _problem("set", str(problem))
    print(f"Forwarding every statement to {endpoint}/statements as key {args.key}.")
    if done.first_time:
        print(f"{done.queued_from_before} statement(s) stored before now are queued too and go first.")
    print(f"{done.waiting} statement(s) waiting to go. {SHOW} tells how it is going.")
    return 0


def show_upstream(_args: argparse.Namespace, engine: Engine) -> int:
    for line in describe(read_progress(engine), queue_state(engine)):
        print(line)
    return 0


def turn_upstream_off(args: argparse.Namespace, engine: Engine) -> int:
    done = turn_off(engine, forget=args.forget)
    if not done.was_set_up:
        print("Forwarding was not set up; nothing to turn off.")
    elif args.forget:
        print(
            f"Forwarding is off and forgotten: {done.statements} queued statement(s) dropped, the address "
            "and credentials removed. Setting it up again queues every stored statement."
        )
    else:
        print(
            f"Forwarding is off. {done.statements} statement(s) waiting; new ones keep joining the queue and "
            "go when you turn forwarding on again with `silversteps centre upstream set`."
        )
    return 0


def retry_upstream(_args: argparse.Namespace, engine: Engine) -> int:
    put_back = retry_now(engine)
    print(f"Trying again now; {put_back} set-aside statement(s) back in the queue. {SHOW} tells how it goes.")
    return 0


COMMANDS = {"set": set_upstream, "show": show_upstream, "off": turn_upstream_off, "retry": retry_upstream}
