"""The issue register at 100k issues (issue 7): indexes for a team's view and the text search.

- A team member sees only their team's inspections, so their grouped sorts (status, seriousness,
  category) read their inspections' rows first: these indexes lead with inspection_id and end in the
  number order, so a group's page is a few index ranges, not a walk of the whole group.
- The register's text search (title or number) goes through two contentless FTS5 indexes, as the
  document search does (m0005): `issue_trigram` (any substring of 3+ characters) and `issue_bigram`
  (every pair of adjacent letters/digits as a word, made by the SQL function bigram_words that
  every connection registers, for 2-character terms). Triggers keep them in step with every write
  to issues, so no code path (the sheets import, the demo, a bulk fill) can forget them.
- Their row id is the issue's rowid: a lookup by rowid is what makes a count of thousands of hits
  cheap (a uuid key costs three b-tree probes per hit instead of one). That rowid is stable here:
  backups are page copies and nothing VACUUMs; should that change, run REBUILD_TEXT afterwards.
- issues_title_number covers the one-character search, which no index can answer: scanning this
  narrow index reads a fraction of the table's pages.
- Signed issues are those whose number_sort does not start with '~' (issues.UNSIGNED_SORT_PREFIX),
  so "signed + seriousness" is a range of issues_seriousness; nothing new is needed there.
"""

from app.core.store.migrations.common import run_script

VERSION = 9

# Title and number joined by a line break, which a search term (one line) cannot contain: a match
# is a substring of the title or of the number, never of both run together.
BODY = "{t}.title || char(10) || coalesce({t}.number, '')"

REBUILD_TEXT = f"""
DELETE FROM issue_trigram;
DELETE FROM issue_bigram;
INSERT INTO issue_trigram (rowid, body) SELECT i.rowid, {BODY.format(t="i")} FROM issues i;
INSERT INTO issue_bigram (rowid, body) SELECT i.rowid, bigram_words({BODY.format(t="i")}) FROM issues i;
"""


def upgrade(conn) -> None:
    new = BODY.format(t="new")
    run_script(
        conn,
        f"""
        CREATE INDEX issues_inspection_status ON issues(inspection_id, status, number_sort, id);
        CREATE INDEX issues_inspection_seriousness ON issues(inspection_id, seriousness, number_sort, id);
        CREATE INDEX issues_inspection_category ON issues(inspection_id, category_id, number_sort, id);
        CREATE INDEX issues_title_number ON issues(title, number);

        CREATE VIRTUAL TABLE issue_trigram USING fts5(
            body, content='', contentless_delete=1, tokenize='trigram'
        );
        CREATE VIRTUAL TABLE issue_bigram USING fts5(
            body, content='', contentless_delete=1, tokenize='unicode61'
        );

        CREATE TRIGGER issues_text_insert AFTER INSERT ON issues BEGIN
            INSERT INTO issue_trigram (rowid, body) VALUES (new.rowid, {new});
            INSERT INTO issue_bigram (rowid, body) VALUES (new.rowid, bigram_words({new}));
        END;
        CREATE TRIGGER issues_text_update AFTER UPDATE OF title, number ON issues
        WHEN old.title IS NOT new.title OR old.number IS NOT new.number BEGIN
            DELETE FROM issue_trigram WHERE rowid = old.rowid;
            DELETE FROM issue_bigram WHERE rowid = old.rowid;
            INSERT INTO issue_trigram (rowid, body) VALUES (new.rowid, {new});
            INSERT INTO issue_bigram (rowid, body) VALUES (new.rowid, bigram_words({new}));
        END;
        CREATE TRIGGER issues_text_delete AFTER DELETE ON issues BEGIN
            DELETE FROM issue_trigram WHERE rowid = old.rowid;
            DELETE FROM issue_bigram WHERE rowid = old.rowid;
        END;
        {REBUILD_TEXT}
        """,
    )
