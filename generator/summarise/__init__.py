"""Summarise: pure functions from published dialogues to groups, lists and figures (no I/O)."""
