"""English: the house date style (see formats.py)."""
