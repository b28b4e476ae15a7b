"""Wipe: only after the office's receipt; the key slots go first; a certificate to print."""

from __future__ import annotations

import pytest

from app.core.exchange import hand_in, merge, receipt, review, wipe
from app.core.exchange.errors import ExchangeError
from app.core.printing.wipe_certificate import wipe_certificate_pdf
from tests.conftest import save_artifact
from tests.core import print_helpers as pdf
from tests.core.org_support import world_fixture  # noqa: F401
from tests.exchange.support import configure, signed_talk


def test_wipe_waits_for_the_receipt_then_destroys_everything(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    signed_talk(world, member, world.insp_a.id)
    with pytest.raises(ExchangeError, match="尚未确认合并"):
        wipe.wipe(leader)
    pkg = hand_in.hand_in(leader, tmp_path / "h1.xpk", medium_no="U盘-1", confirm=review.review(leader).token)
    with pytest.raises(ExchangeError, match="尚未确认合并"):
        wipe.wipe(leader)
    result = merge.merge(world.office, pkg.path, medium_no="U盘-1")
    receipt.write_receipt(world.office, result.register_id, tmp_path / "r1.xpk", medium_no="U盘-1")
    receipt.acknowledge(leader, tmp_path / "r1.xpk", medium_no="U盘-1")
    backup = tmp_path / "team_a_backup.xcbak"
    backup.write_bytes(b"encrypted backup bytes" * 100)
    member.close()

    cert = wipe.wipe(leader, backups=[backup])
    assert leader.closed
    assert list(team.folder.iterdir()) == [] and not backup.exists()
    names = [f.name for f in cert.files]
    assert names[0] == "keyslots.json"  # the key first
    assert {"audit.head", "workbench.db"} <= set(names) and names[-1].startswith("备份")
    assert all(len(f.sha256) == 64 for f in cert.files)
    assert cert.operator == "刘组长（leader1）" and cert.acknowledged_seq == 1 and cert.records == 1
    document = wipe_certificate_pdf(cert)
    save_artifact("wipe_certificate.pdf", document)
    text = pdf.squash(pdf.text(document))
    assert "巡察组工作站清理证明" in text and "keyslots.json" in text and cert.digest[:16] in text
    assert all(embedded for _, embedded in pdf.fonts(document))


def test_wipe_refuses_while_changes_wait(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    signed_talk(world, member, world.insp_a.id)
    pkg = hand_in.hand_in(leader, tmp_path / "h1.xpk", medium_no="U盘-1", confirm=review.review(leader).token)
    result = merge.merge(world.office, pkg.path, medium_no="U盘-1")
    receipt.write_receipt(world.office, result.register_id, tmp_path / "r1.xpk", medium_no="U盘-1")
    receipt.acknowledge(leader, tmp_path / "r1.xpk", medium_no="U盘-1")
    signed_talk(world, member, world.insp_a.id, interviewee_name="回执之后")
    with pytest.raises(ExchangeError, match="尚未移交"):
        wipe.wipe(leader)
    assert (team.folder / "workbench.db").exists() and (team.folder / "keyslots.json").exists()
