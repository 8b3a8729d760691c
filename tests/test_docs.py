"""The documents people rely on stay true to the code: the README starts with the two
commands, and the authoring guide describes every component a lesson can use."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.course import lesson_schema

ROOT = Path(__file__).resolve().parents[1]


def component_types() -> set[str]:
    definitions = lesson_schema()["$defs"]
    return {
        spec["properties"]["type"]["const"]
        for spec in definitions.values()
        if "const" in spec.get("properties", {}).get("type", {})
    }


def test_the_authoring_guide_describes_every_component():
    guide = (ROOT / "courses" / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z_]+)`", guide, flags=re.MULTILINE))
    types = component_types()
    assert len(types) >= 12
    assert types - documented == set(), "add these to courses/README.md"
    assert documented - types == set(), "courses/README.md describes components that do not exist"


def test_the_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```") + 1 : lines.index("```") + 3]
    assert block == ["./run.sh kiosk", "./run.sh test"]
    assert "./run.sh test" in (ROOT / ".ci" / "run").read_text()


def command_names() -> set[str]:
    """Every `silversteps …` command the parser knows, down to its last sub-command."""
    import argparse

    from app.cli import build_parser

    def walk(parser: argparse.ArgumentParser, prefix: str) -> set[str]:
        found = set()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    found |= walk(child, f"{prefix} {name}") or {f"{prefix} {name}"}
        return found

    return walk(build_parser(), "silversteps") | {"silversteps kiosk enrol"}


def test_the_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = {
        name for name in command_names() if name not in readme and name.replace("silversteps ", "") not in readme
    }
    assert missing == set(), "describe these in the README's Commands table"
