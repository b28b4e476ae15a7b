"""The audit trail in Chinese: a label for every audited action and object type, and object names.

`ACTION_LABELS` names every action any `session.audit(...)` call writes (a test walks app/ and fails on
a missing one); `OBJECT_TYPE_LABELS` names every object type, printed and exported document kinds
among them. `object_names(conn, entries)` names the objects an auditor may know without reading case
content: a talk's record number (谈话记录 第4号), a unit's or team's name, an issue's number, an
account's username (a display name stays off the exported file); never an interviewee, a lead's or petition's subject, a file name or a passage.
`summary_text(action, summary)` turns the enum codes some summaries carry (mostly_done, on_site) into
their labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

from app.core.domain.briefings.types import BriefingSource
from app.core.domain.meetings.types import MeetingKind
from app.core.domain.organisation.inspections import Phase
from app.core.domain.organisation.teams import TeamPosition
from app.core.domain.organisation.terms import RoundKind, RoundStatus
from app.core.domain.organisation.units import UnitKind
from app.core.domain.register.evidence import EvidenceKind
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.register.leads import Disposal, TransferTarget
from app.core.domain.register.petitions import Handling
from app.core.domain.register.rectification_record import Completion
from app.core.domain.visits.types import VisitKind
from app.core.imports.sniff import FileKind
from app.core.official.kinds import DocKind

ACTION_LABELS: dict[str, str] = {
    # 账号与安全
    "login_refused_pending": "登录被拒（尚未授权）",
    "lockout_counters_tampered": "失败次数记录被改动（告警）",
    "compartment_create": "建立保密分区密钥",
    "compartment_rotate": "更换保密分区密钥",
    "compartment_share": "交付保密分区密钥",
    "compartment_seal_refused": "拒绝向未签署的公钥交付分区密钥",
    "restore_failed": "恢复备份密码错误",
    "restore_refused_locked": "恢复备份被拒（已锁定）",
    "dual_confirm_failed": "双人确认失败",
    "dual_confirm_refused_locked": "双人确认被拒（已锁定）",
    "recovery_code_renewed": "更换恢复码",
    "account_key_register": "登记账号公钥",
    "account_key_certify": "签署账号公钥",
    "audit_signing_upgrade": "启用审计签名",
    "audit_checkpoint": "打印审计检查点",
    "key_rotate": "更换数据库密钥",
    "draft_save": "保存草稿",
    "draft_discard": "丢弃草稿",
    "import_refused": "拒绝导入",
    "official_issuers_set": "设置发文机关",
    "setup": "初始化工作站",
    "login": "登录",
    "logout": "退出",
    "login_failed": "登录失败",
    "login_refused_locked": "登录被拒（已锁定）",
    "login_refused_disabled": "登录被拒（已停用）",
    "account_locked": "账号锁定",
    "lock": "锁屏",
    "unlock": "解除锁屏",
    "unlock_failed": "解除锁屏失败",
    "unlock_refused_locked": "解除锁屏被拒（已锁定）",
    "account_create": "创建账号",
    "account_disable": "停用账号",
    "account_enable": "启用账号",
    "password_change": "修改密码",
    "password_reset": "重置密码",
    "password_recovery": "恢复码重置密码",
    "recovery_unlock": "使用恢复码",
    "role_assign": "设置角色",
    "policy_set": "修改安全策略",
    "accounts_view": "查看账号",
    "audit_view": "查阅审计日志",
    "audit_export": "导出审计日志",
    "audit_head_alarm": "审计链头告警",
    "store_verify": "校验数据库",
    "backup_create": "备份",
    "backup_restore": "恢复备份",
    "demo_account_ready": "准备演示账号",
    # 届次、轮次、批次、单位、巡察组
    "term_create": "新建届次",
    "term_update": "修改届次",
    "term_delete": "删除届次",
    "round_create": "新建轮次",
    "round_update": "修改轮次",
    "round_delete": "删除轮次",
    "batch_create": "新建批次",
    "batch_update": "修改批次",
    "batch_delete": "删除批次",
    "unit_create": "新建单位",
    "unit_update": "修改单位",
    "unit_delete": "删除单位",
    "unit_open": "查看单位",
    "units_view": "查看单位名录",
    "leadership_add": "添加班子成员",
    "leadership_update": "修改班子成员",
    "leadership_delete": "删除班子成员",
    "leadership_view": "查看班子成员",
    "coverage_view": "查看巡察全覆盖",
    "staff_add": "添加巡察干部",
    "staff_update": "修改巡察干部",
    "staff_remove": "移除巡察干部",
    "staff_view": "查看巡察干部库",
    "recusal_declare": "登记回避",
    "recusal_update": "修改回避",
    "recusal_withdraw": "撤销回避",
    "recusal_override": "回避例外批准",
    "recusals_view": "查看回避登记",
    "team_create": "新建巡察组",
    "team_update": "修改巡察组",
    "team_delete": "删除巡察组",
    "teams_view": "查看巡察组",
    "team_member_add": "添加组员",
    "team_member_update": "修改组员",
    "team_member_remove": "移除组员",
    "team_members_view": "查看组员",
    "inspection_create": "新建巡察",
    "inspection_update": "修改巡察",
    "inspection_delete": "删除巡察",
    "inspection_open": "打开巡察",
    "inspection_liaison": "设置联络人",
    "inspections_view": "查看巡察列表",
    "inspections_search": "搜索巡察",
    "phase_advance": "推进巡察阶段",
    "phase_revert": "退回巡察阶段",
    "phase_date_set": "设置阶段日期",
    "phase_history_view": "查看阶段记录",
    # 谈话
    "talk_create": "新建谈话记录",
    "talk_update": "修改谈话记录",
    "talk_recorded": "谈话记录完成",
    "talk_reopened": "重新打开谈话记录",
    "talk_signed": "谈话记录签字",
    "talk_addendum": "签字后补记",
    "talk_view": "查看谈话记录",
    "talks_list": "查看谈话列表",
    "talks_search": "搜索谈话记录",
    "talk_preview": "预览谈话记录",
    "talk_scan_attached": "附上签字扫描件",
    "talk_scan_view": "查看签字扫描件",
    "talk_issues_view": "查看谈话关联问题",
    # 会议
    "meeting_create": "新建会议记录",
    "meeting_update": "修改会议记录",
    "meeting_delete": "删除会议记录",
    "meeting_view": "查看会议记录",
    "meetings_list": "查看会议列表",
    "meetings_search": "搜索会议记录",
    "meeting_preview": "预览会议纪要或签到表",
    "meeting_attachment_add": "附加会议材料",
    "meeting_attachment_view": "查看会议材料",
    "meeting_attachment_remove": "删除会议材料",
    # 走访
    "visit_create": "新建走访记录",
    "visit_update": "修改走访记录",
    "visit_delete": "删除走访记录",
    "visit_view": "查看走访记录",
    "visits_list": "查看走访记录列表",
    "visits_search": "搜索走访记录",
    "visit_preview": "预览走访记录",
    "visit_attachment_add": "导入走访照片或资料",
    "visit_attachment_view": "查看走访照片或资料",
    "visit_attachment_remove": "删除走访照片或资料",
    # 个人有关事项抽查
    "spot_check_create": "新建个人有关事项抽查记录",
    "spot_check_update": "修改个人有关事项抽查记录",
    "spot_check_delete": "删除个人有关事项抽查记录",
    "spot_check_view": "查看个人有关事项抽查记录",
    "spot_checks_list": "查看个人有关事项抽查列表",
    # 立行立改
    "immediate_fix_record": "登记立行立改情况",
    "immediate_fix_proof_add": "附加立行立改佐证材料",
    "immediate_fix_proof_view": "查看立行立改佐证材料",
    "immediate_fix_proof_remove": "删除立行立改佐证材料",
    "immediate_fixes_list": "查看立行立改清单",
    # 谈话计划
    "briefing_create": "新建情况通报商请函",
    "briefing_update": "修改情况通报商请函",
    "briefing_delete": "删除情况通报",
    "briefing_view": "查看情况通报",
    "briefings_list": "查看情况通报列表",
    "briefings_search": "检索情况通报",
    "briefing_item_add": "登记通报内容",
    "briefing_item_update": "修改通报内容",
    "briefing_item_delete": "删除通报内容",
    "briefing_item_view": "查看通报内容",
    "briefing_attachment_add": "附加通报材料",
    "briefing_attachment_view": "查看通报材料",
    "briefing_attachment_remove": "删除通报材料",
    "briefing_letter_preview": "预览商请提供情况的函",
    "briefing_summary_preview": "预览巡前情况通报汇总",
    "work_plan_save": "保存巡察工作方案（新版本）",
    "work_plan_view": "查看巡察工作方案",
    "work_plan_preview": "预览巡察工作方案",
    "team_log_view": "查看巡察日志",
    "team_log_add": "新增巡察日志记录",
    "team_log_update": "修改巡察日志记录",
    "team_log_delete": "删除巡察日志记录",
    "team_log_preview": "预览巡察日志",
    "talk_plan_line_create": "新增谈话计划人员",
    "talk_plan_line_update": "修改谈话计划人员",
    "talk_plan_line_delete": "删除谈话计划人员",
    "talk_plan_propose": "按班子名单生成必谈人员",
    "talk_plan_view": "查看谈话计划",
    "talk_plan_preview": "预览谈话计划或谈话通知",
    # 调阅资料
    "document_requests_view": "查看调阅清单",
    "document_request_create": "新建调阅事项",
    "document_request_update": "修改调阅事项",
    "document_request_delete": "删除调阅事项",
    "document_request_open": "查看调阅事项",
    "document_receive": "接收调阅资料",
    "document_hand_over": "转交调阅资料",
    "document_copies": "复印调阅资料",
    "document_return_plan": "约定归还日期",
    "document_return": "归还调阅资料",
    "documents_search": "搜索调阅资料",
    "custody_override_approve": "批准未还资料例外",
    "custody_override_used": "使用未还资料例外",
    "reading_create": "新建阅读记录",
    "reading_update": "修改阅读记录",
    "reading_delete": "删除阅读记录",
    "readings_view": "查看阅读记录",
    "excerpt_create": "新建资料摘录",
    "excerpt_update": "修改资料摘录",
    "excerpt_delete": "删除资料摘录",
    "excerpt_open": "查看资料摘录",
    "excerpts_view": "查看摘录列表",
    "material_import": "导入资料文件",
    "material_view": "查看资料文件列表",
    "material_open": "打开资料文件",
    "material_open_text": "查看资料文件文字",
    "material_delete": "删除资料文件",
    # 问题、线索、信访、整改
    "classification_import": "导入问题分类",
    "classification_update": "修改问题分类",
    "classification_node_add": "添加分类项",
    "classification_node_rename": "重命名分类项",
    "classification_node_move": "移动分类项",
    "classification_node_delete": "删除分类项",
    "classification_node_retire": "停用分类项",
    "classification_node_restore": "恢复分类项",
    "issue_create": "新建问题",
    "issue_update": "修改问题",
    "issue_delete": "删除问题",
    "issue_view": "查看问题",
    "issue_list": "查看问题列表",
    "issue_register_view": "查看问题台账",
    "issue_status": "变更问题状态",
    "issue_review": "问题审核",
    "issue_sign": "问题签批",
    "paper_submit": "提交底稿审核",
    "paper_approve": "副组长审核底稿",
    "paper_return": "退回底稿",
    "paper_sign": "组长审签底稿",
    "paper_adopt": "组务会审定底稿",
    "paper_override": "签批时确认完整性提示",
    "paper_chain_set": "设置底稿审签流程",
    "paper_states_view": "查看底稿审签状态",
    "paper_reopen": "因事实异议重新打开底稿",
    "fact_sheet_create": "生成事实确认单",
    "fact_sheet_send": "登记送达事实确认单",
    "fact_sheet_view": "查看事实确认单",
    "fact_sheets_view": "查看事实确认单列表",
    "fact_answer": "登记单位对事实的答复",
    "fact_decide": "作出事实异议处理决定",
    "fact_override": "事实未确认时决定用印",
    "fact_sheet_print": "打印事实确认单",
    "unit_deadlines_view": "查看整改报送时限",
    "unit_deadlines_overdue_view": "查看逾期整改报送",
    "unit_report_record": "登记单位整改报告",
    "assessment_template_save": "保存整改成效评估模板",
    "assessment_view": "查看整改成效评估",
    "assessment_begin": "开始整改成效评估",
    "assessment_score": "整改成效评估评分",
    "assessment_conclude": "评定整改成效等次",
    "lookback_propose": "列入回头看",
    "lookbacks_view": "查看回头看安排",
    "lookback_schedule": "安排回头看",
    "lookback_earlier_view": "回头看查阅原巡察问题",
    "lookback_link": "关联回头看发现与原问题",
    "archive_propose": "查看应归档文件",
    "archive_open": "建立巡察档案并编号",
    "archive_renumber": "重新编号归档文件",
    "archive_close": "封存巡察档案",
    "archive_retention_set": "设置归档保管期限",
    "archive_item_view": "查看归档文件",
    "archive_print": "打印归档目录、备考表或归档章",
    "archive_export": "导出电子档案",
    "archive_verify": "电子档案四性检测",
    "archive_addendum": "登记档案补充说明",
    "issue_evidence_add": "添加问题依据",
    "issue_evidence_remove": "移除问题依据",
    "issue_evidence_move": "调整问题依据顺序",
    "figures_view": "查看统计数据",
    "lead_create": "登记问题线索",
    "lead_update": "修改问题线索",
    "lead_delete": "删除问题线索",
    "lead_view": "查看问题线索",
    "lead_list": "查看线索列表",
    "lead_transfer": "移交问题线索",
    "lead_report": "登记线索办理结果",
    "lead_report_due": "设置线索反馈期限",
    "lead_link_issue": "线索关联问题",
    "lead_unlink_issue": "线索取消关联问题",
    "petition_create": "登记信访件",
    "petition_update": "修改信访件",
    "petition_delete": "删除信访件",
    "petition_view": "查看信访件",
    "petition_list": "查看信访列表",
    "petition_handling": "处理信访件",
    "petition_link_issue": "信访件关联问题",
    "rectification_open": "开始整改",
    "rectification_view": "查看整改",
    "rectification_list": "导出整改清单",
    "rectification_deadlines": "设置整改期限",
    "rectification_goal": "设置整改目标",
    "rectification_plan": "报送整改方案",
    "rectification_completion": "单位报告整改情况",
    "rectification_measure_add": "添加整改措施",
    "rectification_measure_update": "修改整改措施",
    "rectification_measure_remove": "删除整改措施",
    "rectification_measure_completion": "整改措施完成情况",
    "rectification_progress_add": "登记整改进展",
    "rectification_evidence_view": "查看整改佐证",
    "rectification_open_items": "查看未完成事项",
    "rectification_close_out": "核验销号",
    "rectification_reopen": "重新打开整改",
    # 正式文书、印章、打印登记
    "official_create": "新建正式文书",
    "official_save": "保存正式文书",
    "official_open": "打开正式文书",
    "official_view": "查看正式文书",
    "official_list": "查看正式文书列表",
    "official_versions": "查看文书版本",
    "official_print": "打印正式文书",
    "official_recall": "收回正式文书",
    "official_copies_view": "查看文书份号",
    "seal_store": "存入印章图像",
    "seal_retire": "停用印章",
    "seal_view": "查看印章",
    "seal_apply": "加盖印章",
    "seal_register_view": "查看用印登记",
    "print_verify": "核验打印件",
    "print": "打印",
    "export": "导出",
    "print_copy_issued": "份号发出",
    "print_copy_returned": "份号收回",
    "print_copy_destroyed": "份号销毁",
    "print_register_view": "查看打印登记",
    # 表格导入导出
    "sheet_export": "导出 Excel",
    # 工作站交换（配置—移交—合并—清理）
    "exchange_setup_export": "导出巡察组配置包",
    "exchange_setup_import": "由配置包建立工作站",
    "exchange_hand_in": "导出移交包",
    "exchange_merge": "合并移交包",
    "exchange_receipt_export": "导出合并回执",
    "exchange_receipt_import": "导入合并回执",
    "exchange_conflict_resolve": "处理合并冲突",
    "exchange_conflicts_view": "查看合并冲突",
    "exchange_register_view": "查看交换登记",
    "exchange_review": "移交前审核",
    "exchange_wipe": "清理巡察组工作站",
    "exchange_archive_view": "查看交换包存档",
    "sheet_import_preview": "预览 Excel 导入",
    "sheet_import": "导入 Excel",
    "ledger_remark": "台账备注",
    # 民主测评、问卷调查
    "eval_templates_installed": "安装内置测评表模板",
    "eval_template_create": "新建测评表模板",
    "eval_template_update": "修改测评表模板",
    "eval_template_archive": "停用测评表模板",
    "eval_survey_create": "建立测评",
    "eval_survey_update": "修改测评",
    "eval_round_create": "新建测评轮次",
    "eval_round_returned": "登记回收份数",
    "eval_forms_print": "印制测评表",
    "eval_sheet_entry": "录入测评表",
    "eval_sheet_second_entry": "核对录入测评表",
    "eval_sheet_settled": "复核录入不一致的测评表",
    "eval_scan_import": "导入测评表扫描件",
    "eval_review_decide": "复核识别不清的选项",
    "eval_written_text": "补录扫描件的文字意见",
    "eval_scan_view": "查看测评表扫描页",
    "eval_results_view": "查看测评结果",
    "eval_report_print": "打印测评报告",
    "eval_tally_export": "导出测评统计（Excel）",
}

OBJECT_TYPE_LABELS: dict[str, str] = {
    "": "无对象",  # drafts: the user's scratch, no record (and so no change notice)
    "account_key": "账号公钥",
    "exchange": "交换包",
    "compartment": "保密分区",
    "user": "账号",
    "audit": "审计日志",
    "backup": "备份",
    "store": "数据库",
    "policy": "安全策略",
    "term": "届次",
    "round": "轮次",
    "batch": "批次",
    "unit": "单位",
    "leadership": "班子成员",
    "staff": "巡察干部",
    "recusal": "回避",
    "team": "巡察组",
    "inspection": "巡察",
    "talk": "谈话记录",
    "meeting": "会议记录",
    "visit": "走访记录",
    "spot_check": "个人有关事项抽查",
    "talk_plan_line": "谈话计划人员",
    "briefing_request": "情况通报",
    "briefing_item": "通报内容",
    "work_plan": "巡察工作方案",
    "team_log_entry": "巡察日志记录",
    "request_item": "调阅资料",
    "reading": "阅读记录",
    "excerpt": "资料摘录",
    "attachment": "资料文件",
    "classification_scheme": "问题分类",
    "classification_node": "分类项",
    "issue": "问题",
    "lead": "问题线索",
    "petition": "信访件",
    "figures": "统计数据",
    "official_document": "正式文书",
    "seal": "印章",
    "seal_register": "用印登记",
    "print_register": "打印登记",
    # printed and exported documents (the print register's kinds)
    "talk_record": "谈话记录（打印件）",
    "meeting_minutes": "会议纪要",
    "sign_in_sheet": "会议签到表",
    "visit_record": "走访记录（打印件）",
    "talk_plan": "谈话计划",
    "talk_notice": "谈话通知",
    "briefing_letter": "商请提供情况的函",
    "briefing_summary": "巡前情况通报汇总",
    "team_log": "巡察日志",
    "issue_list": "问题清单",
    "rectification_ledger": "整改台账",
    "working_paper": "问题底稿",
    "fact_sheet": "事实确认单",
    "assessment": "整改成效评估",
    "assessment_report": "整改成效评估报告",
    "fact_confirmation": "事实确认单（送被巡察单位）",
    "request_list": "调阅资料清单",
    "return_receipt": "调阅资料归还单",
    "unit_list": "单位名录",
    "team_list": "巡察组名单",
    **{f"official_{kind.value}": kind.label for kind in DocKind},
    "xlsx_issue_list": "问题清单（Excel）",
    "xlsx_rectification_ledger": "整改台账（Excel）",
    "xlsx_lead_register": "问题线索台账（Excel）",
    "xlsx_talk_index": "谈话索引（Excel）",
    "xlsx_document_requests": "调阅资料清单（Excel）",
    "xlsx_figures": "统计数据（Excel）",
    "xlsx_meetings": "会议记录清单（Excel）",
    "xlsx_visits": "走访记录清单（Excel）",
    "xlsx_talk_plan": "谈话计划（Excel）",
    "xlsx_briefings": "巡前情况通报清单（Excel）",
    "xlsx_team_log": "巡察日志（Excel）",
    "eval_template": "测评表模板",
    "eval_survey": "测评",
    "eval_round": "测评轮次",
    "eval_forms": "测评表（空白）",
    "eval_report": "测评报告",
    "xlsx_eval_tally": "测评统计（Excel）",
    "archive": "巡察档案",
    "archive_item": "归档文件",
    "archive_catalogue": "归档文件目录",
    "archive_box_sheet": "备考表",
    "archive_stamps": "归档章",
    "xlsx_archive_catalogue": "归档文件目录（Excel）",
}

# The enum codes some actions write into their summaries, by action.
_SUMMARY_ENUMS: dict[str, tuple[type[Enum], ...]] = {
    "rectification_completion": (Completion,),
    "rectification_measure_completion": (Completion,),
    "lead_transfer": (TransferTarget,),
    "lead_report": (Disposal,),
    "issue_status": (IssueStatus,),
    "petition_handling": (Handling,),
    "team_member_add": (TeamPosition,),
    "team_member_update": (TeamPosition,),
    "unit_create": (UnitKind,),
    "unit_update": (UnitKind,),
    "phase_advance": (Phase,),
    "phase_revert": (Phase,),
    "phase_date_set": (Phase,),
    "round_create": (RoundKind,),
    "round_update": (RoundKind, RoundStatus),
    "official_create": (DocKind,),
    "official_save": (DocKind,),
    "material_import": (FileKind,),
    "issue_evidence_add": (EvidenceKind,),
    "meeting_create": (MeetingKind,),
    "visit_create": (VisitKind,),
    "briefing_create": (BriefingSource,),
}
_SEQ = re.compile(r"\bseq (\d+)")
_CODE = re.compile(r"[a-z][a-z_]*[a-z]")
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_MENTION = re.compile(rf"(?:\b(?:inspection|item|issue|talk|unit|round|lead) )?(?P<id>{_UUID})")


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def object_type_label(object_type: str) -> str:
    return OBJECT_TYPE_LABELS.get(object_type, object_type)


def summary_text(action: str, summary: str, names: dict[str, str] | None = None) -> str:
    """The summary with the enum codes of its action replaced by their Chinese labels, and the record
    ids it mentions ("inspection <id>") by their names where `names` (from object_names) has them."""
    if not summary:
        return summary
    if names:
        summary = _MENTION.sub(lambda m: names.get(m.group("id"), m.group(0)), summary)
    summary = _SEQ.sub(r"序号 \1", summary)
    enums = _SUMMARY_ENUMS.get(action)
    if not enums:
        return summary
    codes = {m.value: m.label for enum in enums for m in enum if m.value}
    return _CODE.sub(lambda match: codes.get(match.group(0), match.group(0)), summary).replace(" -> ", " → ")


# ---- naming the object -------------------------------------------------------------------------
# Each query returns one column, `name`, for the row with id = ?. Only what identifies the record
# without its content: numbers, organisational names, account names.
_NAME_QUERIES: dict[str, str] = {
    "user": "SELECT username AS name FROM users WHERE id = ?",
    "unit": "SELECT name FROM units WHERE id = ?",
    "team": "SELECT name FROM teams WHERE id = ?",
    "term": "SELECT name FROM terms WHERE id = ?",
    "round": "SELECT '第' || number || '轮' AS name FROM rounds WHERE id = ?",
    "batch": "SELECT '第' || number || '批' AS name FROM batches WHERE id = ?",
    "compartment": "SELECT u.name || '（第' || r.number || '轮）' ||"
    " CASE c.kind WHEN 'leads' THEN '问题线索分区' ELSE '信访人分区' END AS name FROM compartments c"
    " JOIN inspections i ON i.id = c.inspection_id"
    " JOIN units u ON u.id = i.unit_id JOIN rounds r ON r.id = i.round_id WHERE c.id = ?",
    "inspection": "SELECT u.name || '（第' || r.number || '轮）' AS name FROM inspections i"
    " JOIN units u ON u.id = i.unit_id JOIN rounds r ON r.id = i.round_id WHERE i.id = ?",
    "talk": "SELECT '谈话记录 第' || number || '号' AS name FROM talks WHERE id = ?",
    "meeting": "SELECT '会议 第' || number || '号' AS name FROM meetings WHERE id = ?",
    "visit": "SELECT '走访 第' || number || '号' AS name FROM visits WHERE id = ?",
    "spot_check": "SELECT '个人有关事项抽查 第' || number || '号' AS name FROM spot_checks WHERE id = ?",
    "talk_plan_line": "SELECT '谈话计划 第' || number || '号' AS name FROM talk_plan_lines WHERE id = ?",
    "briefing_request": "SELECT '情况通报 第' || number || '号' AS name FROM briefing_requests WHERE id = ?",
    "briefing_item": "SELECT '情况通报 第' || r.number || '号第' || x.ordinal || '项' AS name FROM briefing_items x"
    " JOIN briefing_requests r ON r.id = x.request_id WHERE x.id = ?",
    "work_plan": "SELECT '巡察工作方案 第' || version || '版' AS name FROM work_plans WHERE id = ?",
    "team_log_entry": "SELECT '巡察日志（' || entry_on || '）' AS name FROM team_log_entries WHERE id = ?",
    "request_item": "SELECT '调阅资料 第' || number || '号' AS name FROM request_items WHERE id = ?",
    "excerpt": "SELECT '资料摘录 第' || number || '号' AS name FROM excerpts WHERE id = ?",
    "issue": "SELECT coalesce(number, '问题（未编号）') AS name FROM issues WHERE id = ?",
    "staff": "SELECT u.username AS name FROM staff s JOIN users u ON u.id = s.user_id WHERE s.id = ?",
    "leadership": "SELECT u.name || ' 班子成员' AS name FROM leadership l JOIN units u ON u.id = l.unit_id"
    " WHERE l.id = ?",
    "official_document": "SELECT '正式文书 第' || serial || '号' AS name FROM official_documents WHERE id = ?",
    "seal": "SELECT name FROM seals WHERE id = ?",
    "lead": "SELECT '问题线索（' || received_on || ' 受理）' AS name FROM leads WHERE id = ?",
    "petition": "SELECT '信访件（' || substr(created_at, 1, 10) || ' 登记）' AS name FROM petitions WHERE id = ?",
    "reading": "SELECT '阅读记录（调阅资料 第' || r.number || '号）' AS name FROM readings x"
    " JOIN request_items r ON r.id = x.item_id WHERE x.id = ?",
    "eval_template": "SELECT name FROM eval_templates WHERE id = ?",
    "eval_survey": "SELECT name || '（表码 ' || code || '）' AS name FROM eval_surveys WHERE id = ?",
    "eval_round": "SELECT s.name || ' 第' || r.number || '轮' AS name FROM eval_rounds r"
    " JOIN eval_surveys s ON s.id = r.survey_id WHERE r.id = ?",
    "classification_scheme": "SELECT name FROM classification_schemes WHERE id = ?",
    "classification_node": "SELECT name FROM classification_nodes WHERE id = ?",
    "archive": "SELECT u.name || '（' || a.year || ' 年度档案）' AS name FROM archives a"
    " JOIN inspections i ON i.id = a.inspection_id JOIN units u ON u.id = i.unit_id WHERE a.id = ?",
    "archive_item": "SELECT archive_no AS name FROM archive_items WHERE id = ?",
    # an exchange package, by its register row (a conflict by the package it came with)
    "exchange": "SELECT (CASE kind WHEN 'setup' THEN '配置包' WHEN 'receipt' THEN '合并回执' ELSE '移交包' END)"
    " || '（第' || package_seq || '号，介质 ' || medium_no || '）' AS name FROM exchange_register"
    " WHERE id = ?1 UNION ALL SELECT '合并冲突（' || table_name || '）' FROM exchange_conflicts WHERE id = ?1",
}
# A printed or exported document names the record it was printed from; try these in order.
_FALLBACK = (
    "talk",
    "meeting",
    "visit",
    "talk_plan_line",
    "briefing_request",
    "work_plan",
    "inspection",
    "issue",
    "official_document",
    "request_item",
    "unit",
    "round",
)


def object_names(conn, entries: Iterable) -> dict[str, str]:
    """{object id: its name} for the entries' objects that can be named (see the module's rules)."""
    names: dict[str, str] = {}
    tried: set[str] = set()

    def look_up(object_id: str, kinds: tuple[str, ...]) -> None:
        if not object_id or object_id in tried:
            return
        tried.add(object_id)
        for kind in kinds:
            row = conn.execute(_NAME_QUERIES[kind], (object_id,)).fetchone()
            if row is not None and row["name"]:
                names[object_id] = row["name"]
                return

    for entry in entries:
        look_up(entry.object_id, (entry.object_type,) if entry.object_type in _NAME_QUERIES else _FALLBACK)
        for mention in _MENTION.finditer(entry.summary or ""):
            look_up(mention.group("id"), _FALLBACK)
    return names
