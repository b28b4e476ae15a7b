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
