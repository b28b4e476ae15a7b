#!/bin/sh
# Rebuild the compiled translation (resources/translations/xuncha_zh_CN.qm) from its .ts source.
#   scripts/build_translations.sh            compile the .ts into the .qm
#   scripts/build_translations.sh --update   first collect new strings from app/ui and forms into the .ts
# New strings arrive untranslated ("unfinished"); tests/ui/test_translations.py fails until they are done.
set -eu
cd "$(dirname "$0")/.."
BIN="${VENV_BIN:-.venv/bin}"
TS=resources/translations/xuncha_zh_CN.ts
QM=resources/translations/xuncha_zh_CN.qm
if [ "${1:-}" = "--update" ]; then
    # shellcheck disable=SC2046
    "$BIN/pyside6-lupdate" -no-obsolete -locations none $(find app/ui -name '*.py' | sort) forms/*.ui -ts "$TS"
fi
"$BIN/pyside6-lrelease" -removeidentical "$TS" -qm "$QM"
