"""First drafts of official documents, assembled from the records; the user edits them before saving.

Each function reads the records through the domain modules (so need-to-know and auditing apply) and
returns a DocumentDraft whose body uses the heading numbering the GB/T layout recognises: "一、"
"（一）" "1." "(1)". Nothing is stored here: the editor shows the draft and `documents.create_document`
keeps what the user saves.

- inspection report: working methods and counts, the issues by category, leads (counts, for those
  who may know of them), and room for the team's recommendations;
- feedback letter: the issues fed back to the unit by category, and the rectification requirements;
- lead transfer letter: the leads (and the issues) for one receiving body — leader and office only;
- rectification notice: progress of each item, the open and overdue measures, the deadlines;
- statistics report: the figures of a round;
- 专题报告: one subject of the inspection (the ways the team learnt of it, the issues, proposals);
- 重要情况报告: what cannot wait for the inspection report (the issues tagged 重点关注, else all);
- 抄告单: the issues a body alongside should know of, to the leader in charge, the discipline
  commission or the organisation department.
"""

from __future__ import annotations

from collections import OrderedDict

from app.core.domain import deadlines
from app.core.domain.organisation import inspections, terms
from app.core.domain.organisation.inspections import Phase
from app.core.domain.organisation.terms import chinese_number
from app.core.domain.register import figures, issue_reads, leads, rectification_reads
from app.core.domain.register.issue_record import Disposition, Issue, IssueLevel, IssueStatus, IssueTag
from app.core.domain.register.leads import TransferTarget
from app.core.domain.register.rectification_record import RectState
from app.core.official.documents import DocumentDraft, require_scope
from app.core.official.kinds import CopyTarget, DocKind
from app.core.printing.gbt9704 import chinese_date
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.workstation_info import workstation_info

OFFICE_SUFFIXES = ("巡察工作领导小组办公室", "巡察领导小组办公室", "巡察办公室", "巡察办")


def committee_name(org_name: str) -> str:
    """'中共某市委巡察工作领导小组办公室' -> '中共某市委' (the party committee the office serves)."""
    for suffix in OFFICE_SUFFIXES:
        if org_name.endswith(suffix) and len(org_name) > len(suffix):
            return org_name[: -len(suffix)]
    return org_name


def _place(committee: str) -> str:
    """'中共某市委' -> '某市', for '某市纪委监委', '某市委组织部'."""
    name = committee[2:] if committee.startswith("中共") else committee
    return name[:-1] if name.endswith("委") else name


def _count(session: Session, table: str, inspection_id: str) -> int:
    try:
        return int(
            session.conn.execute(
                f"SELECT count(*) FROM {table} WHERE inspection_id = ?", (inspection_id,)
            ).fetchone()[0]
        )
    except Exception:  # noqa: BLE001 - a table of a later module may be missing in an old database
        return 0


def _sentence(text: str) -> str:
    text = " ".join(part.strip() for part in (text or "").splitlines() if part.strip())
    return text if not text or text[-1] in "。！？；…" else text + "。"


def _by_category(items: list[Issue]) -> OrderedDict[str, list[Issue]]:
    groups: OrderedDict[str, list[Issue]] = OrderedDict()
    for issue in items:
        groups.setdefault(issue.category_name or "其他方面", []).append(issue)
    return groups


def _issue_paragraphs(items: list[Issue]) -> list[str]:
    lines: list[str] = []
    for k, (category, group) in enumerate(_by_category(items).items(), start=1):
        lines.append(f"（{chinese_number(k)}）{category}方面的问题")
        for j, issue in enumerate(group, start=1):
            title = issue.title.rstrip("。")
            lines.append(f"{j}. {title}。{_sentence(issue.facts)}")
    return lines


def _context(session: Session, inspection_id: str):
    insp = inspections.get_inspection(session, inspection_id)
    org = workstation_info(session).org_name
    committee = committee_name(org)
    rnd = terms.get_round(session, insp.round_id)
    return insp, org, committee, rnd


