"""The 巡察日志 tab: the team's log by day, free entries, the week's print for the leader's signature."""
