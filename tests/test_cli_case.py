"""The case commands: list inspections, write a talk from a file, export its numbered copies."""

from __future__ import annotations

import io
import json
import subprocess

import pytest

from app.cli import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, main
from app.core.store.keyslots import KdfParams
from app.demo.accounts import DEMO_PASSWORD, create_demo
from tests.conftest import save_artifact


@pytest.fixture
def demo(tmp_path):
    folder = tmp_path / "ws"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


def _run(monkeypatch, *argv: str, password: str = DEMO_PASSWORD) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(list(argv))


def _leader_inspection(demo, monkeypatch, capsys) -> str:
    assert _run(monkeypatch, "inspections", "--data-dir", str(demo), "--user", "leader1") == EXIT_OK
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].startswith("共 ") and len(lines) >= 2
    return lines[0].split("\t")[-1]


TALK = {
    "start_at": "2026-03-12 09:30",
    "end_at": "2026-03-12 10:40",
    "place": "第一谈话室",
    "interviewee_name": "王某某",
    "interviewee_position": "办公室主任",
    "interviewers": ["leader1", "member1"],
    "recorder": "member1",
    "record": [
        {"question": "请介绍本单位落实中央八项规定精神的情况。", "answer": "单位建立了公务接待台账。"}
    ],
    "classification": "秘密",
}


def test_a_talk_written_from_a_file_prints_as_a_registered_copy(demo, monkeypatch, capsys, tmp_path):
    inspection = _leader_inspection(demo, monkeypatch, capsys)
    talk_file = tmp_path / "talk.json"
    talk_file.write_text(json.dumps(TALK, ensure_ascii=False), encoding="utf-8")
    argv = ["talk-add", "--data-dir", str(demo), "--user", "leader1", "--inspection", inspection]
    assert _run(monkeypatch, *argv, str(talk_file)) == EXIT_OK
    talk_id = capsys.readouterr().out.strip().splitlines()[-1]

    out = tmp_path / "talk.pdf"
    argv = ["talk-print", "--data-dir", str(demo), "--user", "leader1", "--talk", talk_id]
    assert _run(monkeypatch, *argv, "--copies", "2", "--output", str(out)) == EXIT_OK
    assert "已登记" in capsys.readouterr().out
    copies = sorted(tmp_path.glob("talk-第*份.pdf"))
    assert [p.name for p in copies] == ["talk-第1份.pdf", "talk-第2份.pdf"]
    text = subprocess.run(["pdftotext", str(copies[1]), "-"], capture_output=True, text=True).stdout
    assert "王某某" in text and "000002" in text  # the copy number (份号) in the corner
    save_artifact("cli-talk-copy.pdf", copies[0].read_bytes())

    from app.core.workstation import Workstation

    session = Workstation(demo).unlock("office", DEMO_PASSWORD)
    try:
        rows = session.conn.execute(
            "SELECT action FROM audit WHERE object_id = ? ORDER BY seq", (talk_id,)
        ).fetchall()
        printed = session.conn.execute(
            "SELECT action, first_copy, last_copy FROM print_register WHERE record_id = ?", (talk_id,)
        ).fetchall()
    finally:
        session.close()
    assert [r[0] for r in rows][0] == "talk_create"
    assert [tuple(r) for r in printed] == [("export", 1, 2)]


def test_a_bad_talk_file_is_refused_with_its_reason_and_writes_nothing(demo, monkeypatch, capsys, tmp_path):
    inspection = _leader_inspection(demo, monkeypatch, capsys)
    cases = {
        "not-json.json": ("{broken", "不是有效的 JSON"),
        "stranger.json": (json.dumps({**TALK, "interviewers": ["leader1", "office"]}), "不是本巡察组成员"),
        "unknown.json": (json.dumps({**TALK, "colour": "red"}), "无法识别的字段：colour"),
        "one.json": (json.dumps({**TALK, "interviewers": ["leader1"]}), "谈话人至少须有两名"),
    }
    for name, (content, reason) in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        argv = ["talk-add", "--data-dir", str(demo), "--user", "leader1", "--inspection", inspection]
        assert _run(monkeypatch, *argv, str(path)) == EXIT_FAILED, name
        assert reason in capsys.readouterr().err, name


