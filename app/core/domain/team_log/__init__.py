"""The team log (巡察日志): a dated log per inspection built from the team's own records (talks held,
documents received, meetings, 立行立改) and free entries; printed per week for the leader's signature."""
