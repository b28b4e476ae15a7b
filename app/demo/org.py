"""Demo organisation data (issue 4): a realistic term for the demo workstation and for tests.

`populate_organisation(office, sysadmin)` builds, through the ordinary core operations (so every
rule and audit entry applies):
- the term 中共某市委第九届 with two rounds (第一轮 finished, 第二轮 in progress), each in two batches;
- 30 units (12 municipal departments, 5 state-owned enterprises, 7 townships/sub-districts,
  6 villages/communities under their townships), each with 3–6 leadership people and one top leader;
- a staff pool of team accounts (the demo's leader1 and member1 plus leader2…leader5 and
  member2…member11, created by the sysadmin with the demo password and no forced change);
- 5 teams: 第一、第二巡察组 in round 1, 第一、第二、第三巡察组 in round 2 — leader1 leads and member1
  serves on round 2's 第一巡察组, so need-to-know is visible when signing in as them;
- 28 inspections in phases from 巡前准备 to 立卷归档, leaving two units uncovered;
- two recusal declarations, one of them with an office-approved exception.

All dates are fixed (2026) so the demo looks the same whenever it is built.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.core.domain import _fields as f
from app.core.domain import phase_moves
from app.core.domain.organisation import inspections, staff, teams, terms, units
from app.core.domain.organisation.inspections import Phase
from app.core.domain.organisation.terms import RoundKind, RoundStatus
from app.core.domain.organisation.units import UnitKind
from app.core.errors import Conflict, NotFound
from app.core.security import account_keys, accounts
from app.core.security.roles import Role
from app.core.session import Session
from app.core.store.keyslots import AccountKeyPair, KeySlots

DEMO_PASSWORD = "Demo-2026!"
TERM_NAME = "中共某市委第九届"


@dataclass
class DemoOrg:
    """Ids of what populate_organisation made, for tests and the GUI's first selection."""

    term_id: str
    round_ids: list[str]  # [round 1, round 2]
    team_ids: dict[tuple[int, str], str]  # (round number, team name) -> team id
    unit_ids: dict[str, str]  # unit name -> unit id
    user_ids: dict[str, str]  # username -> user id
    inspection_ids: dict[tuple[int, str], str]  # (round number, unit name) -> inspection id
    uncovered_unit_ids: list[str] = field(default_factory=list)


def demo_account(sysadmin: Session, username: str, display_name: str, role: Role, post: str = "") -> str:
    """Create (or reuse) a demo account with the demo password, ready to sign in without a change.

    Demo only: the ordinary create_account makes a pending account that both administrators must
    grant, and forces a password change at first sign-in; here the role is set and the flag cleared
    in the same transaction, and that is audited.
    """
    try:
        return accounts.user_by_name(sysadmin, username).id
    except NotFound:
        pass
    with sysadmin.transaction() as conn:
        user = accounts.create_account(sysadmin, username, display_name, DEMO_PASSWORD, post=post)
        # Demo only: the role is granted here directly, where a real workstation needs both
        # administrators (security/dual_control.py), and the demo's security officer certifies the
        # account's key as that grant would (app.core.security.key_trust).
        conn.execute(
            "UPDATE users SET must_change_password = 0, role = ?, clearance = '秘密' WHERE id = ?",
            (role.value, user.id),
        )
        account_keys.certify_slot_key(
            conn,
            KeySlots.load(sysadmin.folder),
            username,
            user.id,
            role.value,
            [_demo_officer(sysadmin)],
            f.now(),
        )
        sysadmin.audit("demo_account_ready", "user", user.id, username)
    return user.id


_OFFICER_KEYS: dict[tuple[str, bytes], AccountKeyPair] = {}


def _demo_officer(session: Session) -> AccountKeyPair:
    """The demo security officer's key pair (opened once per workstation: Argon2 is slow)."""
    slots = KeySlots.load(session.folder)
    cache = (str(session.folder), (slots.public_keys("secadmin") or (b"",))[0])
    if cache not in _OFFICER_KEYS:
        slots.try_unwrap("secadmin", DEMO_PASSWORD)
        _OFFICER_KEYS[cache] = slots.keys_for("secadmin")
    return _OFFICER_KEYS[cache]


# ---- the people ----------------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万钱严武戴孔汤"
GIVEN = (
    "建国 志强 海燕 晓东 红梅 卫东 立新 丽华 文斌 春生 玉兰 国栋 明辉 秀英 永刚 德胜 凤霞 建华 小平 振宇"
    " 金凤 伟民 桂芳 庆林 学军 雪梅 少华 俊杰 瑞琴 长青 宏伟 静 敏 磊 勇 军 洁 涛 斌 燕"
).split()


