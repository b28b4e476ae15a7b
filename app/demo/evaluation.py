"""Demo data of the evaluation module (issue 21): the office installs the template library; the
leader of round 1's first inspection takes a copy of the 领导干部 evaluation (its people from the
unit's leadership list), holds a round at the 动员会, prints 30 numbered forms and registers 26
returned, and a member types 26 of them (a few with a written opinion) — so the round's report,
comparison and Excel tally have figures."""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.core.domain.evaluation import entry, forms_print, library, surveys

ADVICE = ("希望进一步改进作风，多深入基层。", "建议加强班子内部沟通。", "抓落实的力度还要加大。")


@dataclass
class DemoEvaluation:
    inspection_id: str
    survey_id: str
    round_id: str
    forms: int


def _answers(form, rng: random.Random) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in form.choice_items():
        keys = [o.key for o in item.options]
        if rng.random() < 0.97:  # a few left blank, as on real forms
            # mostly 好 and 较好, some 一般, rarely 差
            weights = [55, 30, 12, 3] if len(keys) == 4 else None
            out[item.key] = rng.choices(keys, weights=weights)[0]
    if rng.random() < 0.25:
        out["advice"] = rng.choice(ADVICE)
    return out


def populate_evaluation(ctx) -> DemoEvaluation:
    from app.demo.register import _phase_dates, _team_people

    org = ctx.data["org"]
    office = ctx.session("office")
    library.install_builtins(office)
    inspection_id = next(iid for (n, _unit), iid in org.inspection_ids.items() if n == 1)
    leader_name, member_name = _team_people(office.conn, inspection_id)
    leader, member = ctx.session(leader_name), ctx.session(member_name)
    template = next(t for t in library.list_templates(leader) if t.builtin == "leadership_people")
    survey = surveys.take_copy(leader, inspection_id, template.id)
    began = _phase_dates(office.conn, inspection_id)
    held_on = min(began.values()).isoformat() if began else None
    rnd = surveys.add_round(leader, survey.id, "动员会", held_on)
    _pdf, serials = forms_print.print_forms(leader, rnd.id, 30)
    rng = random.Random(21)
    returned = serials[:26]
    surveys.set_returned(leader, rnd.id, len(returned))
    for serial in returned:
        entry.enter_sheet(member, rnd.id, serial, _answers(survey.form, rng))
    return DemoEvaluation(inspection_id, survey.id, rnd.id, len(returned))
