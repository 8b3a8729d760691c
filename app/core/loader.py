"""Load lesson files and report every problem as `file:line: message`, without giving up early.

A broken lesson must never stop the kiosk: `load_courses` returns the good lessons and a list
of problems; the caller shows the problems to staff and carries on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from app.core.course import OVERLAYS, PASSWORD_DIGITS, ActionKind, CourseTheme, Expect, Lesson, Text, TextField
from app.core.course_base import MAX_SENTENCE_CHARS
from app.core.resources import icon_names

Loc = tuple[str | int, ...]
# libyaml's parser is about ten times faster than the pure-Python one; fall back if absent.
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Catalogue:
    """The lessons that loaded, in catalogue order, and the problems found on the way."""

    lessons: list[Lesson] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    themes: list[CourseTheme] = field(default_factory=list)

    def lessons_in(self, theme_id: str) -> list[Lesson]:
        return [lesson for lesson in self.lessons if lesson.theme == theme_id]

    def by_id(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)


def _to_python(node: yaml.Node, loc: Loc, lines: dict[Loc, int], builder: yaml.SafeLoader) -> object:
    """Turn a composed YAML node into Python data, remembering the line of every key."""
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = builder.construct_object(key_node, deep=True)
            if isinstance(key, bool):  # YAML 1.1 reads a key `on:` or `yes:` as a boolean: keep the word
                key = key_node.value
            lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, (*loc, key), lines, builder)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*loc, i), lines, builder) for i, item in enumerate(node.value)]
    return builder.construct_object(node, deep=True)


def _line_for(loc: Loc, lines: dict[Loc, int]) -> int:
    """The line of the deepest part of `loc` that exists in the file (a missing key: its parent)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def line_for(loc: Loc, lines: dict[Loc, int]) -> int:
    """The line of field `loc` (or of its nearest parent in the file), from a line map."""
    return _line_for(loc, lines)


def describe(loc: Loc) -> str:
    """A field's place as a tutor reads it: `steps[3].hint.zh`."""
    return _describe(loc)


def _describe(loc: Loc) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts)


def _without_union_tags(loc: Loc, data: object) -> Loc:
    """Drop the discriminator tags (e.g. 'button') pydantic puts into component error locations."""
    cleaned: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part not in current and current.get("type") == part:
            continue
        cleaned.append(part)
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(cleaned)


def _pydantic_problems(path: Path, error: ValidationError, data: object, lines: dict[Loc, int]) -> list[Problem]:
    problems = []
    for err in error.errors():
        loc = _without_union_tags(tuple(err["loc"]), data)
        message = err["msg"]
        if err["type"] == "missing":
            message = f"'{loc[-1]}' is missing" if loc else message
        elif err["type"] == "union_tag_invalid":
            given = err["input"].get("type") if isinstance(err.get("input"), dict) else None
            message = f"unknown component type {given!r}; known types: {err['ctx']['expected_tags']}"
        elif err["type"] == "union_tag_not_found":
            message = "a component needs a 'type:' (button, list, text, app_grid, …)"
        elif err["type"] == "extra_forbidden":
            message = f"unknown field '{loc[-1]}'"
        where = _describe(loc)
        problems.append(Problem(path, _line_for(loc, lines), f"{where}: {message}" if where else message))
    return problems


def _check_meaning(path: Path, lesson: Lesson, lines: dict[Loc, int], icons: frozenset[str]) -> list[Problem]:
    """Checks a schema cannot express: targets exist, ids are unique, icons exist, text length."""
    problems: list[Problem] = []

    def add(loc: Loc, message: str) -> None:
        problems.append(Problem(path, _line_for(loc, lines), f"{_describe(loc)}: {message}"))

    if lesson.icon not in icons:
        add(("icon",), f"no icon named '{lesson.icon}' in resources/icons")
    seen_steps: set[str] = set()
    for i, step in enumerate(lesson.steps):
        base: Loc = ("steps", i)
        if step.id in seen_steps:
            add((*base, "id"), f"step id '{step.id}' is used twice")
        seen_steps.add(step.id)
        targets = step.screen.targets()
        wanted = step.expect
        asked: list[tuple[Loc, Expect]] = [((*base, "expect"), wanted)]
        asked += [((*base, "choices", c), choice) for c, choice in enumerate(step.choices)]
        for where, action in asked:
            if action.target not in targets:
                known = ", ".join(sorted(targets)) or "none"
                add((*where, "target"), f"target '{action.target}' is not on this screen (targets: {known})")
            elif action.action not in targets[action.target]:
                allowed = ", ".join(sorted(a.value for a in targets[action.target]))
                add(
                    (*where, "action"), f"'{action.action.value}' cannot be done on '{action.target}' (only: {allowed})"
                )
            elif action.action is ActionKind.TYPE and action.value and where[-1] != "expect":
                problem = _typing_problem(step.screen.components, action.target, action.value)
                if problem:
                    add((*where, "value"), problem)
        ids: list[str] = []
        for c, component in enumerate(step.screen.components):
            ids.extend(component.targets())
            if component.type in OVERLAYS and c != len(step.screen.components) - 1:
                add((*base, "screen", "components", c), f"a {component.type} must be the last component")
        duplicates = sorted({t for t in ids if ids.count(t) > 1})
        if duplicates:
            add((*base, "screen"), f"target ids used twice on one screen: {', '.join(duplicates)}")
        for icon in sorted(step.screen.icons() - icons):
            add((*base, "screen"), f"no icon named '{icon}' in resources/icons")
        if wanted.action is ActionKind.TYPE and wanted.value:
            problem = _typing_problem(step.screen.components, wanted.target, wanted.value)
            if problem:
                add((*base, "expect", "value"), problem)
        spoken: list[tuple[Loc, Text | None]] = [
            ((*base, name), getattr(step, name)) for name in ("say", "hint", "tip")
        ]
        spoken += [((*base, "choices", c, "coach"), choice.coach) for c, choice in enumerate(step.choices)]
        for where, text in spoken:
            for lang in ("zh", "en") if text else ():
                for sentence in text.sentences(lang):
                    if len(sentence) > MAX_SENTENCE_CHARS:
                        add((*where, lang), f"a sentence is over {MAX_SENTENCE_CHARS} characters; split it")
    return problems


