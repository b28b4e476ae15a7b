"""The demo evaluation (issue 21): a 领导干部 round of round 1's first inspection with typed forms,
whose results have figures (shown: more forms than the minimum) and a written opinion or two."""

from __future__ import annotations

from types import SimpleNamespace

from app.core.domain.evaluation import outputs, scoring
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from app.demo import org as demo_org
from app.demo.evaluation import populate_evaluation


def test_demo_evaluation_round_has_figures(login, monkeypatch):
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    office = login("office")
    org = demo_org.populate_organisation(office, login("sysadmin"))
    made = populate_evaluation(SimpleNamespace(session=login, data={"org": org}))
    assert made.inspection_id in {iid for (n, _), iid in org.inspection_ids.items() if n == 1}
    survey, rnd, results = scoring.round_results(office, made.round_id)
    assert (rnd.printed, rnd.returned, results.forms) == (30, 26, 26) and results.shown
    scores = [s.score for g in results.grids for s in g.subjects]
    assert scores and all(s is not None and 0 < s <= 100 for s in scores)
    assert any(t.texts for t in results.texts)
    report, _ = outputs.print_report(office, made.round_id)
    assert report.startswith(b"%PDF")