def _period(insp) -> str:
    start = insp.phase_dates.get(Phase.ENTRY) or insp.phase_dates.get(Phase.ON_SITE)
    end = insp.phase_dates.get(Phase.REPORT)
    if start and end:
        return f"于{chinese_date(start)}至{chinese_date(end)}"
    if start:
        return f"自{chinese_date(start)}起"
    return ""


def _live_issues(session: Session, inspection_id: str) -> list[Issue]:
    return [i for i in issue_reads.list_issues(session, inspection_id) if i.status != IssueStatus.DISMISSED]


# ---- the kinds -------------------------------------------------------------------------------------


def inspection_report(session: Session, inspection_id: str, *, today: str | None = None) -> DocumentDraft:
    insp, _org, committee, rnd = _context(session, inspection_id)
    found = _live_issues(session, inspection_id)
    leadership = sum(1 for i in found if i.level == IssueLevel.LEADERSHIP)
    talks, reviewed, petitions = (
        _count(session, "talks", inspection_id),
        _count(session, "request_items", inspection_id),
        _count(session, "petitions", inspection_id),
    )
    body = [
        f"根据{committee}巡察工作统一部署，{committee}{insp.team_name}{_period(insp)}对{insp.unit_name}党组织开展了"
        f"{rnd.kind.label}巡察。巡察组坚持以习近平新时代中国特色社会主义思想为指导，紧扣“四个聚焦”，通过个别谈话"
        f"{talks}人次、调阅资料{reviewed}件、受理信访{petitions}件等方式，深入了解情况。现将巡察情况报告如下。",
        "一、基本情况",
        f"{insp.unit_name}党组织能够贯彻落实党中央决策部署和上级工作要求，各项工作取得一定成效。"
        "（此处由巡察组补充被巡察单位的基本情况和主要工作成效。）",
        "二、发现的主要问题",
        f"巡察共发现问题{len(found)}个，其中领导班子问题{leadership}个。主要有以下方面。",
        *_issue_paragraphs(found),
    ]
    if session.can(Cap.LEADS_READ):
        try:
            found_leads = leads.list_leads(session, inspection_id=inspection_id)
        except Exception:  # noqa: BLE001 - a member's report simply has no lead section
            found_leads = None
        if found_leads is not None:
            to_dc = sum(1 for x in found_leads if x.transfer_to == TransferTarget.DISCIPLINE_COMMISSION)
            to_org = sum(1 for x in found_leads if x.transfer_to == TransferTarget.ORGANISATION_DEPT)
            body += [
                "三、问题线索及移交情况",
                f"巡察期间共发现问题线索{len(found_leads)}件，拟移交（已移交）纪委监委{to_dc}件、组织部{to_org}件。"
                "问题线索另行专报。",
            ]
    n = "四" if body[-2].startswith("三、") else "三"
    body += [
        f"{n}、意见建议",
        "（一）强化政治担当。被巡察单位党组织要切实履行全面从严治党主体责任，把巡察整改作为重要政治任务抓紧抓实。",
        "（二）健全制度机制。针对巡察发现的问题，举一反三，查找制度漏洞，建立长效机制。",
        "（三）严肃追责问责。对巡察发现的违规违纪问题，依规依纪依法处理，形成有力震慑。",
    ]
    return DocumentDraft(
        title=f"关于对{insp.unit_name}党组织巡察情况的报告",
        addressee=f"{committee}巡察工作领导小组：",
        body="\n".join(body),
        issuer=f"{committee}{insp.team_name}",
        issued_on=today or deadlines.today(),
    )


