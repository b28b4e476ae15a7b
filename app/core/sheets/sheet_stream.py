"""The cell values of a large worksheet, read straight from its XML without building an element per cell.

openpyxl's read-only mode parses a sheet twice (once for its size when the dimension is missing,
once for the rows) and builds an element and a dict for every cell through defusedxml's pure-Python
tree builder: a 100k-row ledger took about 15 s to preview. Here the cell data is read by one regular
expression run over the UTF-8 bytes (twice as fast as over the decoded text, whose slices Python must
scan to size), a tuple per tag built in C, and each value is converted with openpyxl's own helpers
(number casting, dates by the workbook's date styles and epoch, shared strings as openpyxl read
them), giving the same rows as ReadOnlyWorksheet.iter_rows(max_col=…, values_only=True).

Only the form every writer we know uses is read this way (openpyxl, Excel, WPS, our exports):
unprefixed tags, cell attributes in the order r, s, t, a cell holding one <v> or one plain inline
string. Every "<" of the cell data must belong to a tag so matched, every "&" must start an entity
XML knows, and no character XML forbids may occur; anything else (a formula, rich text, a comment,
another order) makes `sheet_rows` return None and the caller reads the sheet with openpyxl. Around
the cell data the XML must be well-formed (expat, C speed); the sheet's settings there — data
validations, margins, views, which the import never uses — are not read. The XML has already been
checked for DTDs and entity declarations (reader.check_container). The whole cell data is decoded
once to check it is UTF-8 and free of what XML forbids; each value's text is then decoded alone.
"""

from __future__ import annotations

import re
import warnings
from xml.parsers import expat

from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._reader import _cast_number

_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]*\d*:?[A-Z]*(\d+)"')
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# One tuple per tag: 0 row number, 1 "/" of an empty row, 2 a row's end, 3 column letters, 4 style,
# 5 type, 6 "/" of an empty cell, 7 "<v>" when there is one, 8 its text, 9 "<is>" when there is one,
# 10 its text.
_TAG = re.compile(
    rb'<(?:row r="(\d+)"(?:\s+[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?="[^"<&]*")*\s*(/)?>|(/row>)'
    rb'|c r="([A-Z]{1,3})\d+"(?: s="(\d*)")?(?: t="(\w+)")?\s*'
    rb'(?:(/)>|>(?:(<v>)([^<]*)</v>|(<is>)<t(?: xml:space="preserve")?>([^<]*)</t></is>)?</c>))'
)
CHUNK = 1 << 22  # bytes of cell data per findall: the tuples of one chunk at a time
_INLINE = b"inlineStr"
_KINDS = {b"": "n", b"n": "n", b"s": "s", b"b": "b", b"d": "d", b"str": "str", b"e": "e"}


class _NotPlain(Exception):
    """The sheet uses something outside the form read here: let openpyxl read it."""


def declared_rows(xml: bytes) -> int | None:
    """The last row the sheet's <dimension> declares, if it has one before its data."""
    at = xml.find(b"<sheetData")
    m = _DIMENSION.search(xml, 0, at if at != -1 else 4096)
    return int(m.group(1)) if m and m.group(1) else None


def sheet_rows(
    xml: bytes, shared_strings, date_styles, timedelta_styles, epoch, max_cols: int, max_rows: int
) -> list[tuple] | None:
    """The rows as iter_rows(max_col=max_cols, values_only=True) would give them, or None (see above).

    At most max_rows + 1 rows are returned, so the caller can tell that the sheet is over its limit.
    Malformed XML raises (expat's or openpyxl's error), as openpyxl would.
    """
    try:
        start, end = _sheet_data(xml)
        _well_formed(xml[:start] + b"<sheetData/>" + xml[end:])
        head_end = xml.index(b">", start) + 1
        data = b"" if xml[head_end - 2 : head_end] == b"/>" else xml[head_end : end - 12]
        _check_text(data.decode("utf-8"))
        return _rows(data, shared_strings, date_styles, timedelta_styles, epoch, max_cols, max_rows)
    except _NotPlain:
        return None


def _sheet_data(xml: bytes) -> tuple[int, int]:
    """Where the one unprefixed <sheetData> element starts and ends."""
    if xml.count(b"<sheetData") != 1 or xml.count(b"</sheetData") > 1:
        raise _NotPlain("no single unprefixed sheetData")
    start = xml.find(b"<sheetData")
    if xml[start + 10 : start + 11] not in (b">", b"/", b" "):
        raise _NotPlain("sheetData")
    close = xml.find(b"</sheetData>")
    if close == -1:
        return start, xml.index(b">", start) + 1  # <sheetData/>
    return start, close + len(b"</sheetData>")


