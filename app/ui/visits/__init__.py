"""The 走访 tab (visits)."""
