"""The demo visits, spot checks and fixes on the spot: for every inspection on site or later, two
visits with a photo, a spot check by the leader (sealed, one in two with a discrepancy) and an issue
fixed on the spot with its proof, counted apart in the figures."""

from __future__ import annotations

from types import SimpleNamespace

from app.core.domain.register import figures, immediate_fix
from app.core.domain.spot_checks import records as spot_checks
from app.core.domain.visits import records as visits
from app.core.imports import FileKind
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from app.demo import org as demo_org
from app.demo.visits import populate_visits


def test_demo_visits_spot_checks_and_fixes(login, monkeypatch):
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    office = login("office")
    org = demo_org.populate_organisation(office, login("sysadmin"))
    made = populate_visits(SimpleNamespace(session=login, data={"org": org}))
    on_site = office.conn.execute(
        "SELECT count(DISTINCT inspection_id) FROM inspection_phases WHERE phase = 'on_site'"
    ).fetchone()[0]
    assert on_site and len(made.visit_ids) == 2 * on_site and len(made.fixed_issue_ids) == on_site
    listed = visits.list_visits(office)
    assert {v.kind.value for v in listed} == {"subordinate", "household"}
    photos = [a for v in listed for a in v.attachments if a.filename.endswith(".png")]
    assert len(photos) == on_site
    kinds = office.conn.execute("SELECT DISTINCT kind FROM attachments WHERE owner_type = 'visit'").fetchall()
    assert {r["kind"] for r in kinds} == {FileKind.PNG.value, FileKind.TEXT.value}
    checks = spot_checks.list_spot_checks(office)
    assert len(checks) == len(made.spot_check_ids) and any(c.found for c in checks)
    assert not any(c.locked for c in checks)
    fig = figures.compute(office)
    assert fig.immediate_fixes == fig.immediate_fixes_done == on_site
    first = made.fixed_issue_ids[0]
    assert immediate_fix.get_fix(office, first).proof[0].filename == "清理后的消防通道.png"
