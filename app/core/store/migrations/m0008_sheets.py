"""Spreadsheet export and import (issue 9): exports, remembered column mappings, import batches.

- sheet_exports: every exported workbook (kind, inspection, classification, copy number, rows). A
  ledger carries its export id in a hidden sheet, so a filled-in ledger coming back is tied to it.
- sheet_mappings: the columns a user mapped once for a unit list or a team list, keyed by the
  fingerprint of the sheet's header row, so the same layout is recognised next time.
- sheet_imports / sheet_import_items: one row per applied import (file hash, counts) and one per
  record it created or changed, so every change can be traced back to the file it came from.
- sheet_remarks: the 备注 column of the rectification ledger, per ledger row key.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 8


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE sheet_exports (
            {RECORD_COLUMNS},
            kind TEXT NOT NULL,
            inspection_id TEXT REFERENCES inspections(id),
            classification TEXT NOT NULL,
            copy_number INTEGER,
            row_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sheet_exports_inspection ON sheet_exports(inspection_id, kind);

        CREATE TABLE sheet_mappings (
            {RECORD_COLUMNS},
            kind TEXT NOT NULL,              -- unit_list | team_list
            signature TEXT NOT NULL,         -- sha256 of the normalised header row
            headers TEXT NOT NULL,           -- JSON list of the header texts, for display
            mapping TEXT NOT NULL,           -- JSON {{field: column index}}
            UNIQUE (kind, signature)
        );

        CREATE TABLE sheet_imports (
            {RECORD_COLUMNS},
            kind TEXT NOT NULL,              -- rectification_ledger | unit_list | team_list
            file_sha256 TEXT NOT NULL,
            file_name TEXT NOT NULL DEFAULT '',
            inspection_id TEXT REFERENCES inspections(id),
            round_id TEXT REFERENCES rounds(id),
            export_id TEXT REFERENCES sheet_exports(id),
            changes INTEGER NOT NULL DEFAULT 0,
            refusals INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sheet_imports_inspection ON sheet_imports(inspection_id, created_at);

        CREATE TABLE sheet_import_items (
            {RECORD_COLUMNS},
            import_id TEXT NOT NULL REFERENCES sheet_imports(id),
            action TEXT NOT NULL,            -- progress | completion | remark | unit | person | team | member ...
            object_type TEXT NOT NULL,
            object_id TEXT NOT NULL,
            sheet TEXT NOT NULL,
            row_number INTEGER NOT NULL
        );
        CREATE INDEX sheet_import_items_import ON sheet_import_items(import_id);

        CREATE TABLE sheet_remarks (
            {RECORD_COLUMNS},
            row_key TEXT NOT NULL UNIQUE,    -- 'm' + measure id, or 'r' + rectification id
            remark TEXT NOT NULL DEFAULT ''
        );
        """,
    )
