"""Visits of an inspection (下沉了解 / 走访): types, records (reads and writes, with attachments),
search and printing (the visit record)."""