def _person_names(seed: int = 9):
    """An endless, repeatable stream of distinct plausible names."""
    rng, seen = random.Random(seed), set()
    while True:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in seen:
            seen.add(name)
            yield name


# username, display name, role, post, expertise
TEAM_ACCOUNTS = [
    ("leader1", "刘组长", Role.TEAM_LEADER, "市委巡察办副主任", "组织人事、选人用人"),
    ("member1", "周组员", Role.TEAM_MEMBER, "市委巡察办综合科科员", "文字综合"),
    ("leader2", "张卫东", Role.TEAM_LEADER, "市纪委监委第一监督检查室主任", "纪检监察"),
    ("leader3", "王海燕", Role.TEAM_LEADER, "市委组织部干部监督科科长", "干部监督"),
    ("leader4", "陈立新", Role.TEAM_LEADER, "市审计局副局长", "财务审计"),
    ("leader5", "杨志刚", Role.TEAM_LEADER, "市委巡察办主任", "巡察业务"),
    ("member2", "赵明辉", Role.TEAM_MEMBER, "市纪委监委案件审理室干部", "纪检监察、案件审理"),
    ("member3", "孙丽华", Role.TEAM_MEMBER, "市审计局经济责任审计科科员", "财务审计"),
    ("member4", "黄文斌", Role.TEAM_MEMBER, "市委组织部组织科科员", "基层党建"),
    ("member5", "吴秀英", Role.TEAM_MEMBER, "市财政局监督检查科副科长", "财政资金"),
    ("member6", "郑国栋", Role.TEAM_MEMBER, "市司法局法治督察科科员", "法律"),
    ("member7", "林永刚", Role.TEAM_MEMBER, "市委巡察办第二科科长", "巡察业务、谈话"),
    ("member8", "何春生", Role.TEAM_MEMBER, "市住建局质量安全科科员", "工程建设"),
    ("member9", "马凤霞", Role.TEAM_MEMBER, "市信访局办信科科员", "信访"),
    ("member10", "罗振宇", Role.TEAM_MEMBER, "市纪委监委党风政风监督室干部", "作风建设"),
    ("member11", "梁雪梅", Role.TEAM_MEMBER, "市委巡察办综合科副科长", "文字综合、档案"),
]

# ---- the units -----------------------------------------------------------------------------------

DEPARTMENTS = [
    ("市发展和改革委员会", "主任"),
    ("市教育局", "局长"),
    ("市财政局", "局长"),
    ("市人力资源和社会保障局", "局长"),
    ("市自然资源和规划局", "局长"),
    ("市住房和城乡建设局", "局长"),
    ("市交通运输局", "局长"),
    ("市农业农村局", "局长"),
    ("市卫生健康委员会", "主任"),
    ("市市场监督管理局", "局长"),
    ("市应急管理局", "局长"),
    ("市医疗保障局", "局长"),
]
ENTERPRISES = [
    "市城市建设投资集团有限公司",
    "市交通投资集团有限公司",
    "市水务集团有限公司",
    "市国有资本投资运营有限公司",
    "市公共交通集团有限公司",
]
TOWNSHIPS = ["城关街道", "东城街道", "西湖街道", "青石镇", "柳河镇", "白沙乡", "桃源镇"]
VILLAGES = [
    ("城关街道幸福社区", "城关街道"),
    ("东城街道光明社区", "东城街道"),
    ("青石镇石桥村", "青石镇"),
    ("青石镇大坪村", "青石镇"),
    ("柳河镇柳河村", "柳河镇"),
    ("桃源镇桃花村", "桃源镇"),
]


def _leadership_positions(name: str, kind: UnitKind, head: str = "") -> list[str]:
    """The positions of a unit's leadership, the top leader first."""
    if kind is UnitKind.DEPARTMENT:
        return [
            f"党组书记、{head}",
            f"党组副书记、副{head}",
            f"党组成员、副{head}",
            "市纪委监委驻局纪检监察组组长",
            f"党组成员、副{head}",
            "机关党委专职副书记",
        ]
    if kind is UnitKind.ENTERPRISE:
        return [
            "党委书记、董事长",
            "党委副书记、总经理",
            "党委委员、纪委书记",
            "党委委员、副总经理",
            "党委委员、财务总监",
        ]
    if kind is UnitKind.TOWNSHIP:
        if name.endswith("街道"):
            return [
                "党工委书记",
                "党工委副书记、办事处主任",
                "党工委委员、纪工委书记",
                "党工委委员、副主任",
                "党工委委员、武装部部长",
            ]
        head = "乡长" if name.endswith("乡") else "镇长"
        return [
            "党委书记",
            f"党委副书记、{head}",
            "党委委员、纪委书记",
            f"党委委员、副{head}",
            "党委委员、组织委员",
        ]
    if name.endswith("社区"):
        return ["社区党委书记、居委会主任", "社区党委副书记", "社区居务监督委员会主任", "社区居委会委员"]
    return ["村党支部书记、村委会主任", "村党支部副书记", "村务监督委员会主任", "村委会委员、报账员"]


