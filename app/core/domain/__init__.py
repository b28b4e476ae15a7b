"""The case domain: records, rules and queries, one module per glossary thing.

- terms: terms (届), rounds (轮次), batches (批次)
- units: units (被巡察单位) and their leadership (领导班子, 一把手)
- staff: the staff pool (人员库) and recusal declarations (回避)
- teams: teams (巡察组) and their leader, deputies and members
- inspections: one team at one unit in one round, its phases and liaison
- coverage: which units each term's rounds have covered (全覆盖)

Every public function takes a Session first, checks capabilities and need-to-know (see
app.core.security.visibility), validates (ValidationError with `field`), and writes with its audit
entry in one transaction.
"""
