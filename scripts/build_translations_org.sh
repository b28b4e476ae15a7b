#!/bin/sh
# Rebuild the organisation GUI's catalogue (resources/translations/org_zh_CN.qm) from its .ts source.
#   scripts/build_translations_org.sh            compile the .ts into the .qm
#   scripts/build_translations_org.sh --update   first collect new strings from app/ui/org, app/ui/workspace.py
#                                                and forms/org_*.ui into the .ts (then translate the new ones)
set -eu
cd "$(dirname "$0")/.."
BIN="${VENV_BIN:-.venv/bin}"
TS=resources/translations/org_zh_CN.ts
QM=resources/translations/org_zh_CN.qm
if [ "${1:-}" = "--update" ]; then
    # shellcheck disable=SC2046
    "$BIN/pyside6-lupdate" -no-obsolete -locations none $(find app/ui/org -name '*.py' | sort) app/ui/workspace.py \
        forms/org_*.ui -ts "$TS"
fi
"$BIN/pyside6-lrelease" -removeidentical "$TS" -qm "$QM"