# ---- the plan ------------------------------------------------------------------------------------

# Round 1 (finished): two teams, each unit's inspection now in rectification or filed.
ROUND1 = {
    "第一巡察组": [
        "市发展和改革委员会",
        "市教育局",
        "市财政局",
        "市城市建设投资集团有限公司",
        "城关街道",
        "城关街道幸福社区",
    ],
    "第二巡察组": [
        "市人力资源和社会保障局",
        "市自然资源和规划局",
        "市交通投资集团有限公司",
        "青石镇",
        "青石镇石桥村",
        "青石镇大坪村",
    ],
}
ROUND1_TEAMS = {
    "第一巡察组": ("leader2", ["member2", "member3", "member4"]),
    "第二巡察组": ("leader3", ["member5", "member6"]),
}

# Round 2 (in progress): batch 1 units are on site or later, batch 2 units are in preparation.
ROUND2 = {
    "第一巡察组": [
        "市住房和城乡建设局",
        "市农业农村局",
        "市水务集团有限公司",
        "东城街道",
        "东城街道光明社区",
        "西湖街道",
    ],
    "第二巡察组": [
        "市交通运输局",
        "市卫生健康委员会",
        "市国有资本投资运营有限公司",
        "柳河镇",
        "柳河镇柳河村",
    ],
    "第三巡察组": ["市市场监督管理局", "市应急管理局", "市公共交通集团有限公司", "白沙乡", "桃源镇"],
}
ROUND2_TEAMS = {
    "第一巡察组": ("leader1", ["member7", "member1", "member2"]),  # member7 is the deputy
    "第二巡察组": ("leader4", ["member3", "member8", "member9"]),  # member3 is the deputy
    "第三巡察组": ("leader5", ["member10", "member4", "member11", "member5"]),  # member10 is the deputy
}
ROUND2_TARGET = [Phase.FEEDBACK, Phase.REPORT, Phase.ON_SITE, Phase.ENTRY]  # by position; then preparation

# Days after the batch start on which each phase begins.
PHASE_OFFSETS = {
    Phase.PREPARATION: 0,
    Phase.ENTRY: 7,
    Phase.ON_SITE: 8,
    Phase.REPORT: 36,
    Phase.FEEDBACK: 60,
    Phase.TRANSFER: 66,
    Phase.RECTIFICATION: 70,
    Phase.FILED: 190,
}

LIAISON_TITLES = ["办公室主任", "党建办主任", "党委办公室副主任", "综合科科长"]


