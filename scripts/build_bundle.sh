#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle into dist/silversteps (work files in build/pyinstaller).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DIST=${1:-dist}
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath build/pyinstaller build.spec
echo "built $DIST/silversteps/: silversteps (the command line) and silversteps-kiosk (the kiosk, windowed)"
