"""The inspection's archive (立卷归档, issue 23).

- `archives`: one per inspection: the parts of the archive number (全宗号, 机构代码), the year, who
  filed it (立卷人) and who checked it (检查人), and its state: open (items proposed and numbered) or
  closed (封存: the inspection's records are read-only from then on).
- `archive_items`: the items (件) filed, one per record: its class (WS 文书档案 / YW 业务档案), retention
  period (Y 永久, D30 30年, D10 10年), item number within (class, year, retention), archive number
  (档号), the catalogue's fields, the page count and the SHA-256 of its archived PDF.
- `archive_addenda`: once closed, a correction is never made in the records: it is a dated addendum
  (补充说明) to the archive or to one item, listed with the archive, never changed or removed.
- `archive_retention`: the retention period per kind of record, when the office changed the default.
- Triggers: once an inspection's archive is closed, its talks, meetings, issues and unit reports
  cannot be changed or removed, whatever path a write takes.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 21

_LOCKED = ("talks", "meetings", "issues", "unit_reports", "talk_plan_lines", "request_items")


def upgrade(conn) -> None:
    triggers = "\n".join(
        f"""
        CREATE TRIGGER IF NOT EXISTS {t}_archived_update BEFORE UPDATE ON {t}
            WHEN EXISTS (SELECT 1 FROM archives a WHERE a.inspection_id = OLD.inspection_id AND a.status = 'closed')
            BEGIN SELECT RAISE(ABORT, '该巡察已立卷归档，档案内的记录为只读'); END;
        CREATE TRIGGER IF NOT EXISTS {t}_archived_delete BEFORE DELETE ON {t}
            WHEN EXISTS (SELECT 1 FROM archives a WHERE a.inspection_id = OLD.inspection_id AND a.status = 'closed')
            BEGIN SELECT RAISE(ABORT, '该巡察已立卷归档，档案内的记录为只读'); END;
        """
        for t in _LOCKED
    )
    run_script(
        conn,
        f"""
        CREATE TABLE IF NOT EXISTS archives (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL UNIQUE REFERENCES inspections(id),
            year INTEGER NOT NULL,
            fonds_no TEXT NOT NULL,
            org_code TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            opened_on TEXT NOT NULL,
            closed_on TEXT,
            filer TEXT NOT NULL DEFAULT '',
            checker TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE IF NOT EXISTS archive_items (
            {RECORD_COLUMNS},
            archive_id TEXT NOT NULL REFERENCES archives(id),
            ordinal INTEGER NOT NULL,
            record_type TEXT NOT NULL,
            record_id TEXT NOT NULL,
            category TEXT NOT NULL CHECK (category IN ('WS', 'YW')),
            retention TEXT NOT NULL CHECK (retention IN ('Y', 'D30', 'D10')),
            item_no INTEGER NOT NULL CHECK (item_no >= 1),
            archive_no TEXT NOT NULL,
            doc_no TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            dated TEXT NOT NULL DEFAULT '',
            classification TEXT NOT NULL DEFAULT '内部',
            pages INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL DEFAULT '',
            sm3 TEXT NOT NULL DEFAULT '',
            pdf BLOB,  -- the archived copy, fixed when numbered
            UNIQUE (archive_id, ordinal),
            UNIQUE (archive_id, archive_no),
            UNIQUE (archive_id, record_type, record_id)
        );
        CREATE INDEX IF NOT EXISTS archive_items_record ON archive_items(record_id);

        CREATE TABLE IF NOT EXISTS archive_addenda (
            {RECORD_COLUMNS},
            archive_id TEXT NOT NULL REFERENCES archives(id),
            item_id TEXT REFERENCES archive_items(id),
            added_on TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS archive_addenda_archive ON archive_addenda(archive_id, added_on);
        CREATE TRIGGER IF NOT EXISTS archive_addenda_kept BEFORE UPDATE ON archive_addenda
            BEGIN SELECT RAISE(ABORT, '补充说明登记后不能更改'); END;
        CREATE TRIGGER IF NOT EXISTS archive_addenda_not_removed BEFORE DELETE ON archive_addenda
            BEGIN SELECT RAISE(ABORT, '补充说明登记后不能删除'); END;

        CREATE TABLE IF NOT EXISTS archive_retention (
            kind TEXT PRIMARY KEY,
            retention TEXT NOT NULL CHECK (retention IN ('Y', 'D30', 'D10'))
        );

        CREATE TRIGGER IF NOT EXISTS archive_items_closed_update BEFORE UPDATE ON archive_items
            WHEN EXISTS (SELECT 1 FROM archives a WHERE a.id = OLD.archive_id AND a.status = 'closed')
            BEGIN SELECT RAISE(ABORT, '档案已封存，归档文件不能更改'); END;
        CREATE TRIGGER IF NOT EXISTS archive_items_closed_delete BEFORE DELETE ON archive_items
            WHEN EXISTS (SELECT 1 FROM archives a WHERE a.id = OLD.archive_id AND a.status = 'closed')
            BEGIN SELECT RAISE(ABORT, '档案已封存，归档文件不能更改'); END;
        CREATE TRIGGER IF NOT EXISTS archives_closed_kept BEFORE UPDATE ON archives WHEN OLD.status = 'closed'
            BEGIN SELECT RAISE(ABORT, '档案已封存，不能更改'); END;
        {triggers}
        """,
    )
