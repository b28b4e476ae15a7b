"""Excel ledgers in the GUI: the 台账导出 inspection tab and the import wizard (issue 9)."""
