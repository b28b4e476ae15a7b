"""The document review GUI (调阅资料, issue 6): request list, custody, reading, material, search, gate."""
