"""立卷归档 of an inspection's evaluation rounds: proposed once held, filed once every form is counted."""

from __future__ import annotations

import random

from app.core.domain.archive import filing, proposal
from tests.core.eval_support import evaluation_fixture, issue  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_evaluation_results import _fill_round


def _round_candidate(leader, world, rnd):
    found = proposal.propose(leader, world.insp_a.id)
    return next((c for c in found.candidates if c.record_id == rnd.id), None)


def test_an_evaluation_round_is_filed_with_its_report(evaluation):
    world, leader, survey, rnd = evaluation
    assert _round_candidate(leader, world, rnd) is None  # not held: nothing to file
    issue(leader, rnd.id, 6)
    waiting = _round_candidate(leader, world, rnd)
    assert waiting is not None and not waiting.ready and "未录入" in waiting.problem
    _fill_round(leader, rnd, survey.form, 6, random.Random(3))
    ready = _round_candidate(leader, world, rnd)
    assert ready.ready and ready.retention.label == "10年" and ready.category.value == "YW"
    archive = filing.open_archive(leader, world.insp_a.id, fonds_no="X1", org_code="XCB", filer="组长")
    items = [i for i in filing.list_items(leader, archive.id) if i.record_type == "evaluation_report"]
    assert len(items) == 1 and items[0].pages >= 1 and "结果报告" in items[0].title
