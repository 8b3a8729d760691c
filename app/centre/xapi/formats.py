"""`format=ids`: statements cut down to what identifies each agent, group, verb and activity,
for tools that only count or link records. `exact` and `canonical` return the statement as
stored (this server keeps no canonical activity definitions of its own)."""

from __future__ import annotations

from typing import Any

_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def _agent(agent: Any) -> Any:
    if not isinstance(agent, dict):
        return agent
    kept = {key: agent[key] for key in ("objectType", *_IFIS) if key in agent}
    if agent.get("objectType") == "Group" and not any(key in agent for key in _IFIS):
        kept["member"] = [_agent(member) for member in agent.get("member") or []]
    return kept


def _object(target: Any) -> Any:
    if not isinstance(target, dict):
        return target
    kind = target.get("objectType", "Activity")
    if kind == "Activity":
        return {key: target[key] for key in ("objectType", "id") if key in target}
    if kind in ("Agent", "Group"):
        return _agent(target)
    if kind == "SubStatement":
        return _statement(target)
    return target


def _context(context: Any) -> Any:
    if not isinstance(context, dict):
        return context
    slim = dict(context)
    for key in ("instructor", "team"):
        if key in slim:
            slim[key] = _agent(slim[key])
    activities = slim.get("contextActivities")
    if isinstance(activities, dict):
        slim["contextActivities"] = {
            name: [_object(item) for item in group] if isinstance(group, list) else _object(group)
            for name, group in activities.items()
        }
    return slim


def _statement(statement: dict[str, Any]) -> dict[str, Any]:
    slim = dict(statement)
    for key in ("actor", "authority"):
        if key in slim:
            slim[key] = _agent(slim[key])
    if isinstance(slim.get("verb"), dict):
        slim["verb"] = {"id": slim["verb"].get("id")}
    if "object" in slim:
        slim["object"] = _object(slim["object"])
    if "context" in slim:
        slim["context"] = _context(slim["context"])
    return slim


def ids_format(statement: dict[str, Any]) -> dict[str, Any]:
    return _statement(statement)