def _typing_problem(components, target: str, value: str) -> str | None:
    """What is wrong with expecting `value` typed into field `target`, or None."""
    field = next((c for c in components if isinstance(c, TextField) and c.id == target), None)
    if field is None:
        return None
    if field.keypad == "words":
        offered = {s.id for s in field.suggestions}
        unknown = [word for word in value.split() if word not in offered]
        if unknown:
            return f"'{' '.join(unknown)}' is not among the suggested words ({', '.join(sorted(offered))})"
        return None
    if not value.replace(".", "").isdigit():
        return "only digits (and a decimal point) can be typed on the number pad"
    if field.keypad == "password" and not (value.isdigit() and len(value) == PASSWORD_DIGITS):
        return f"a payment password is {PASSWORD_DIGITS} digits (its six boxes send on the last one)"
    if len(value) > field.max_length:
        return f"'{value}' is longer than the field's max_length ({field.max_length})"
    return None


def load_lesson(path: Path, icons: frozenset[str] | None = None) -> tuple[Lesson | None, list[Problem]]:
    """Read one lesson file. Returns the lesson (or None) and every problem found in it."""
    lesson, problems, _lines = load_lesson_with_lines(path, icons)
    return lesson, problems


def load_lesson_with_lines(
    path: Path, icons: frozenset[str] | None = None
) -> tuple[Lesson | None, list[Problem], dict[Loc, int]]:
    """`load_lesson`, and the line of every field in the file, for checks made later on the
    loaded lesson (the position check of `courses validate`) to report `file:line` too."""
    icons = icon_names() if icons is None else icons
    lines: dict[Loc, int] = {}
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(path, 1, f"cannot read the file: {exc}")], lines
    try:
        node = yaml.compose(source, Loader=FastLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(path, line, f"not valid YAML: {exc.problem or exc}")], lines
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, f"not valid YAML: {exc}")], lines
    if node is None:
        return None, [Problem(path, 1, "the file is empty")], lines
    try:
        data = _to_python(node, (), lines, yaml.SafeLoader(""))  # only constructs scalars
    except yaml.YAMLError as exc:
        return None, [Problem(path, node.start_mark.line + 1, f"not valid YAML: {exc}")], lines
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "a lesson file must be a mapping of fields (id:, title:, steps: …)")], lines
    try:
        lesson = Lesson.model_validate(data)
    except ValidationError as exc:
        return None, _pydantic_problems(path, exc, data, lines), lines
    problems = _check_meaning(path, lesson, lines, icons)
    return (None if problems else lesson), problems, lines


THEMES_FILE = "themes.yaml"


def lesson_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the lesson files inside them (`*.yaml`, `*.yml`, but not the themes
    list), sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.name != THEMES_FILE))
        else:
            found.append(path)
    return found


def load_courses(paths: Iterable[Path], icons: frozenset[str] | None = None) -> Catalogue:
    """Load every lesson under `paths`; bad files become problems, the rest load."""
    icons = icon_names() if icons is None else icons
    catalogue = Catalogue()
    first_seen: dict[str, Path] = {}
    for path in lesson_files(paths):
        lesson, problems = load_lesson(path, icons)
        catalogue.problems.extend(problems)
        if lesson is None:
            continue
        if lesson.id in first_seen:
            catalogue.problems.append(
                Problem(path, 1, f"lesson id '{lesson.id}' is already used by {first_seen[lesson.id]}")
            )
            continue
        first_seen[lesson.id] = path
        catalogue.lessons.append(lesson)
    catalogue.themes = load_themes(paths, catalogue)
    rank = {theme.id: i for i, theme in enumerate(catalogue.themes)}
    catalogue.lessons.sort(key=lambda lesson: (rank[lesson.theme], lesson.order, lesson.id))
    return catalogue


def load_themes(paths: Iterable[Path], catalogue: Catalogue) -> list[CourseTheme]:
    """The themes in `themes.yaml` of the given folders, in that order, then any theme a lesson
    names that the file does not (titled by its id, and reported so a tutor can add it)."""
    themes: list[CourseTheme] = []
    themes_file: Path | None = None
    for folder in (p for p in paths if p.is_dir()):
        path = folder / THEMES_FILE
        if not path.exists():
            continue
        themes_file = path
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=FastLoader)
            themes.extend(CourseTheme.model_validate(item) for item in data or [])
        except (OSError, yaml.YAMLError, ValidationError, TypeError) as exc:
            catalogue.problems.append(Problem(path, 1, f"cannot read the themes: {exc}"))
    known = {theme.id for theme in themes}
    for lesson in catalogue.lessons:
        if lesson.theme not in known:
            known.add(lesson.theme)
            name = lesson.theme.replace("-", " ").capitalize()
            themes.append(CourseTheme(id=lesson.theme, title=Text(zh=name, en=name)))
            if themes_file is not None:
                message = f"theme '{lesson.theme}' (lesson '{lesson.id}') is not listed; add its titles here"
                catalogue.problems.append(Problem(themes_file, 1, message))
    return themes
