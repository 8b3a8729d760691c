"""Tutor and staff accounts: only slow salted hashes are kept, five wrong tries lock an account
for five minutes (even across a restart), and every refusal says what to do."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.core import secret_hash
from app.core.accounts import AccountError, Outcome
from app.store.accounts import AccountRepository, secret_matches
from app.store.db import open_database
from app.store.models import Account

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def db(data_dir):
    database = open_database(data_dir)
    yield database
    database.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def repo(db, clock) -> AccountRepository:
    return AccountRepository(db.sessions, clock=clock)


def stored_hash(db, name: str) -> str:
    with db.sessions() as session:
        return next(row.secret_hash for row in session.query(Account) if row.name == name)


def test_only_a_salted_scrypt_hash_with_its_parameters_is_kept(db, repo, data_dir):
    pin = repo.add("Ms Chen", "staff", "246810")
    word = repo.add("李老师", "tutor", "blue-river-7")
    assert (pin.secret_kind, word.secret_kind) == ("pin", "password")
    assert [a.name for a in repo.all()] == ["Ms Chen", "李老师"]  # staff first, then tutors
    first = stored_hash(db, "Ms Chen")
    scheme, n, r, p, salt, digest = first.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**14, 8, 1)
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    other = repo.add("Mr Lam", "tutor", "246810")  # the same PIN, a different salt
    assert stored_hash(db, other.name).split("$")[4:] != first.split("$")[4:]
    db.close()
    raw = b"".join(path.read_bytes() for path in data_dir.glob("silversteps.db*"))
    assert b"246810" not in raw and b"blue-river-7" not in raw


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        ("12345", "at least 6 digits"),
        ("abc123", "password of at least 8 characters"),
        ("", "password of at least 8 characters"),
    ],
)
def test_short_secrets_are_refused_with_the_rule(repo, secret, problem):
    with pytest.raises(AccountError, match=problem):
        repo.add("Ms Chen", "staff", secret)


def test_names_and_roles_are_checked(repo):
    repo.add("Ms Chen", "staff", "246810")
    with pytest.raises(AccountError, match="already an account called ms chen"):
        repo.add("  ms   chen ", "tutor", "135790")
    with pytest.raises(AccountError, match="give the account a name"):
        repo.add("   ", "tutor", "135790")
    with pytest.raises(AccountError, match="tutor, staff"):
        repo.add("Mr Lam", "admin", "135790")


def test_five_wrong_tries_lock_for_five_minutes_and_the_right_pin_waits_too(repo, clock):
    account = repo.add("Ms Chen", "staff", "246810")
    tries_left = []
    for _ in range(4):
        result = repo.sign_in(account.id, "111111")
        assert result.outcome is Outcome.WRONG
        tries_left.append(result.tries_left)
    assert tries_left == [4, 3, 2, 1]
    assert "1 try left before the account locks" in result.message
    fifth = repo.sign_in(account.id, "111111")
    assert fifth.outcome is Outcome.LOCKED
    assert fifth.locked_until == clock.now + timedelta(minutes=5) and fifth.minutes_left == 5
    assert "locked for 5 more minutes" in fifth.message

    clock.advance(seconds=61)
    sixth = repo.sign_in(account.id, "246810")  # right, but the lock holds
    assert sixth.outcome is Outcome.LOCKED and sixth.minutes_left == 4
    assert "locked for 4 more minutes" in sixth.message
    assert repo.minutes_locked(account.id) == 4

    clock.advance(minutes=4)
    assert repo.minutes_locked(account.id) == 0
    assert repo.sign_in(account.id, "246810").outcome is Outcome.SIGNED_IN


def test_the_lock_survives_a_restart(data_dir, clock):
    db = open_database(data_dir)
    account = AccountRepository(db.sessions, clock=clock).add("Ms Chen", "staff", "246810")
    repo = AccountRepository(db.sessions, clock=clock)
    for _ in range(3):
        repo.sign_in(account.id, "000000")
    db.close()

    db = open_database(data_dir)  # the kiosk restarted: the count goes on
    repo = AccountRepository(db.sessions, clock=clock)
    assert repo.sign_in(account.id, "000000").tries_left == 1
    assert repo.sign_in(account.id, "000000").outcome is Outcome.LOCKED
    db.close()

    db = open_database(data_dir)
    repo = AccountRepository(db.sessions, clock=clock)
    clock.advance(minutes=2)
    assert repo.sign_in(account.id, "246810").minutes_left == 3
    db.close()


def test_after_the_lock_there_are_five_fresh_tries_and_a_good_sign_in_resets_the_count(repo, clock):
    account = repo.add("Mr Lam", "tutor", "blue-river-7")
    for _ in range(5):
        repo.sign_in(account.id, "wrong-words")
    clock.advance(minutes=5)
    assert repo.sign_in(account.id, "wrong-words").tries_left == 4  # a fresh count, not locked again at once
    assert repo.sign_in(account.id, "blue-river-7").outcome is Outcome.SIGNED_IN
    assert repo.sign_in(account.id, "wrong-words").tries_left == 4


def test_a_hash_made_with_weaker_parameters_is_redone_at_the_next_good_sign_in(db, repo, monkeypatch):
    monkeypatch.setattr(secret_hash, "SCRYPT_N", 2**10)
    account = repo.add("Ms Chen", "staff", "246810")
    assert stored_hash(db, "Ms Chen").startswith("scrypt$1024$")
    monkeypatch.setattr(secret_hash, "SCRYPT_N", 2**14)  # a later version raises the cost
    assert repo.sign_in(account.id, "000000").outcome is Outcome.WRONG
    assert stored_hash(db, "Ms Chen").startswith("scrypt$1024$")  # a wrong try changes nothing
    assert repo.sign_in(account.id, "246810").outcome is Outcome.SIGNED_IN
    assert stored_hash(db, "Ms Chen").startswith("scrypt$16384$")
    assert repo.sign_in(account.id, "246810").outcome is Outcome.SIGNED_IN


def test_malformed_hashes_never_match_and_unknown_accounts_are_told_apart(repo):
    for stored in ("", "plain", "md5$1$2$3$00$00", "scrypt$x$8$1$00$00"):
        assert not secret_matches("246810", stored)
    result = repo.sign_in("no-such-id", "246810")
    assert result.outcome is Outcome.UNKNOWN and "choose a name" in result.message


def test_the_last_staff_account_cannot_be_removed(repo):
    repo.add("Ms Chen", "staff", "246810")
    repo.add("Mr Lam", "tutor", "135790")
    with pytest.raises(AccountError, match="only staff account: add another staff account first"):
        repo.remove("Ms Chen")
    with pytest.raises(AccountError, match="no account called Nobody"):
        repo.remove("Nobody")
    assert repo.remove("mr lam").name == "Mr Lam"
    repo.add("Mrs Ho", "staff", "975310")
    assert repo.remove("Ms Chen").role == "staff"
    assert [a.name for a in repo.all()] == ["Mrs Ho"] and repo.has_staff()


def test_the_command_line_adds_lists_and_removes_accounts_without_loading_qt(data_dir):
    script = (
        "import sys, app.cli\n"
        "for words in (['add', '--role', 'staff', '--name', 'Ms Chen'], ['list']):\n"
        f"    assert app.cli.main(['accounts', *words, '--data-dir', {str(data_dir)!r}]) == 0\n"
        "print('PySide6' in sys.modules)\n"
    )
    env = {**os.environ, "SILVERSTEPS_ACCOUNT_SECRET": "246810"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "added staff account Ms Chen (signs in with a PIN)"
    name, role, kind, state, account_id = lines[1].split("\t")
    assert (name, role, kind, state) == ("Ms Chen", "staff", "PIN", "ok")
    assert str(uuid.UUID(account_id)) == account_id
    assert lines[-1] == "False"


def test_the_secret_is_asked_twice_and_must_match(data_dir, monkeypatch, capsys):
    monkeypatch.delenv("SILVERSTEPS_ACCOUNT_SECRET", raising=False)
    answers = iter(["blue-river-7", "blue-river-8", "blue-river-7", "blue-river-7", "1234", "1234"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    add = ["accounts", "add", "--role", "tutor", "--name", "Mr Lam", "--data-dir", str(data_dir)]
    assert main(add) == 1
    assert "the two entries differ" in capsys.readouterr().err
    assert main(add) == 0
    assert "added tutor account Mr Lam (signs in with a password)" in capsys.readouterr().out
    assert main(["accounts", "list", "--data-dir", str(data_dir)]) == 0
    db = open_database(data_dir)
    (made,) = db.accounts.all()  # its id: what the centre's `staff-account add --id` needs
    db.close()
    assert capsys.readouterr().out == f"Mr Lam\ttutor\tpassword\tok\t{made.id}\n"
    assert main([*add[:5], "Mr Ho", *add[6:]]) == 1
    assert "not done: A PIN needs at least 6 digits." in capsys.readouterr().err
    assert main(["accounts", "remove", "Mr Lam", "--data-dir", str(data_dir)]) == 0
    assert main(["accounts", "list", "--data-dir", str(data_dir)]) == 0
    assert "no accounts yet; add the first with: silversteps accounts add --role staff" in capsys.readouterr().out
