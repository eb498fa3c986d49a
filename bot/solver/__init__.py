"""PuLP models for rosters and swaps: pure, data in and data out (see problem.py)."""
