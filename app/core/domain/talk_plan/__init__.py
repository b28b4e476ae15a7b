"""The talk plan (谈话计划): who the team will talk to — 必谈 proposed from the unit's leadership
list, and 选谈 — with interviewers, time and place; the notice per person (谈话通知); the state of
each line (done, missing, moved) from the talks held for it. Types, rules, queries, writes, printing."""
