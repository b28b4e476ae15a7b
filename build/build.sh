#!/usr/bin/env bash
# Build the offline one-folder bundle: dist/xuncha/ (copy it to the workstation with the registered medium).
# PyInstaller's work files go to a temporary folder and its output to dist/, never into build/ (source).
set -euo pipefail
cd "$(dirname "$0")/.."
./dev setup
.venv/bin/python -m pip install -q "pyinstaller>=6.5"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m PyInstaller --noconfirm --clean --distpath dist --workpath "$work" build/xuncha.spec
echo "bundle: dist/xuncha/xuncha"
