"""Briefings before entry (巡前情况通报): the requests to the departments, the answers item by item
(lead-like items visible as leads are), the request letter per department and the summary."""
