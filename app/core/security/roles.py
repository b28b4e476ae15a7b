"""Roles and the capability matrix, enforced in the core (the UI only mirrors it).

Separation of duties (三员分立): the system administrator manages accounts and backups but reads no
case data; the security officer sets roles, clearances, the policy and the seal; the auditor reads the
audit trail and nothing else. Case work belongs to the office and the teams. A new business account
is PENDING (no capability, no clearance, cannot sign in) until both administrators grant it a role
(security/dual_control.py): no single administrator can give any account access to case data.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SYSADMIN = "sysadmin"
    SECURITY_OFFICER = "security_officer"
    AUDITOR = "auditor"
    OFFICE = "office"
    TEAM_LEADER = "team_leader"
    TEAM_MEMBER = "team_member"
    PENDING = "pending"  # a new business account the two administrators have not yet granted

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def is_administrator(self) -> bool:
        return self in ADMIN_ROLES


ROLE_LABELS: dict[Role, str] = {
    Role.SYSADMIN: "系统管理员",
    Role.SECURITY_OFFICER: "安全保密管理员",
    Role.AUDITOR: "安全审计员",
    Role.OFFICE: "巡察办工作人员",
    Role.TEAM_LEADER: "巡察组组长",
    Role.TEAM_MEMBER: "巡察组组员",
    Role.PENDING: "待授权",
}

ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECURITY_OFFICER, Role.AUDITOR})


class Cap(StrEnum):
    ACCOUNTS_MANAGE = "accounts.manage"  # create, disable, reset passwords
    ACCOUNTS_LIST = "accounts.list"
    ROLES_ASSIGN = "roles.assign"  # roles and clearances
    POLICY_SET = "policy.set"
    AUDIT_READ = "audit.read"
    AUDIT_EXPORT = "audit.export"
    STORE_VERIFY = "store.verify"
    BACKUP_CREATE = "backup.create"
    BACKUP_RESTORE = "backup.restore"
    CASE_READ_ALL = "case.read_all"  # every inspection
    CASE_READ_TEAM = "case.read_team"  # own team's inspections only
    CASE_WRITE = "case.write"  # talks, documents, issues within visible inspections
    ORG_MANAGE = "org.manage"  # terms, rounds, units, teams, staff pool
    RECUSAL_OVERRIDE = "recusal.override"
    LEADS_READ = "leads.read"
    LEADS_WRITE = "leads.write"
    ISSUE_SIGN = "issue.sign"  # the leader signs working papers
    PHASE_OVERRIDE = "phase.override"  # the leader moves on with items unreturned
    CLOSE_OUT = "rectification.close_out"
    PRINT = "print"
    EXPORT = "export"
    SEAL_STORE = "seal.store"
    SEAL_APPLY = "seal.apply"
    PRINT_AUTHENTICATE = "print.authenticate"
    KEY_ROTATE = "key.rotate"  # re-encrypt the database under a new key


CASE_ROLES = frozenset({Role.OFFICE, Role.TEAM_LEADER, Role.TEAM_MEMBER})

MATRIX: dict[Role, frozenset[Cap]] = {
    Role.SYSADMIN: frozenset({Cap.ACCOUNTS_MANAGE, Cap.ACCOUNTS_LIST, Cap.BACKUP_CREATE, Cap.BACKUP_RESTORE}),
    Role.SECURITY_OFFICER: frozenset(
        {
            Cap.ACCOUNTS_LIST,
            Cap.ROLES_ASSIGN,
            Cap.POLICY_SET,
            Cap.STORE_VERIFY,
            Cap.SEAL_STORE,
            Cap.PRINT_AUTHENTICATE,
            Cap.KEY_ROTATE,
        }
    ),
    Role.AUDITOR: frozenset({Cap.AUDIT_READ, Cap.AUDIT_EXPORT, Cap.STORE_VERIFY, Cap.PRINT_AUTHENTICATE}),
    Role.OFFICE: frozenset(
        {
            Cap.CASE_READ_ALL,
            Cap.CASE_WRITE,
            Cap.ORG_MANAGE,
            Cap.RECUSAL_OVERRIDE,
            Cap.LEADS_READ,
            Cap.LEADS_WRITE,
            Cap.CLOSE_OUT,
            Cap.PRINT,
            Cap.EXPORT,
            Cap.SEAL_APPLY,
            Cap.PRINT_AUTHENTICATE,
        }
    ),
    Role.TEAM_LEADER: frozenset(
        {
            Cap.CASE_READ_TEAM,
            Cap.CASE_WRITE,
            Cap.LEADS_READ,
            Cap.LEADS_WRITE,
            Cap.ISSUE_SIGN,
            Cap.PHASE_OVERRIDE,
            Cap.PRINT,
            Cap.EXPORT,
            Cap.PRINT_AUTHENTICATE,
        }
    ),
    Role.TEAM_MEMBER: frozenset({Cap.CASE_READ_TEAM, Cap.CASE_WRITE, Cap.PRINT}),
    Role.PENDING: frozenset(),  # cannot even sign in (workstation refuses it)
}


def allowed(role: Role, cap: Cap) -> bool:
    return cap in MATRIX[role]


CAP_LABELS: dict[Cap, str] = {
    Cap.ACCOUNTS_MANAGE: "管理账号",
    Cap.ACCOUNTS_LIST: "查看账号列表",
    Cap.ROLES_ASSIGN: "设置角色和密级",
    Cap.POLICY_SET: "设置安全策略",
    Cap.AUDIT_READ: "查阅审计日志",
    Cap.AUDIT_EXPORT: "导出审计日志",
    Cap.STORE_VERIFY: "校验数据库",
    Cap.BACKUP_CREATE: "备份数据",
    Cap.BACKUP_RESTORE: "恢复数据",
    Cap.CASE_READ_ALL: "查看全部巡察资料",
    Cap.CASE_READ_TEAM: "查看本组巡察资料",
    Cap.CASE_WRITE: "录入巡察资料",
    Cap.ORG_MANAGE: "管理届次、轮次、单位和巡察组",
    Cap.RECUSAL_OVERRIDE: "批准回避例外",
    Cap.LEADS_READ: "查看问题线索",
    Cap.LEADS_WRITE: "录入问题线索",
    Cap.ISSUE_SIGN: "签批问题底稿",
    Cap.PHASE_OVERRIDE: "批准阶段推进例外",
    Cap.CLOSE_OUT: "整改销号",
    Cap.PRINT: "打印",
    Cap.EXPORT: "导出",
    Cap.SEAL_STORE: "保管印章图像",
    Cap.SEAL_APPLY: "用印",
    Cap.PRINT_AUTHENTICATE: "核验打印件",
    Cap.KEY_ROTATE: "更换数据库密钥",
}

CLEARANCES = ("内部", "秘密", "机密")


def clearance_rank(level: str) -> int:
    """0, 1, 2 for 内部, 秘密, 机密; -1 for none (an account not yet granted a clearance)."""
    return CLEARANCES.index(level) if level in CLEARANCES else -1
