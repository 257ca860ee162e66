"""Budgets that must be sustainable: a district's positions, funding sources and levers per
school year, checked against the cost forecast (``lattice.forecast.budget``)."""
