"""The print pipeline: fonts, Chinese line breaking, page furniture, in-memory PDFs, the print register."""
