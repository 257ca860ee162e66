"""Management commands of the people app."""
