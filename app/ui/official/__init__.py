"""The official documents GUI: the inspection tab 公文, the editor, printing, the copy register, and
authenticating a printed copy (核验)."""
