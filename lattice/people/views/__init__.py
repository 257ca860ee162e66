"""Views of the people app, split by page group."""