def test_case_commands_keep_need_to_know(demo, monkeypatch, capsys, tmp_path):
    inspection = _leader_inspection(demo, monkeypatch, capsys)
    talk_file = tmp_path / "talk.json"
    talk_file.write_text(json.dumps(TALK, ensure_ascii=False), encoding="utf-8")
    argv = ["talk-add", "--data-dir", str(demo), "--user", "sysadmin", "--inspection", inspection]
    assert _run(monkeypatch, *argv, str(talk_file)) == EXIT_REFUSED
    assert _run(monkeypatch, "inspections", "--data-dir", str(demo), "--user", "auditor") == EXIT_REFUSED
    argv = ["talk-print", "--data-dir", str(demo), "--user", "office", "--talk", "no-such-talk"]
    assert _run(monkeypatch, *argv, "--output", str(tmp_path / "x.pdf")) == EXIT_FAILED
    assert "找不到" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_an_evaluation_round_from_the_command_line(demo, monkeypatch, capsys, tmp_path):
    import random

    from app.core.printing import evaluation_layout as lay
    from tests.core import omr_synth

    inspection = _leader_inspection(demo, monkeypatch, capsys)
    base = ["--data-dir", str(demo), "--user", "office"]
    assert (
        _run(monkeypatch, "eval-new", *base, "--inspection", inspection, "--template", "leadership_team")
        == EXIT_OK
    )
    round_id = capsys.readouterr().out.strip().splitlines()[-1]
    forms = tmp_path / "forms.pdf"
    assert (
        _run(monkeypatch, "eval-forms", *base, "--round", round_id, "--count", "6", "-o", str(forms))
        == EXIT_OK
    )
    capsys.readouterr()
    # Read back the serials from the printed page codes of the app's own PDF, fill in and scan them.
    from app.core.domain.evaluation import library, model

    form = model.parse_body(library.builtin_body("leadership_team"))
    layout = lay.layout(form)
    rng = random.Random(8)
    pages = omr_synth.render_pages(forms.read_bytes(), 150)
    scans = []
    from app.core.imports import omr

    for k, page in enumerate(pages):
        gray = omr.to_gray(page)
        t, _, white = omr.locate(gray)
        _, _, _, serial = omr.read_code(gray, t, white)
        answers = omr_synth.choose_answers(form, rng, blank=0)
        image, _ = omr_synth.fill_in(page, layout.pages[0], answers, 150, rng)
        path = tmp_path / f"scan{k}.jpg"
        path.write_bytes(omr_synth.scanner(image, rng))
        scans.append(str(path))
    assert _run(monkeypatch, "eval-scan", *base, "--round", round_id, *scans) == EXIT_OK
    assert capsys.readouterr().out.count("识读 1 页") == 6
    report, xlsx = tmp_path / "report.pdf", tmp_path / "tally.xlsx"
    argv = ["eval-report", *base, "--round", round_id, "-o", str(report), "--xlsx", str(xlsx)]
    assert _run(monkeypatch, *argv) == EXIT_OK
    assert report.read_bytes().startswith(b"%PDF") and xlsx.stat().st_size > 1000
    # A team of another inspection is refused (not found).
    assert _run(monkeypatch, "eval-report", "--data-dir", str(demo), "--user", "leader2", "--round", round_id,
                "-o", str(tmp_path / "x.pdf")) != EXIT_OK  # fmt: skip


def test_a_reader_that_stops_early_gets_no_traceback(demo, tmp_path):
    """`python -m app inspections … | head -1`: the command stops quietly when its reader goes away."""
    import sys

    script = (
        f"printf '%s\\n' '{DEMO_PASSWORD}' | {sys.executable} -m app inspections --data-dir {demo} --user office"
        " | head -c 1 > /dev/null"
    )
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