def feedback_letter(session: Session, inspection_id: str, *, today: str | None = None) -> DocumentDraft:
    insp, _org, committee, _rnd = _context(session, inspection_id)
    fed = [
        i
        for i in _live_issues(session, inspection_id)
        if i.disposition in (Disposition.UNIT, Disposition.NONE) and i.status != IssueStatus.FOUND
    ]
    body = [
        f"根据{committee}统一部署，{committee}{insp.team_name}{_period(insp)}对你单位党组织进行了巡察。"
        f"按照有关规定，经{committee}巡察工作领导小组研究，现将巡察发现的主要问题反馈如下。",
        "一、巡察发现的主要问题",
        *_issue_paragraphs(fed),
        "二、整改意见和要求",
        "（一）提高政治站位。要把巡察整改作为增强“四个意识”、坚决做到“两个维护”的实际行动，党组织书记切实履行第一责任人职责。",
        "（二）逐条抓好整改。对反馈的问题建立问题清单、任务清单、责任清单，明确整改措施、责任领导、责任部门、责任人和完成时限，"
        "做到件件有着落。",
        "（三）按时报告整改情况。请在收到本反馈意见后15个工作日内报送整改方案，2个月内报送整改情况报告。",
    ]
    return DocumentDraft(
        title=f"{committee}{insp.team_name}关于巡察{insp.unit_name}党组织的反馈意见",
        addressee=f"{insp.unit_name}党组织：",
        body="\n".join(body),
        issuer=f"{committee}{insp.team_name}",
        issued_on=today or deadlines.today(),
    )


TARGET_NAMES = {
    TransferTarget.DISCIPLINE_COMMISSION: ("纪委监委", "你委"),  # after the place: 某市纪委监委
    TransferTarget.ORGANISATION_DEPT: ("委组织部", "你部"),
    TransferTarget.OTHER: ("", "你单位"),
}
_ISSUE_DISPOSITION = {
    TransferTarget.DISCIPLINE_COMMISSION: Disposition.DISCIPLINE_COMMISSION,
    TransferTarget.ORGANISATION_DEPT: Disposition.ORGANISATION_DEPT,
    TransferTarget.OTHER: Disposition.OTHER,
}


def transfer_letter(
    session: Session, inspection_id: str, target: TransferTarget | str, *, today: str | None = None
) -> DocumentDraft:
    target = TransferTarget(target)
    leads.require_lead_access(session, inspection_id)
    insp, org, committee, _rnd = _context(session, inspection_id)
    mine = [
        x
        for x in leads.list_leads(session, inspection_id=inspection_id)
        if x.transfer_to == target
        or (x.transfer_to is None and target == TransferTarget.DISCIPLINE_COMMISSION)
    ]
    related = [i for i in _live_issues(session, inspection_id) if i.disposition == _ISSUE_DISPOSITION[target]]
    suffix, you = TARGET_NAMES[target]
    receiver = _place(committee) + suffix if suffix else (mine[0].transfer_body if mine else "有关单位")
    letter_no = next((x.letter_no for x in mine if x.letter_no), "")
    body = [
        f"{committee}{insp.team_name}在对{insp.unit_name}党组织开展巡察期间，发现该单位有关人员问题线索{len(mine)}件"
        + (f"、有关问题{len(related)}个" if related else "")
        + f"。根据巡察工作有关规定，现移交{you}，请按照干部管理权限和有关规定处理，并于3个月内将办理情况反馈{org}。",
        "一、问题线索",
    ]
    for k, lead in enumerate(mine, start=1):
        post = f"（{lead.person_post}）" if lead.person_post else ""
        body.append(
            f"{k}. {lead.person_name}{post}：{_sentence(lead.summary)}线索来源：{lead.source.label}。"
        )
    if not mine:
        body.append("（无）")
    if related:
        body.append("二、有关问题")
        for k, issue in enumerate(related, start=1):
            body.append(f"{k}. {issue.title.rstrip('。')}。{_sentence(issue.facts)}")
    body.append(f"{'三' if related else '二'}、有关要求")
    body.append(
        "问题线索涉及人员和反映人信息，请严格保密，仅限办理人员知悉。"
        + (f"本函编号：{letter_no}。" if letter_no else "")
    )
    return DocumentDraft(
        title=f"关于移交{insp.unit_name}有关问题线索的函",
        addressee=f"{receiver}：",
        body="\n".join(body),
        issuer=org,
        issued_on=today or deadlines.today(),
        classification="机密" if session.user.clearance == "机密" else "秘密",
        protection_years=1,
    )


