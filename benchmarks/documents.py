"""Document review at scale: import 2,000 generated files of mixed types, then search them.

    .venv/bin/python benchmarks/documents.py [--documents 2000] [--repeat 10]

A real (temporary) workstation: one inspection, its request list, and `--documents` files spread over
100 items — text (UTF-8 and GB18030), .docx, .xlsx, PDF with a text layer, PNG — each imported through
document_reading.import_material exactly as the GUI does (checked, hashed, stored encrypted, text
indexed, audited, one transaction each). The files are generated first, in memory; that time is not
counted. Then a mix of 2-character, longer and two-term queries runs `--repeat` times each through
document_search.search (need-to-know filter, snippets with highlights, audit entry included).

Prints:
  doc_import: ours=…s   all the imports
  doc_search: ours=…s   mean time of one query (target ≤ 0.050 s)
and a line per query with its mean, worst time and hit count.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.domain.organisation import inspections, staff, teams, terms, units  # noqa: E402
from app.core.domain.review import reading as reading  # noqa: E402
from app.core.domain.review import search as search  # noqa: E402
from app.core.domain.review import writes as docs  # noqa: E402
from app.core.security.roles import Role  # noqa: E402
from app.core.store.keyslots import KdfParams  # noqa: E402
from app.core.workstation import NewAccount, Workstation  # noqa: E402
from app.demo import samples  # noqa: E402

PASSWORD = "Bench-Mark-2026!"
ITEMS = 100
PHRASES = [
    "党委会议研究决定",
    "三重一大事项未经集体决策",
    "公务接待超标准",
    "公车私用",
    "违规发放津贴补贴",
    "选人用人程序不规范",
    "民主测评得票率",
    "八项规定精神落实不到位",
    "工程项目未公开招标",
    "财务报销审核不严",
    "理论学习中心组学习",
    "巡察整改台账",
    "领导班子民主生活会",
    "一把手末位表态",
    "干部档案审核",
    "合同签订未经法律审核",
]
FILLER = "本单位按照年度工作安排组织开展各项工作相关情况如下经核对原始凭证与会议记录资料齐全"
QUERIES = [
    "公车",
    "津贴",
    "巡察",
    "档案",
    "三重一大",
    "选人用人",
    "八项规定精神",
    "未公开招标",
    "公车 私用",
    "财务 报销审核",
]


def sentence(rng: random.Random) -> str:
    start = rng.randrange(len(FILLER) - 12)
    return f"{FILLER[start : start + rng.randint(6, 12)]}，{rng.choice(PHRASES)}，{rng.randint(1, 999)}元。"


def paragraph(rng: random.Random, n: int) -> list[str]:
    return [sentence(rng) for _ in range(n)]


def make_files(n: int, seed: int = 6) -> list[tuple[str, bytes]]:
    """Mixed files: 40% text, 20% .docx, 15% .xlsx, 15% PDF, 10% PNG (about 1–3 KB of text each)."""
    rng = random.Random(seed)
    files: list[tuple[str, bytes]] = []
    for k in range(n):
        roll = k % 20
        if roll < 8:
            encoding = "gb18030" if k % 3 == 0 else "utf-8"
            files.append((f"记录{k:04d}.txt", samples.make_txt("\n".join(paragraph(rng, 40)), encoding)))
        elif roll < 12:
            files.append((f"会议{k:04d}.docx", samples.make_docx(paragraph(rng, 40))))
        elif roll < 15:
            rows = [["日期", "摘要", "金额"]] + [
                [f"2025-{rng.randint(1, 12):02d}-01", sentence(rng), rng.randint(1, 9999)] for _ in range(30)
            ]
            files.append((f"凭证{k:04d}.xlsx", samples.make_xlsx({"明细": rows})))
        elif roll < 18:
            pages = [[s[:36] for s in paragraph(rng, 20)] for _ in range(2)]
            files.append((f"报告{k:04d}.pdf", samples.make_pdf(pages)))
        else:
            files.append(
                (
                    f"扫描{k:04d}.png",
                    samples.make_image("PNG", (200 + k % 50, 120), (k % 256, k // 256 % 256, 90)),
                )
            )
    return files


def setup(folder: Path):
    ws = Workstation(folder)
    accounts = [
        NewAccount("sysadmin", "系统管理员", Role.SYSADMIN, PASSWORD, must_change_password=False),
        NewAccount("secadmin", "安全保密管理员", Role.SECURITY_OFFICER, PASSWORD, must_change_password=False),
        NewAccount("auditor", "安全审计员", Role.AUDITOR, PASSWORD, must_change_password=False),
        NewAccount("office", "巡察办", Role.OFFICE, PASSWORD, must_change_password=False),
        NewAccount("leader1", "组长", Role.TEAM_LEADER, PASSWORD, must_change_password=False),
        NewAccount("member1", "组员", Role.TEAM_MEMBER, PASSWORD, must_change_password=False),
    ]
    ws.create("基准测试", accounts, kdf=KdfParams.fast_for_tests())
    office = ws.unlock("office", PASSWORD)
    ids = {
        u: office.conn.execute("SELECT id FROM users WHERE username = ?", (u,)).fetchone()[0]
        for u in ("leader1", "member1")
    }
    for user_id in ids.values():
        staff.add_staff(office, user_id, "巡察干部", "")
    term = terms.create_term(office, "第九届", "2026-01-01", "2030-12-31")
    rnd = terms.create_round(office, term.id, 1, "regular", starts_on="2026-03-02")
    team = teams.create_team(office, rnd.id, "第一巡察组")
    teams.add_member(office, team.id, ids["leader1"], "leader")
    teams.add_member(office, team.id, ids["member1"], "member")
    unit = units.create_unit(office, "市水务集团有限公司", "enterprise")
    insp = inspections.create_inspection(office, team.id, unit.id, began_on="2026-03-02")
    office.close()
    return ws, insp.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    started = time.perf_counter()
    files = make_files(args.documents)
    print(
        f"generated {len(files)} files ({sum(len(d) for _, d in files) / 1e6:.1f} MB) in {time.perf_counter() - started:.1f}s"
    )

    folder = Path(tempfile.mkdtemp(prefix="xuncha-bench-docs-"))
    try:
        ws, inspection_id = setup(folder / "ws")
        member = ws.unlock("member1", PASSWORD)
        item_ids = [
            docs.add_item(
                member, inspection_id, category="other", title=f"调阅事项{k + 1}", requested_on="2026-03-05"
            ).id
            for k in range(ITEMS)
        ]
        started = time.perf_counter()
        for k, (name, data) in enumerate(files):
            reading.import_material(member, item_ids[k % ITEMS], name, data)
        import_s = time.perf_counter() - started
        print(f"doc_import: ours={import_s:.2f}s ({import_s / len(files) * 1000:.1f} ms a file)")

        times: list[float] = []
        for query in QUERIES:
            per: list[float] = []
            hits = 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                hits = len(search.search(member, query, inspection_id=inspection_id))
                per.append(time.perf_counter() - t0)
            times += per
            print(
                f"  query {query!r:>14}: mean={sum(per) / len(per) * 1000:6.1f} ms  worst={max(per) * 1000:6.1f} ms  hits={hits}"
            )
        mean = sum(times) / len(times)
        print(
            f"doc_search: ours={mean:.4f}s (worst {max(times):.4f}s, {len(times)} queries, target ≤ 0.050s)"
        )
        member.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
