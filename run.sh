#!/usr/bin/env bash
# SilverSteps, one entry point for people and CI. Installs what is missing, then runs:
#   ./run.sh kiosk [options]   the kiosk (SQLite in the user data folder, bundled lessons)
#   ./run.sh test [pytest args] the whole test suite
#   ./run.sh lint | bundle | bench
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
VENV="$ROOT/.venv"
PYTHON=${PYTHON:-python3}

say() { echo "run.sh: $*" >&2; }

as_root() {
    if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi
}

install_system_packages() {
    if ! command -v dpkg-query >/dev/null; then
        say "not a Debian-like system: install the packages listed in scripts/system-packages.txt yourself"
        return
    fi
    local missing=() package
    while read -r package; do
        [[ -z $package || $package == \#* ]] && continue
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done < scripts/system-packages.txt
    if ! "$PYTHON" -c "import ensurepip, venv" 2>/dev/null; then
        missing+=(python3-venv)
    fi
    if ((${#missing[@]})); then
        say "installing system packages: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

install_python_packages() {
    if [[ ! -x $VENV/bin/python ]]; then
        say "creating the virtual environment in .venv"
        "$PYTHON" -m venv "$VENV"
    fi
    local stamp="$VENV/.silversteps-installed" wanted
    wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [[ ! -f $stamp || $(cat "$stamp") != "$wanted" ]]; then
        say "installing Python packages from pyproject.toml"
        "$VENV/bin/python" -m pip install -q --upgrade pip
        "$VENV/bin/python" -m pip install -q -e ".[test,build,keyboard]"
        echo "$wanted" > "$stamp"
    fi
}

setup() {
    install_system_packages
    install_python_packages
}

command=${1:-kiosk}
[[ $# -gt 0 ]] && shift
case $command in
    kiosk)
        setup
        if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
            say "no display here: running the kiosk on a virtual screen (xvfb-run)"
            exec xvfb-run -a -s "-screen 0 1920x1080x24" "$VENV/bin/silversteps" kiosk "$@"
        fi
        exec "$VENV/bin/silversteps" kiosk "$@"
        ;;
    test)
        setup
        export QT_QPA_PLATFORM=offscreen
        # One worker per core (SILVERSTEPS_TEST_WORKERS=0 for none), each taking whole test
        # files, so a file's shared server or database stays in one process.
        exec "$VENV/bin/python" -m pytest -n "${SILVERSTEPS_TEST_WORKERS:-auto}" --dist loadscope "$@"
        ;;
    lint)
        setup
        "$VENV/bin/ruff" check .
        "$VENV/bin/ruff" format --check .
        exec "$VENV/bin/lint-imports"
        ;;
    bundle)
        setup
        exec bash scripts/build_bundle.sh
        ;;
    bench)
        setup
        export QT_QPA_PLATFORM=offscreen
        for bench in bench/bench_*.py; do
            say "$bench"
            "$VENV/bin/python" "$bench"
        done
        ;;
    *)
        say "unknown command '$command' (use: kiosk, test, lint, bundle, bench)"
        exit 2
        ;;
esac