def rectification_notice(session: Session, inspection_id: str, *, today: str | None = None) -> DocumentDraft:
    on = today or deadlines.today()
    insp, org, committee, _rnd = _context(session, inspection_id)
    items = rectification_reads.list_for_inspection(session, inspection_id, today=on)
    closed = [x for x in items if x[1].state == RectState.CLOSED]
    open_items = [x for x in items if x[1].state != RectState.CLOSED]
    overdue = [x for x in open_items if x[1].overdue]
    body = [
        f"{committee}{insp.team_name}对你单位党组织巡察反馈问题{len(items)}个。截至{chinese_date(on)}，已整改销号{len(closed)}个，"
        f"尚未销号{len(open_items)}个，其中逾期未完成{len(overdue)}个。为推动巡察整改落实落地，现就有关事项通知如下。",
        "一、尚未完成的整改事项",
    ]
    for k, (issue, rect) in enumerate(open_items, start=1):
        number = f"（{issue.number}）" if issue.number else ""
        late = "（已逾期）" if rect.overdue else ""
        body.append(f"（{chinese_number(k)}）{issue.title.rstrip('。')}{number}{late}")
        measures = [m for m in rect.measures if m.completion.value != "done"]
        if not rect.plan_submitted_on:
            body.append(f"1. 整改方案尚未报送，应于{chinese_date(rect.plan_due)}前报送。")
        for j, m in enumerate(measures, start=1 if rect.plan_submitted_on else 2):
            who = "、".join(x for x in (m.responsible_leader, m.responsible_dept, m.responsible_person) if x)
            flag = "，已逾期" if m.overdue else ""
            body.append(
                f"{j}. {m.description.rstrip('。')}（责任：{who or '未明确'}；完成时限：{chinese_date(m.deadline)}{flag}）。"
            )
    if not open_items:
        body.append("反馈问题已全部整改销号。")
    body += [
        "二、有关要求",
        "（一）对逾期未完成的整改事项，请说明原因，明确完成时限，于10个工作日内书面报告。",
        "（二）对需要长期坚持的整改事项，要建立常态化推进机制，防止问题反弹。",
        "（三）整改完成后及时报送佐证材料，经巡察办核验后予以销号。对整改不力、敷衍整改的，将依规依纪严肃问责。",
    ]
    return DocumentDraft(
        title=f"关于督促{insp.unit_name}抓好巡察反馈问题整改的通知",
        addressee=f"{insp.unit_name}党组织：",
        body="\n".join(body),
        issuer=org,
        issued_on=on,
    )


def statistics_report(session: Session, round_id: str, *, today: str | None = None) -> DocumentDraft:
    on = today or deadlines.today()
    require_scope(session, DocKind.STATISTICS_REPORT, None, round_id, write=False)
    org = workstation_info(session).org_name
    committee = committee_name(org)
    rnd = terms.get_round(session, round_id)
    term = terms.get_term(session, rnd.term_id)
    fig = figures.compute(session, figures.Scope(round_id=round_id), today=on)
    rate = f"{fig.close_out_rate * 100:.1f}%"
    body = [
        f"截至{chinese_date(on)}，{term.name}{rnd.label}巡察共对{fig.units_covered}个单位党组织开展巡察（{fig.inspections}项）。"
        "现将主要数据报告如下。",
        "一、发现问题情况",
        f"共发现问题{fig.issues_found}个，其中反馈被巡察单位{fig.issues_fed_back}个、移交有关部门{fig.issues_transferred}个，"
        f"经核实排除{fig.issues_dismissed}个。"
        + (
            f"其中立行立改问题{fig.immediate_fixes}个，已登记整改情况{fig.immediate_fixes_done}个。"
            if fig.immediate_fixes
            else ""
        )
        + "按问题类别分：",
    ]
    for k, cat in enumerate(fig.by_category, start=1):
        body.append(f"{k}. {cat.category_name}：{cat.count}个。")
    if fig.leads is not None:
        lf = fig.leads
        body += [
            "二、问题线索移交及办理情况",
            f"共发现问题线索{lf.total}件，已移交{lf.transferred}件（纪委监委{lf.to_discipline_commission}件、"
            f"组织部{lf.to_organisation_dept}件、其他单位{lf.to_other}件），已反馈办理结果{lf.reported}件，"
            f"逾期未反馈{lf.overdue}件。立案{lf.cases_opened}件，给予党纪政务处分{lf.sanctions}人，组织处理{lf.organisational_handling}人。",
        ]
    n = "三" if fig.leads is not None else "二"
    body += [
        f"{n}、整改情况",
        f"整改事项{fig.rectification_items}个，已销号{fig.rectification_done}个，未销号{fig.rectification_open}个，"
        f"其中逾期{fig.rectification_overdue}个，整改销号率{rate}。整改措施{fig.measures_total}项，已完成{fig.measures_done}项，"
        f"逾期未完成{fig.measures_overdue}项。",
    ]
    if fig.units_total:
        body.append(
            f"{'四' if n == '三' else '三'}、巡察全覆盖情况\n本届应巡察单位{fig.units_total}个，本轮覆盖{fig.units_covered}个。"
        )
    return DocumentDraft(
        title=f"{rnd.label}巡察工作情况统计报告",
        addressee=f"{committee}巡察工作领导小组：",
        body="\n".join(body),
        issuer=org,
        issued_on=on,
    )