def populate_organisation(office: Session, sysadmin: Session) -> DemoOrg:
    """Build the demo organisation (see the module docstring). Conflict if a term already exists."""
    if terms.list_terms(office):
        raise Conflict("数据库中已有届次，不再生成演示数据。")
    user_ids = {u: demo_account(sysadmin, u, name, role, post) for u, name, role, post, _ in TEAM_ACCOUNTS}
    with office.transaction():
        for username, _, _, post, expertise in TEAM_ACCOUNTS:
            staff.add_staff(office, user_ids[username], post, expertise)

        term = terms.create_term(office, TERM_NAME, "2026-01-01", "2030-12-31")
        r1 = terms.create_round(
            office, term.id, 1, RoundKind.REGULAR, status=RoundStatus.FINISHED,
            starts_on="2026-03-02", ends_on="2026-09-30",
        )  # fmt: skip
        r2 = terms.create_round(
            office, term.id, 2, RoundKind.REGULAR, status=RoundStatus.IN_PROGRESS, starts_on="2026-09-07"
        )
        batches = {
            (1, 1): terms.create_batch(office, r1.id, 1, "2026-03-02", "2026-04-10"),
            (1, 2): terms.create_batch(office, r1.id, 2, "2026-04-20", "2026-05-29"),
            (2, 1): terms.create_batch(office, r2.id, 1, "2026-09-07", "2026-10-23"),
            (2, 2): terms.create_batch(office, r2.id, 2, "2026-11-02", "2026-12-11"),
        }

        unit_ids = _make_units(office)

        # Declared ties: one never clashes; one clashes and the office approves an exception.
        staff_of = {s.username: s.id for s in staff.list_staff(office)}
        staff.declare_recusal(office, staff_of["member6"], unit_ids["桃源镇"], "配偶在该镇政府任职。")
        staff.declare_recusal(
            office, staff_of["member9"], unit_ids["市交通运输局"], "曾在该局办公室工作，2019年调离。"
        )

        team_ids: dict[tuple[int, str], str] = {}
        for number, rnd, plan in ((1, r1, ROUND1_TEAMS), (2, r2, ROUND2_TEAMS)):
            for name, (leader, members) in plan.items():
                team = teams.create_team(office, rnd.id, name)
                team_ids[(number, name)] = team.id
                teams.add_member(office, team.id, user_ids[leader], teams.TeamPosition.LEADER)
                for i, member in enumerate(members):
                    position = (
                        teams.TeamPosition.DEPUTY if i == 0 and number == 2 else teams.TeamPosition.MEMBER
                    )
                    teams.add_member(office, team.id, user_ids[member], position)

        names = _person_names(seed=20)
        inspection_ids: dict[tuple[int, str], str] = {}
        k = 0
        for name, unit_list in ROUND1.items():
            for i, unit_name in enumerate(unit_list):
                batch = batches[(1, 1 if i < 3 else 2)]
                target = Phase.FILED if i % 3 == 0 else Phase.RECTIFICATION
                inspection_ids[(1, unit_name)] = _inspect(
                    office, team_ids[(1, name)], unit_ids[unit_name], batch, target, next(names), k
                )
                k += 1
        for name, unit_list in ROUND2.items():
            for i, unit_name in enumerate(unit_list):
                batch = batches[(2, 1 if i < 3 else 2)]
                target = ROUND2_TARGET[i] if i < len(ROUND2_TARGET) else Phase.PREPARATION
                reason = None
                if unit_name == "市交通运输局":
                    reason = (
                        "该同志调离已满五年，且仅负责信访件登记，不参与个别谈话和问题核实，经巡察办主任批准。"
                    )
                inspection_ids[(2, unit_name)] = _inspect(
                    office, team_ids[(2, name)], unit_ids[unit_name], batch, target, next(names), k, reason
                )
                k += 1
        covered = {u for (_, u) in inspection_ids}
        uncovered = [unit_ids[u] for u in unit_ids if u not in covered]

    return DemoOrg(
        term_id=term.id,
        round_ids=[r1.id, r2.id],
        team_ids=team_ids,
        unit_ids=unit_ids,
        user_ids=user_ids,
        inspection_ids=inspection_ids,
        uncovered_unit_ids=uncovered,
    )


def _make_units(office: Session) -> dict[str, str]:
    names = _person_names()
    ids: dict[str, str] = {}
    plan: list[tuple[str, UnitKind, str | None, str]] = []
    plan += [(n, UnitKind.DEPARTMENT, None, head) for n, head in DEPARTMENTS]
    plan += [(n, UnitKind.ENTERPRISE, None, "") for n in ENTERPRISES]
    plan += [(n, UnitKind.TOWNSHIP, None, "") for n in TOWNSHIPS]
    plan += [(n, UnitKind.VILLAGE, parent, "") for n, parent in VILLAGES]
    for index, (name, kind, parent, head) in enumerate(plan):
        unit = units.create_unit(office, name, kind, ids[parent] if parent else None)
        ids[name] = unit.id
        positions = _leadership_positions(name, kind, head)
        size = max(3, min(len(positions), 3 + index % 4))  # 3–6 people
        for order, position in enumerate(positions[:size]):
            units.add_person(
                office, unit.id, next(names), position, is_top_leader=order == 0, sort_order=order
            )
    return ids


def _inspect(
    office: Session,
    team_id: str,
    unit_id: str,
    batch: terms.Batch,
    target: Phase,
    liaison: str,
    k: int,
    override_reason: str | None = None,
) -> str:
    start = date.fromisoformat(batch.starts_on)
    has_liaison = target is not Phase.PREPARATION or k % 2 == 0
    item = inspections.create_inspection(
        office,
        team_id,
        unit_id,
        batch_id=batch.id,
        liaison_name=f"{liaison}（{LIAISON_TITLES[k % len(LIAISON_TITLES)]}）" if has_liaison else "",
        liaison_phone=f"0571-8{(k * 7919) % 10_000_000:07d}" if has_liaison else "",
        began_on=start,
        override_reason=override_reason,
    )
    phase = Phase.PREPARATION
    while phase is not target:
        phase = phase.next()
        phase_moves.move_phase(office, item.id, phase, on=start + timedelta(days=PHASE_OFFSETS[phase]))
    return item.id
