"""What a statement is about, for the `agent`, `activity` and `verb` filters. "Direct" entries
are the verb, the actor and the object (and a group's members), which the plain filters match;
the rest (authority, instructor, team, context activities, a SubStatement's parts) match only
when the query asks for `related_agents` or `related_activities`. Values are kept as SHA-256
digests: fixed-length keys index well on SQLite and PostgreSQL however long an IRI is."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any, NamedTuple

AGENT = "agent"
ACTIVITY = "activity"
VERB = "verb"


class IndexEntry(NamedTuple):
    """A named tuple, not a dataclass: five or so per statement, made in C (a frozen
    dataclass's __init__ was a tenth of working out a batch's index rows)."""

    kind: str
    hashed: str
    direct: bool


@functools.lru_cache(maxsize=65536)
def digest(value: str) -> str:
    """Remembered: the same verbs, lessons, themes and learners come in statement after statement
    (a third of the time of working out a batch's index rows went to hashing them again)."""
    return hashlib.sha256(value.encode()).hexdigest()


def agent_key(agent: dict[str, Any]) -> str | None:
    """One string per inverse functional identifier, so equal agents give equal keys."""
    if isinstance(agent.get("mbox"), str):
        return f"mbox:{agent['mbox']}"
    if isinstance(agent.get("mbox_sha1sum"), str):
        return f"mbox_sha1sum:{agent['mbox_sha1sum'].lower()}"
    if isinstance(agent.get("openid"), str):
        return f"openid:{agent['openid']}"
    account = agent.get("account")
    if isinstance(account, dict):
        return _account_key(account.get("homePage"), account.get("name"))
    return None


@functools.lru_cache(maxsize=65536)
def _account_key(home_page: str | None, name: str | None) -> str:
    """Remembered: a centre's learners and credentials appear in batch after batch."""
    return "account:" + json.dumps([home_page, name], ensure_ascii=False)


def _agent_keys(agent: Any) -> list[str]:
    """An agent, or a group and each of its members (a member counts as the group's actor)."""
    if not isinstance(agent, dict):
        return []
    keys = [agent_key(agent)]
    if agent.get("objectType") == "Group":
        keys += [agent_key(member) for member in agent.get("member") or [] if isinstance(member, dict)]
    return [key for key in keys if key]


def _context_activity_ids(context: Any) -> list[str]:
    if not isinstance(context, dict) or not isinstance(context.get("contextActivities"), dict):
        return []
    ids = []
    for group in context["contextActivities"].values():
        for activity in [group] if isinstance(group, dict) else group or []:
            if isinstance(activity, dict) and isinstance(activity.get("id"), str):
                ids.append(activity["id"])
    return ids


def _context_agents(context: Any) -> list[str]:
    if not isinstance(context, dict):
        return []
    return _agent_keys(context.get("instructor")) + _agent_keys(context.get("team"))


def _object_entries(target: Any) -> tuple[list[str], list[str]]:
    if not isinstance(target, dict):
        return [], []
    kind = target.get("objectType", "Activity")
    if kind == "Activity":
        return [], [target["id"]]
    if kind in ("Agent", "Group"):
        return _agent_keys(target), []
    return [], []


def index_entries(statement: dict[str, Any]) -> list[IndexEntry]:
    """The index rows of a checked statement (with its authority), one per kind and value."""
    agents: dict[str, bool] = {}
    activities: dict[str, bool] = {}

    def add(store: dict[str, bool], values: list[str], direct: bool) -> None:
        for value in values:
            store[value] = store.get(value, False) or direct

    add(agents, _agent_keys(statement.get("actor")), True)
    object_agents, object_activities = _object_entries(statement.get("object"))
    add(agents, object_agents, True)
    add(activities, object_activities, True)
    add(agents, _agent_keys(statement.get("authority")), False)
    add(agents, _context_agents(statement.get("context")), False)
    add(activities, _context_activity_ids(statement.get("context")), False)

    sub = statement.get("object")
    if isinstance(sub, dict) and sub.get("objectType") == "SubStatement":
        sub_agents, sub_activities = _object_entries(sub.get("object"))
        add(agents, _agent_keys(sub.get("actor")) + sub_agents + _context_agents(sub.get("context")), False)
        add(activities, sub_activities + _context_activity_ids(sub.get("context")), False)

    entries = [IndexEntry(VERB, digest(statement["verb"]["id"]), True)]
    entries += [IndexEntry(AGENT, digest(value), direct) for value, direct in agents.items()]
    entries += [IndexEntry(ACTIVITY, digest(value), direct) for value, direct in activities.items()]
    return entries