def _ways(session: Session, inspection_id: str) -> str:
    """'个别谈话12人次、走访3次、列席会议…' — the counts of the records the team kept."""
    parts = [
        ("个别谈话", _count(session, "talks", inspection_id), "人次"),
        ("调阅资料", _count(session, "request_items", inspection_id), "件"),
        ("召开座谈会等会议", _count(session, "meetings", inspection_id), "次"),
        ("下沉走访", _count(session, "visits", inspection_id), "次"),
    ]
    return "、".join(f"{what}{n}{unit}" for what, n, unit in parts if n) or "个别谈话、调阅资料等"


def special_report(
    session: Session, inspection_id: str, topic: str = "", *, today: str | None = None
) -> DocumentDraft:
    """专题报告: one subject of the inspection, for the leading group."""
    insp, _org, committee, _rnd = _context(session, inspection_id)
    found = _live_issues(session, inspection_id)
    subject = topic.strip() or "巡察发现的突出问题"
    body = [
        f"{committee}{insp.team_name}{_period(insp)}对{insp.unit_name}党组织开展巡察，通过{_ways(session, inspection_id)}"
        f"等方式，对{subject}进行了重点了解。现将有关情况专题报告如下。",
        "一、基本情况",
        "（此处由巡察组补充该专题的背景和有关政策规定。）",
        "二、发现的主要问题",
        *(_issue_paragraphs(found) or ["（无）"]),
        "三、原因分析",
        "（此处由巡察组分析问题产生的原因。）",
        "四、意见建议",
        "（一）督促被巡察单位党组织立行立改，对能够立即整改的问题即知即改。",
        "（二）对需要有关部门研究解决的问题，建议由领导小组交办有关职能部门。",
    ]
    return DocumentDraft(
        title=f"关于{insp.unit_name}{subject}的专题报告",
        addressee=f"{committee}巡察工作领导小组：",
        body="\n".join(body),
        issuer=f"{committee}{insp.team_name}",
        issued_on=today or deadlines.today(),
    )


def urgent_report(session: Session, inspection_id: str, *, today: str | None = None) -> DocumentDraft:
    """重要情况报告: the issues tagged 重点关注 (all the live ones if none is), reported at once."""
    insp, _org, committee, _rnd = _context(session, inspection_id)
    found = _live_issues(session, inspection_id)
    key = [i for i in found if IssueTag.KEY_ATTENTION in i.tags] or found
    body = [
        f"{committee}{insp.team_name}在对{insp.unit_name}党组织巡察期间，发现以下重要情况，"
        "按照巡察工作有关规定，现及时报告如下。",
        "一、有关情况",
    ]
    for k, issue in enumerate(key, start=1):
        body.append(f"{k}. {issue.title.rstrip('。')}。{_sentence(issue.facts)}")
    if not key:
        body.append("（无）")
    body += [
        "二、初步核实情况",
        "（此处由巡察组说明已开展的核实工作和掌握的证据。）",
        "三、下一步工作建议",
        "巡察组将继续深入了解有关情况，及时报告。建议领导小组研究后，视情况交有关部门处理。",
    ]
    return DocumentDraft(
        title=f"关于巡察{insp.unit_name}发现重要情况的报告",
        addressee=f"{committee}巡察工作领导小组：",
        body="\n".join(body),
        issuer=f"{committee}{insp.team_name}",
        issued_on=today or deadlines.today(),
        classification="机密" if session.user.clearance == "机密" else "秘密",
        protection_years=1,
    )


