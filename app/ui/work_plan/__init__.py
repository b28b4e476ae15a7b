"""The 巡察工作方案 tab: the versions of the inspection's work plan, a new version, the print."""
