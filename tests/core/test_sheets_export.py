"""Excel exports: layout an office expects, formula-like text kept as text, need to know, the register,
cancel, no temporary files, and LibreOffice opening every export."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import threading
from datetime import datetime

import openpyxl
import pytest

from app.core.domain.register import leads
from app.core.errors import Cancelled, NotFound, PermissionDenied
from app.core.printing import register
from app.core.sheets import exports, ledger
from tests.conftest import save_artifact
from tests.core.issue_support import reg_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_sheets_helpers import TODAY, ledger_world_fixture, sheet_xml  # noqa: F401


def _lead(lw):
    leads.create_lead(
        lw.leader,
        lw.insp_a.id,
        leads.LeadDraft(
            person_name="王某某",
            person_post="财务科科长",
            summary="-反映其在津贴发放中虚报冒领。",
            source="talk",
            received_on="2026-03-20",
        ),
    )


def test_rectification_ledger_layout_and_formula_text(lw):
    result = exports.export(
        lw.office,
        "rectification_ledger",
        lw.insp_a.id,
        classification="秘密",
        protection_years=5,
        today=TODAY,
    )
    save_artifact("rectification-ledger.xlsx", result.data)
    assert result.rows == 4 and result.copy_number == 1 and result.classification == "秘密★5年"

    xml = sheet_xml(result.data)
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    wb = openpyxl.load_workbook(io.BytesIO(result.data))
    ws = wb[ledger.SHEET_NAME]
    assert ws["A1"].value == "整改台账" and "A1:L1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[3]] == ledger.HEADERS
    assert ws["A3"].font.b and ws["A3"].border.left.style == "thin"
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert "秘密★5年" in ws.oddHeader.left.text and "秘密★5年" in ws.oddFooter.left.text
    assert "000001" in ws.oddHeader.right.text
    assert ws.column_dimensions["M"].hidden  # the row keys
    assert ws.protection.sheet
    # the measure whose text begins with "=" stays text, explicitly typed as a string
    cell = ws["D4"]
    assert cell.value == "=清退违规发放的津贴补贴+追回款项" and cell.data_type == "s" and cell.quotePrefix
    assert re.search(r'<c r="D4"[^>]*t="inlineStr"', xml)
    # dates are dates; editable columns unlocked; status columns offer a drop-down
    assert isinstance(ws["H4"].value, datetime) and ws["H4"].number_format == "yyyy-mm-dd"
    assert ws["I4"].protection.locked is False and ws["D4"].protection.locked is True
    assert ws["I4"].alignment.wrap_text
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["J4:J7"] == '"未完成,基本完成,已完成"' and lists["K4:K7"] == '"是,否"'
    assert ws.column_dimensions["I"].width == 40
    assert wb[ledger.META_SHEET].sheet_state == "veryHidden"
    assert ws["K7"].value == "是"  # the closed item


def test_other_exports_read_back(lw):
    _lead(lw)
    for kind, name, header in (
        ("issue_list", "issue-list.xlsx", "问题编号"),
        ("lead_register", "lead-register.xlsx", "被反映人"),
        ("figures", "figures.xlsx", "指标"),
        ("talk_index", None, "被谈话人"),
        ("document_requests", None, "资料名称"),
    ):
        result = exports.export(
            lw.office, kind, lw.insp_a.id, classification="机密", protection_years=10, today=TODAY
        )
        if name:
            save_artifact(name, result.data)
        ws = openpyxl.load_workbook(io.BytesIO(result.data)).worksheets[0]
        assert ws["A1"].value == exports.KINDS[kind]
        assert header in [c.value for c in ws[3]]
        assert "机密★10年" in ws.oddHeader.left.text
        assert "<f>" not in sheet_xml(result.data)
    issues_ws = openpyxl.load_workbook(
        io.BytesIO(exports.export(lw.office, "issue_list", lw.insp_a.id).data)
    ).active
    assert [issues_ws.cell(r, 4).value for r in range(4, 7)] == [
        "违规发放津贴补贴",
        "“三重一大”决策程序不规范",
        "公务用车管理不严",
    ]
    lead_ws = openpyxl.load_workbook(
        io.BytesIO(exports.export(lw.office, "lead_register", lw.insp_a.id).data)
    ).active
    assert lead_ws["D4"].value == "-反映其在津贴发放中虚报冒领。" and lead_ws["D4"].data_type == "s"
    fig = openpyxl.load_workbook(io.BytesIO(exports.export(lw.office, "figures", lw.insp_a.id).data)).active
    values = {fig.cell(r, 1).value: fig.cell(r, 2).value for r in range(4, fig.max_row + 1)}
    assert values["整改事项"] == 3 and values["其中已销号"] == 1


def test_export_is_registered_audited_and_written(lw, tmp_path):
    path = tmp_path / "台账.xlsx"
    result = exports.export(lw.leader, "issue_list", lw.insp_a.id, path=path)
    assert path.read_bytes() == result.data
    entries = register.list_prints(lw.office, document_kind="xlsx_issue_list")
    assert entries[0].action is register.PrintAction.EXPORT and entries[0].copy_numbers == [1]
    assert lw.audit_rows("sheet_export")[-1][:3] == ("leader1", "issue_list", lw.insp_a.id)
    assert "违规" not in str(lw.audit_rows("sheet_export"))  # no record text in the trail
    again = exports.export(lw.leader, "issue_list", lw.insp_a.id)
    assert again.copy_number == 2


def test_lead_register_need_to_know(lw):
    _lead(lw)
    member = lw.member
    with pytest.raises(PermissionDenied):
        exports.export(member, "lead_register", lw.insp_a.id)
    assert "lead_register" not in dict(exports.available_kinds(member, lw.insp_a.id))
    assert "lead_register" in dict(exports.available_kinds(lw.leader, lw.insp_a.id))
    assert exports.export(lw.leader, "lead_register", lw.insp_a.id).rows == 1
    with pytest.raises(PermissionDenied):  # a deputy holds the leader role but is not the leader
        exports.export(lw.login("deputy1"), "lead_register", lw.insp_a.id)
    with pytest.raises(NotFound):  # another team's leader does not even see the inspection
        exports.export(lw.login("leader2"), "lead_register", lw.insp_a.id)
    with pytest.raises(PermissionDenied):  # members may print but not export
        exports.export(member, "issue_list", lw.insp_a.id)
    with pytest.raises(PermissionDenied):
        exports.export(lw.login("auditor"), "issue_list", lw.insp_a.id)


def test_cancel_leaves_nothing(lw, tmp_path):
    cancel = threading.Event()
    cancel.set()
    path = tmp_path / "x.xlsx"
    before = lw.office.conn.execute("SELECT count(*) FROM print_register").fetchone()[0]
    with pytest.raises(Cancelled):
        exports.export(lw.office, "rectification_ledger", lw.insp_a.id, path=path, cancel=cancel)
    assert not path.exists()
    assert lw.office.conn.execute("SELECT count(*) FROM print_register").fetchone()[0] == before
    assert lw.office.conn.execute("SELECT count(*) FROM sheet_exports").fetchone()[0] == 0


def test_no_temporary_files(lw, monkeypatch):
    import openpyxl.worksheet._writer as ws_writer

    def refuse(*args, **kwargs):
        raise AssertionError("a temporary file was created")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    monkeypatch.setattr(ws_writer, "NamedTemporaryFile", refuse)
    monkeypatch.setattr(ws_writer, "create_temporary_file", refuse)
    for kind in exports.KINDS:
        exports.export(lw.office, kind, lw.insp_a.id)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_every_export(lw, tmp_path):
    _lead(lw)
    names = []
    for kind in exports.KINDS:
        path = tmp_path / f"{kind}.xlsx"
        exports.export(lw.office, kind, lw.insp_a.id, path=path)
        names.append(path)
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(out),
            *map(str, names),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    for path in names:
        csv = out / (path.stem + ".csv")
        assert csv.exists(), proc.stdout + proc.stderr
        assert csv.stat().st_size > 0
    ledger_csv = (out / "rectification_ledger.csv").read_text(encoding="utf-8", errors="replace")
    assert "=清退违规发放的津贴补贴+追回款项" in ledger_csv  # still text after LibreOffice read it
