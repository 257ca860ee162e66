"""Views of the roles app, split by topic."""
