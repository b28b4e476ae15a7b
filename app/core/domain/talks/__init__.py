"""Individual talks (个别谈话): types (the record), rules, queries, writes, scans, index, search,
printing, drafts (autosave), outlines (templates) and links (issues citing a talk)."""
