"""The people app's models, split by topic."""

from lattice.people.models.access import AccessGrant
from lattice.people.models.organisation import (
    District,
    Network,
    School,
    SchoolLevel,
    SchoolYear,
    SchoolYearProfile,
)
from lattice.people.models.staff import (
    Assignment,
    Certificate,
    CreditRecord,
    Degree,
    DegreeLevel,
    Position,
    RatingRecord,
    StaffMember,
)

__all__ = [
    "AccessGrant",
    "Assignment",
    "Certificate",
    "CreditRecord",
    "Degree",
    "DegreeLevel",
    "District",
    "Network",
    "Position",
    "RatingRecord",
    "School",
    "SchoolLevel",
    "SchoolYear",
    "SchoolYearProfile",
    "StaffMember",
]
