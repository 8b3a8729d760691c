"""The Windows set-up cannot drift from the Linux one: run.ps1 offers run.sh's commands and
installs the same extras the same way, the two bundle scripts call PyInstaller alike, the README
gives the Windows pair right after the Linux one, the Windows workflow installs, tests, builds and
starts the bundle with those commands, and every test the Windows run skips as Linux-only is one
that exists. (PowerShell is not on the Linux machines: the scripts themselves run on Windows.)"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.platforms import (
    LINUX_ONLY,
    NOT_COLLECTED,
    POSTGRESQL,
    SIGKILL,
    linux_only_reason,
    on_linux,
)

ROOT = Path(__file__).resolve().parents[1]
RUN_SH = (ROOT / "run.sh").read_text(encoding="utf-8")
RUN_PS1 = (ROOT / "run.ps1").read_text(encoding="utf-8")


def sh_commands() -> list[str]:
    case = RUN_SH[RUN_SH.index("case $command in") : RUN_SH.index("esac")]
    return re.findall(r"^ {4}([a-z]+)\)", case, flags=re.MULTILINE)


def ps1_commands() -> list[str]:
    switch = RUN_PS1[RUN_PS1.index("switch ($Command)") :]
    return re.findall(r"^ {4}'([a-z]+)' \{", switch, flags=re.MULTILINE)


def usage(text: str) -> str:
    return re.search(r"unknown command .*\(use: ([a-z, ]+)\)", text).group(1)


def test_run_ps1_offers_the_commands_of_run_sh() -> None:
    assert sh_commands() == ["kiosk", "test", "lint", "bundle", "bench"]
    assert ps1_commands() == sh_commands()
    assert usage(RUN_PS1) == usage(RUN_SH) == ", ".join(sh_commands())
    for command in sh_commands():
        assert f".\\run.ps1 {command}" in RUN_PS1 or f"| {command}" in RUN_PS1, f"run.ps1's header names {command}"


def test_both_install_the_same_extras_when_pyprojects_hash_changes() -> None:
    extras = r"\.\[([a-z,]+)\]"
    assert re.findall(extras, RUN_SH) == re.findall(extras, RUN_PS1) == ["test,build,keyboard"]
    for script in (RUN_SH, RUN_PS1):
        assert ".silversteps-installed" in script, "the same stamp in .venv"
    assert "sha256sum pyproject.toml" in RUN_SH
    assert "Get-FileHash -Algorithm SHA256" in RUN_PS1 and "'pyproject.toml'" in RUN_PS1


def test_both_run_the_tests_alike() -> None:
    assert "QT_QPA_PLATFORM=offscreen" in RUN_SH and "$env:QT_QPA_PLATFORM = 'offscreen'" in RUN_PS1
    assert '-m pytest -n "${SILVERSTEPS_TEST_WORKERS:-auto}" --dist loadscope "$@"' in RUN_SH
    assert "-m pytest -n $workers --dist loadscope @Rest" in RUN_PS1
    assert "$env:SILVERSTEPS_TEST_WORKERS" in RUN_PS1 and "$workers = 'auto'" in RUN_PS1


def test_run_ps1_finds_python_311_the_windows_ways() -> None:
    order = [RUN_PS1.index(way) for way in ("$env:PYTHON", "@('py', '-3.11')", "@('py', '-3')", "@('python')")]
    assert order == sorted(order)
    assert "sys.version_info >= (3, 11)" in RUN_PS1
    assert "'Scripts\\silversteps.exe') kiosk @Rest" in RUN_PS1


def test_the_powershell_scripts_are_ascii() -> None:
    """Windows PowerShell 5.1 reads a script without a byte-order mark in the ANSI code page."""
    for script in (ROOT / "run.ps1", ROOT / "scripts" / "build_bundle.ps1"):
        assert script.read_bytes().isascii(), script


def pyinstaller_options(text: str) -> list[str]:
    line = next(line for line in text.splitlines() if "-m PyInstaller" in line)
    words = line.split("-m PyInstaller", 1)[1].split()
    return [word.replace("\\", "/").replace('"$DIST"', "DIST").replace("$Dist", "DIST") for word in words]


def test_both_bundle_scripts_call_pyinstaller_alike() -> None:
    sh = pyinstaller_options((ROOT / "scripts" / "build_bundle.sh").read_text(encoding="utf-8"))
    ps1 = pyinstaller_options((ROOT / "scripts" / "build_bundle.ps1").read_text(encoding="utf-8"))
    assert sh == ps1
    assert sh[-1] == "build.spec" and "--distpath" in sh


def test_the_kiosk_program_is_the_kiosk_whatever_it_is_started_with() -> None:
    spec = importlib.util.spec_from_file_location("kiosk_entry", ROOT / "scripts" / "kiosk_entry.py")
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)
    assert entry.kiosk_words([]) == ["kiosk"]
    assert entry.kiosk_words(["--windowed", "--quit-after", "2"]) == ["kiosk", "--windowed", "--quit-after", "2"]
    assert entry.kiosk_words(["kiosk", "--lang", "en"]) == ["kiosk", "--lang", "en"]


def test_the_readme_gives_the_windows_pair_right_after_the_linux_pair() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    assert blocks[0] == "./run.sh kiosk\n./run.sh test\n"
    assert blocks[1] == ".\\run.ps1 kiosk\n.\\run.ps1 test\n"
    assert "Set-ExecutionPolicy -Scope Process Bypass" in readme


def workflow_steps() -> list[dict]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert job["runs-on"] == "windows-latest"
    return job["steps"]


def test_the_windows_workflow_installs_tests_builds_and_starts_the_bundle_with_run_ps1() -> None:
    steps = workflow_steps()
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    runs = "\n".join(step.get("run", "") for step in steps)
    for line in (
        ".\\run.ps1 lint",
        '.\\run.ps1 test -m "not gui"',
        ".\\run.ps1 test -m gui",
        ".\\run.ps1 bundle",
        "dist\\silversteps\\silversteps.exe courses validate --no-positions",
        "dist\\silversteps\\silversteps.exe db upgrade",
        "dist\\silversteps\\silversteps-kiosk.exe",
        "'--windowed', '--quit-after', '2'",
    ):
        assert line in runs, line
    smoke = next(step for step in steps if "silversteps-kiosk.exe" in step.get("run", ""))
    assert smoke["env"]["QT_QPA_PLATFORM"] == "offscreen"


def test_every_test_skipped_off_linux_exists() -> None:
    for key in [*LINUX_ONLY, *NOT_COLLECTED]:
        path, _, name = key.partition("::")
        assert (ROOT / path).exists(), key
        if name:
            assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), key


def test_what_needs_linux_is_known_by_its_node_id_fixtures_or_database() -> None:
    assert linux_only_reason("tests/voice/test_render.py::test_longer_text_takes_longer")
    assert linux_only_reason("tests/ui/test_crash_safety.py::test_sigkill_at_random_moments_loses_no_acknowledged_step")
    killed = "tests/centre/test_forwarding.py::test_centre_a_killed_mid_forwarding_keeps_its_queue"
    assert linux_only_reason(killed) == SIGKILL
    assert linux_only_reason(killed + "_too") is None, "a name that only begins alike is another test"
    assert (
        linux_only_reason("tests/centre/test_postgresql_folds.py::test_x", fixtures=["pg", "postgres_url"])
        == POSTGRESQL
    )
    assert linux_only_reason("tests/centre/test_validation.py::test_x[postgresql]", params={"db": "postgresql"})
    assert linux_only_reason("tests/centre/test_validation.py::test_x[sqlite]", params={"db": "sqlite"}) is None
    assert linux_only_reason("tests/exports/test_csv.py::test_x", fixtures=["tmp_path"]) is None
    assert on_linux("linux") and not on_linux("win32") and not on_linux("darwin")


FAKE_WINDOWS = "import tests.support.platforms as platforms\nplatforms.on_linux = lambda platform=None: False\n"


def pytest_as_on_windows(tmp_path: Path, *words: str) -> subprocess.CompletedProcess[str]:
    """This suite run as the Windows workflow runs it, as far as the platform checks go."""
    (tmp_path / "fake_windows.py").write_text(FAKE_WINDOWS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)])}
    command = [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "fake_windows", "-rs", *words]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_off_linux_those_tests_are_skipped_with_their_reason_and_the_rest_run(tmp_path: Path) -> None:
    run = pytest_as_on_windows(
        tmp_path,
        "tests/centre/test_durability.py",
        "tests/centre/test_api_fuzz.py::test_no_input_gets_a_server_error_or_leaves_a_row_when_refused[postgresql]",
        "tests/test_windows_setup.py::test_the_powershell_scripts_are_ascii",
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert f"test_durability.py: Linux only: {SIGKILL}" in run.stdout
    assert f"test_api_fuzz.py: Linux only: {POSTGRESQL}" in run.stdout
    assert re.search(r"^=+ 1 passed, 2 skipped", run.stdout, flags=re.MULTILINE), run.stdout[-2000:]
    listed = pytest_as_on_windows(tmp_path, "--collect-only", "-q", "tests/centre")
    assert listed.returncode == 0, listed.stdout[-3000:] + listed.stderr[-3000:]
    assert "test_write_turn.py" not in listed.stdout, "fcntl cannot be imported on Windows"
    assert "tests/centre/test_durability.py::" in listed.stdout, "collected, then skipped"
