"""The work plan (巡察工作方案): aims, focus, schedule by phase, the team's groups; versioned (every save
a new version, the old ones kept), printed in the GB/T 9704 layout."""
