"""Search folding (issue 16): every text index holds the folded text of app.core.store.text_fold.

Traditional characters as simplified (OpenCC's data), lower case, pinyin glosses dropped, so that a
search for 问题 finds 問題 and 經(jīng)濟 is found as 经济. The register's triggers (m0009) now fold the
trigram body with the SQL function search_fold (bigram_words folds by itself); the three pairs of
indexes — issues, talks, review material/notes/excerpts — are rebuilt from their source texts.
"""

from app.core.domain.review.search import rebuild as rebuild_review
from app.core.domain.talks.index import rebuild as rebuild_talks
from app.core.store.migrations.common import run_script

# Once m0010–m0012 of the same wave have landed this is 13, its place in MIGRATIONS.
VERSION = 11

BODY = "{t}.title || char(10) || coalesce({t}.number, '')"  # as m0009: title and number, one per line


def upgrade(conn) -> None:
    new = BODY.format(t="new")
    every = BODY.format(t="i")
    run_script(
        conn,
        f"""
        DROP TRIGGER issues_text_insert;
        DROP TRIGGER issues_text_update;
        CREATE TRIGGER issues_text_insert AFTER INSERT ON issues BEGIN
            INSERT INTO issue_trigram (rowid, body) VALUES (new.rowid, search_fold({new}));
            INSERT INTO issue_bigram (rowid, body) VALUES (new.rowid, bigram_words({new}));
        END;
        CREATE TRIGGER issues_text_update AFTER UPDATE OF title, number ON issues
        WHEN old.title IS NOT new.title OR old.number IS NOT new.number BEGIN
            DELETE FROM issue_trigram WHERE rowid = old.rowid;
            DELETE FROM issue_bigram WHERE rowid = old.rowid;
            INSERT INTO issue_trigram (rowid, body) VALUES (new.rowid, search_fold({new}));
            INSERT INTO issue_bigram (rowid, body) VALUES (new.rowid, bigram_words({new}));
        END;
        DELETE FROM issue_trigram;
        DELETE FROM issue_bigram;
        INSERT INTO issue_trigram (rowid, body) SELECT i.rowid, search_fold({every}) FROM issues i;
        INSERT INTO issue_bigram (rowid, body) SELECT i.rowid, bigram_words({every}) FROM issues i;
        """,
    )
    rebuild_talks(conn)
    rebuild_review(conn)
