"""The 谈话计划 tab of an inspection: the plan's lines, their form, notices and printing."""
