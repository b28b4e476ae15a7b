"""Excel ledgers (issue 9): formatted exports with openpyxl, and checked imports of filled-in sheets.

openpyxl parses with defusedxml (no entity expansion, no external entities) whenever defusedxml is
installed; we refuse to load at all otherwise rather than ever parse a hostile workbook with the
plain XML parser.
"""

import openpyxl

if openpyxl.DEFUSEDXML is not True:  # not an `assert`: it must hold under python -O too
    raise ImportError("openpyxl must parse with defusedxml: install defusedxml")
