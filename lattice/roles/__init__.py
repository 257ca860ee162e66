"""Leadership roles: catalogue, postings, selection, assignments, coverage and proposals."""
