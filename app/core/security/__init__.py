"""Accounts, roles and capabilities, password policy, lockout, the audit chain."""
