"""立卷归档 (issue 23): the inspection's archive, on paper and as an electronic package.

- `kinds`: the kinds of record filed, their class (文书档案 / 业务档案) and retention period.
- `proposal`: every record of an inspection that must be filed, with what is missing or not final.
- `filing`: open the archive, number the items (DA/T 22-2015), close (封存) it; the records then read-only.
- `item_pdfs`: the archived copy (PDF) of each item.
- `package`: the electronic package (GB/T 18894-2016) as a folder tree or an encrypted exchange-format
  file, and `checks`: the four checks of DA/T 70-2018 (四性检测) run on it.
"""
