"""The official documents GUI: the inspection tab 公文, the editor, printing, the copy register, verification."""
