"""Annotate: who is responsible for each task, and by when (units, deadlines, notes)."""
