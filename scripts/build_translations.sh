#!/bin/sh
# Rebuild the compiled translations (resources/translations/*_zh_CN.qm) from their .ts sources.
#   scripts/build_translations.sh            compile every .ts into its .qm
#   scripts/build_translations.sh --update   first collect new strings from the code into the .ts files
# Catalogues: xuncha_zh_CN.ts is the shell (app/ui/*.py, app/ui/admin, the shell's forms);
# AREA_zh_CN.ts belongs to the package app/ui/AREA and the forms forms/AREA_*.ui.
# New strings arrive untranslated ("unfinished"); tests/ui/test_translations.py fails until they are done.
set -eu
cd "$(dirname "$0")/.."
BIN="${VENV_BIN:-.venv/bin}"
DIR=resources/translations

if [ "${1:-}" = "--update" ]; then
    # shellcheck disable=SC2046
    "$BIN/pyside6-lupdate" -no-obsolete -locations none \
        $(find app/ui -maxdepth 1 -name '*.py' | sort) $(find app/ui/admin -name '*.py' | sort) \
        forms/unlock.ui forms/recovery.ui forms/main_window.ui forms/change_password.ui forms/audit_window.ui \
        -ts "$DIR/xuncha_zh_CN.ts"
    for ts in "$DIR"/*_zh_CN.ts; do
        area="$(basename "$ts" _zh_CN.ts)"
        [ "$area" = xuncha ] && continue
        [ -d "app/ui/$area" ] || continue
        # shellcheck disable=SC2046
        "$BIN/pyside6-lupdate" -no-obsolete -locations none $(find "app/ui/$area" -name '*.py' | sort) \
            $(ls forms/"$area"_*.ui 2>/dev/null) -ts "$ts"
    done
fi
for ts in "$DIR"/*_zh_CN.ts; do
    "$BIN/pyside6-lrelease" -silent -removeidentical "$ts" -qm "${ts%.ts}.qm"
done
