"""Slash-command text → frozen dataclasses, one module per command family; mistakes raise
UsageError (in `common`) and change nothing."""
