"""Meetings of an inspection (动员会, 座谈会, 列席会议, 反馈会, 组务会): types (the record), rules,
queries, writes (with attachments), search and printing (sign-in sheet, minutes)."""
