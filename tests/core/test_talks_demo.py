"""The demo talks: about 60 across the demo inspections, every status, realistic and searchable."""

from __future__ import annotations

from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import search as talk_search
from app.core.domain.talks.types import IntervieweeCategory, TalkStatus
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from app.demo import org as demo_org
from app.demo.talks import populate_talks


def test_demo_talks(login, monkeypatch):
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    office = login("office")
    org = demo_org.populate_organisation(office, login("sysadmin"))
    made = populate_talks(login, org)
    assert 55 <= len(made.talk_ids) <= 65
    everything = talk_queries.list_talks(office)
    assert len(everything) == len(made.talk_ids)
    assert {t.status for t in everything} == set(TalkStatus)
    assert len({t.inspection_id for t in everything}) >= 10
    assert {t.interviewee_category for t in everything} == set(IntervieweeCategory)
    signed = [t for t in everything if t.status is TalkStatus.SIGNED]
    opened = [talk_queries.get_talk(office, t.id) for t in signed]
    assert any(t.addenda for t in opened) and any(t.has_scan for t in opened)
    assert all(len(t.interviewers) >= 2 for t in opened)
    # Realistic content that the search finds, two and three+ characters.
    assert talk_search.search_talks(office, "公务接待")
    assert talk_search.search_talks(office, "低保")
    # leader1 sees only round 2's 第一巡察组 talks; leader4 only their own team's.
    mine = talk_queries.list_talks(login("leader1"))
    assert mine and {t.inspection_id for t in mine} <= {
        org.inspection_ids[key] for key in org.inspection_ids if key[0] == 2
    }
    theirs = {t.id for t in talk_queries.list_talks(login("leader4"))}
    assert theirs and not theirs & {t.id for t in mine}
