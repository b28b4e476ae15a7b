"""The talks GUI (issue 5): the 谈话 tab of an inspection, the talk form, signing and addenda."""
