from datetime import date, timedelta

from app.core.security.audit_view import count_entries, list_entries


def test_date_filter_uses_the_local_calendar_day(login):
    auditor = login("auditor")
    today = date.today().isoformat()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    total = count_entries(auditor)
    assert count_entries(auditor, since=today, until=today) == total
    assert count_entries(auditor, since=tomorrow) == 0
    assert count_entries(auditor, until=yesterday) == 0


def test_filters_by_user_action_and_text(login):
    login("office").close()
    auditor = login("auditor")
    entries = list_entries(auditor, username="office", newest_first=False)
    assert [e.action for e in entries][-2:] == ["login", "logout"]
    assert count_entries(auditor, action="account_create", text="leader1") == 1


def test_the_first_page_scans_the_trail_once_and_counts_what_it_saw(login):
    """Issue 17 (list speed): a text filter is a scan of the whole trail; the audit window's first
    page no longer counts at all when the page holds every match, and when it is full the count is a
    job of its own that counts only what existed when the page was read (the look's own trace is
    newer), so paging on continues exactly."""
    from app.ui import audit_model

    office = login("office")
    for k in range(audit_model.PAGE + 5):
        office.audit("talk_view", "talk", f"t{k}", f"第{k}号")
    office.close()
    auditor = login("auditor")
    statements: list[str] = []
    auditor.conn.set_trace_callback(statements.append)
    total, entries, _ = audit_model._first_page(auditor, {"text": "第7号"})
    assert total == len(entries) == 1
    assert not [s for s in statements if "count(*)" in s]  # the page was every match: no count
    before = count_entries(auditor, action="talk_view")
    statements.clear()
    total, entries, _ = audit_model._first_page(auditor, {"action": "talk_view", "text": "号"})
    assert total is None and len(entries) == audit_model.PAGE  # full, under a text filter: it follows
    assert not [s for s in statements if "count(*)" in s]
    auditor.audit("talk_view", "talk", "later", "在第一页之后写入的号")  # newer than the page
    total = audit_model._count(auditor, {"action": "talk_view", "text": "号"}, entries[0].seq)
    assert total == before == audit_model.PAGE + 5
    # Without a text filter the count is an index look: in the same job, already exact.
    inline, _, _ = audit_model._first_page(auditor, {"action": "talk_view"})
    assert inline == before + 1  # the entry written above is now part of the trail
    # The next page starts right after the first, although newer entries were written since.
    more, _ = audit_model._page(auditor, {"action": "talk_view", "text": "号"}, len(entries), total)
    assert [e.seq for e in more] == sorted((e.seq for e in more), reverse=True)
    assert more[0].seq == entries[-1].seq - 1 and len(more) == 5
