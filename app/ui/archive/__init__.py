"""The 立卷归档 (Archive) tab of an inspection."""