_COPY_DISPOSITION = {
    CopyTarget.DISCIPLINE_COMMISSION: Disposition.DISCIPLINE_COMMISSION,
    CopyTarget.ORGANISATION_DEPT: Disposition.ORGANISATION_DEPT,
}


def copy_notice(
    session: Session, inspection_id: str, target: CopyTarget | str, *, today: str | None = None
) -> DocumentDraft:
    """抄告单: what the body addressed should know of — to the discipline commission and the organisation
    department the issues passed to them, to the leader in charge the leadership's issues (else all)."""
    target = CopyTarget(target)
    insp, org, committee, _rnd = _context(session, inspection_id)
    found = _live_issues(session, inspection_id)
    place = _place(committee)
    if target == CopyTarget.LEADER_IN_CHARGE:
        items = [i for i in found if i.level == IssueLevel.LEADERSHIP] or found
        receiver, you, ask = f"{committee}分管领导同志", "您", "请予关注并督促整改"
    else:
        items = [i for i in found if i.disposition == _COPY_DISPOSITION[target]]
        receiver = place + ("纪委监委" if target == CopyTarget.DISCIPLINE_COMMISSION else "委组织部")
        you, ask = ("你委" if target == CopyTarget.DISCIPLINE_COMMISSION else "你部"), "请结合职责研究处理"
    body = [
        f"{committee}{insp.team_name}在对{insp.unit_name}党组织开展巡察期间，发现以下情况，需要{you}知悉。"
        f"根据巡察工作有关规定，现予抄告，{ask}，并将有关情况反馈{org}。",
        "一、有关情况",
    ]
    for k, issue in enumerate(items, start=1):
        body.append(f"{k}. {issue.title.rstrip('。')}。{_sentence(issue.facts)}")
    if not items:
        body.append("（无）")
    body += ["二、有关要求", "本抄告单内容仅供工作参考，请严格控制知悉范围。"]
    return DocumentDraft(
        title=f"巡察情况抄告单（{insp.unit_name}）",
        addressee=f"{receiver}：",
        body="\n".join(body),
        issuer=f"{committee}{insp.team_name}",
        issued_on=today or deadlines.today(),
    )


def assemble(
    session: Session,
    kind: DocKind | str,
    *,
    inspection_id: str | None = None,
    round_id: str | None = None,
    target: str = TransferTarget.DISCIPLINE_COMMISSION.value,
    today: str | None = None,
) -> DocumentDraft:
    """The first draft of a document of `kind` from the records of the inspection (or round)."""
    kind = DocKind(kind)
    require_scope(session, kind, inspection_id, round_id, write=False)
    if kind == DocKind.INSPECTION_REPORT:
        return inspection_report(session, inspection_id, today=today)
    if kind == DocKind.FEEDBACK_LETTER:
        return feedback_letter(session, inspection_id, today=today)
    if kind == DocKind.TRANSFER_LETTER:
        return transfer_letter(session, inspection_id, target, today=today)
    if kind == DocKind.RECTIFICATION_NOTICE:
        return rectification_notice(session, inspection_id, today=today)
    if kind == DocKind.SPECIAL_REPORT:
        return special_report(session, inspection_id, today=today)
    if kind == DocKind.URGENT_REPORT:
        return urgent_report(session, inspection_id, today=today)
    if kind == DocKind.COPY_NOTICE:
        copy_target = target if target in set(CopyTarget) else CopyTarget.LEADER_IN_CHARGE
        return copy_notice(session, inspection_id, copy_target, today=today)
    return statistics_report(session, round_id, today=today)
