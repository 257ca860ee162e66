"""The HR and evaluation file pipeline, step by step:

- :mod:`~lattice.imports.hr.columns` — the documented column set, aliases, the district's
  mapping of its own headers, the template;
- :mod:`~lattice.imports.hr.reader` — the header and rows of a CSV or XLSX file;
- :mod:`~lattice.imports.hr.rows` — each row read and checked into a typed record
  (:mod:`~lattice.imports.hr.records`), every problem naming line, column, value and fix;
- :mod:`~lattice.imports.hr.plan` — the rows compared with the district's people: the
  import's :class:`~lattice.imports.plan.Plan`, with typed writes.

Applying the plan is :func:`lattice.imports.actions.apply_plan` (the only writer; the HR part
is :mod:`lattice.imports.actions.hr`).
"""
