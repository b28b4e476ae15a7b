"""The 巡前情况通报 tab: the requests to the departments, their answers item by item, the letter and the summary."""
