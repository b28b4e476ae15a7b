"""The 个人事项抽查 tab (spot checks of personal-matters reports), shown to who may know of leads."""
