"""The 会议 tab of an inspection: its meetings, their form, attachments and printing."""
