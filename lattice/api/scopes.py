"""What an API token may do: one scope per resource and verb (``people:read``, ``ratings:write``).

A scope only narrows: a token never sees or writes more than its owner could on the pages
(``lattice.people.access``), and never outside its district. Plain Python, so the schema
extension, the forms and the checks share one list.
"""

from __future__ import annotations

import enum


class ApiScope(enum.StrEnum):
    """The scopes a district's officer may give a token, with the sentence the page shows."""

    PEOPLE_READ = "people:read"
    PAY_READ = "pay:read"
    ROLES_READ = "roles:read"
    RATINGS_WRITE = "ratings:write"
    CLAIMS_READ = "claims:read"
    CLAIMS_WRITE = "claims:write"
    AUDIT_READ = "audit:read"
    IMPORTS_READ = "imports:read"
    IMPORTS_WRITE = "imports:write"
    FORECASTS_READ = "forecasts:read"
    FORECASTS_WRITE = "forecasts:write"
    COUNCILS_READ = "councils:read"
    RECOGNITION_READ = "recognition:read"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ApiScope.PEOPLE_READ: "Read staff, schools and school years",
    ApiScope.PAY_READ: "Read standings, pay lines and payroll",
    ApiScope.ROLES_READ: "Read the role catalogue, postings and leadership role assignments",
    ApiScope.RATINGS_WRITE: "Record annual ratings",
    ApiScope.CLAIMS_READ: "Read claims: a person's own, the talent office's queue",
    ApiScope.CLAIMS_WRITE: "Submit claims with their evidence (the token's owner's own)",
    ApiScope.AUDIT_READ: "Read the district's audit log (the talent office's)",
    ApiScope.IMPORTS_READ: "Read import runs: status, progress, counts and errors",
    ApiScope.IMPORTS_WRITE: "Upload OneRoster files, import HR rows, apply imports",
    ApiScope.FORECASTS_READ: "Read forecast runs: inputs, status and result summaries",
    ApiScope.FORECASTS_WRITE: "Start forecasts (as the talent office runs them on the page)",
    ApiScope.COUNCILS_READ: "Read the decision register of councils and teacher boards",
    ApiScope.RECOGNITION_READ: "Read awards and their credentials: one's own, the district's",
}

CHOICES = [(scope.value, scope.label) for scope in ApiScope]
READ_ONLY = frozenset(s for s in ApiScope if s.value.endswith(":read"))