def _well_formed(xml: bytes) -> None:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args):
        raise ValueError("declarations are not allowed in a worksheet")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.Parse(xml, True)


def _check_text(text: str) -> None:
    """Only characters and entities XML allows (the text itself is dropped: values are decoded alone)."""
    if _FORBIDDEN.search(text) or ("&" in text and "&" in _ENTITY.sub("", text)):
        raise _NotPlain("a character or entity XML does not allow")


def _rows(
    data: bytes, shared_strings, date_styles, timedelta_styles, epoch, max_cols, max_rows
) -> list[tuple]:
    columns: dict[bytes, int] = {}
    empty = (None,) * max_cols
    rows: list[tuple] = []
    counter = 1  # the next row number iter_rows would give
    values: list | None = None  # the open row's values; None between rows and in a skipped row
    in_row = False
    tags = 0  # the "<" the matched tags hold
    start = 0
    while start < len(data):
        end = data.find(b"</row>", start + CHUNK)
        end = len(data) if end == -1 else end + len(b"</row>")
        for number, slash, row_end, letters, style, kind, shut, v_tag, v, is_tag, text in _TAG.findall(
            data, start, end
        ):
            if letters:
                if not in_row:
                    raise _NotPlain("a cell outside a row")
                tags += 1 if shut else 6 if is_tag else 4 if v_tag else 2
                if values is None or shut:
                    continue
                col = columns.get(letters) or columns.setdefault(
                    letters, column_index_from_string(letters.decode("ascii"))
                )
                if col > max_cols:
                    continue
                if is_tag:
                    if kind == _INLINE:  # (openpyxl reads an inline string only in such a cell)
                        text = text.decode("utf-8")
                        values[col - 1] = _unescape(text) if "&" in text or "\r" in text else text
                elif v and kind != _INLINE:
                    values[col - 1] = _convert(
                        _unescape(v.decode("utf-8")),
                        style,
                        _KINDS.get(kind) or kind.decode("ascii"),
                        shared_strings,
                        date_styles,
                        timedelta_styles,
                        epoch,
                    )
            elif number:
                if in_row:
                    raise _NotPlain("a row inside a row")
                tags += 1
                idx = int(number)
                if counter < idx:  # rows the file leaves out are empty rows
                    rows.extend([empty] * min(idx - counter, max_rows + 1))
                    counter = idx
                values = [None] * max_cols if counter <= idx else None  # a row number passed: skipped
                if slash:
                    if values is not None:
                        rows.append(empty)
                        counter += 1
                    values = None
                else:
                    in_row = True
            elif row_end:
                if not in_row:
                    raise _NotPlain("a row's end outside a row")
                tags += 1
                if values is not None:
                    rows.append(tuple(values))
                    counter += 1
                in_row, values = False, None
            if len(rows) > max_rows:
                return rows
        start = end
    if in_row or tags != data.count(b"<"):
        raise _NotPlain("tags outside the form read here")
    return rows


def _unescape(text: str) -> str:
    if "\r" in text:  # what an XML parser does with line ends in text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ENTITY.sub(_entity, text) if "&" in text else text


def _entity(m: re.Match) -> str:
    if m.group(1):
        return _NAMED[m.group(1)]
    code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
    if code == 0 or code > 0x10FFFF or _FORBIDDEN.match(chr(code)):
        raise _NotPlain("a character reference XML does not allow")
    return chr(code)


def _convert(value: str, style, kind: str, shared_strings, date_styles, timedelta_styles, epoch):
    """A <v>'s text as openpyxl's WorkSheetParser.parse_cell converts it for the cell's type and style."""
    if kind == "n":
        style_id = int(style) if style else 0
        number = _cast_number(value)
        if style_id in date_styles:
            try:
                return from_excel(number, epoch, timedelta=style_id in timedelta_styles)
            except (OverflowError, ValueError):
                warnings.warn("date outside the limits", stacklevel=2)
                return "#VALUE!"
        return number
    if kind == "s":
        return shared_strings[int(value)]
    if kind == "b":
        return bool(int(value))
    if kind == "d":
        return from_ISO8601(value)
    return value  # str, e (an error code, as text)
