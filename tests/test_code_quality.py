"""House rules that run with the tests: ruff is clean and the layer contracts hold."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_ruff_finds_nothing():
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted():
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layer_contracts_hold():
    result = run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_and_cli_checks_never_load_qt():
    """Loading the lessons (as the kiosk does at start) and `courses validate --no-positions`
    are plain Python; only the position check of `courses validate` lays the phone out in Qt."""
    probe = (
        "import sys, app.cli; from app.core.loader import load_courses; from app.core.resources import courses_dir; "
        "load_courses([courses_dir()]); app.cli.main(['courses', 'validate', '--no-positions']); "
        "print('PySide6' in sys.modules)"
    )
    result = run(sys.executable, "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False")


def unexplained_function_imports(root: Path) -> list[str]:
    """Imports inside a function body with no comment saying why: on the import's line, or on
    the line just above the run of imports it belongs to."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Import | ast.ImportFrom):
                    continue
                run = range(node.lineno - 1, node.end_lineno)
                above = node.lineno - 2
                while (above >= 0 and lines[above].lstrip().startswith(("import ", "from ", ")"))) or (
                    above >= 0 and not lines[above].strip()
                ):
                    above -= 1
                explained = any("#" in lines[i] for i in run) or lines[above].lstrip().startswith("#")
                if not explained:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    return sorted(set(found))


def test_every_import_inside_a_function_says_why():
    """Start-up time is the one good reason (the kiosk paints first, commands load only what they
    run); an import moved into a function to get round a layer contract is not."""
    assert unexplained_function_imports(ROOT / "app") == []
