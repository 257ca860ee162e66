"""Distributed leadership: coaching behind a confidentiality wall, who gives feedback to whom,
and the readiness self-assessment of the DESE planning guide (docs/coaching.md)."""
