"""What the demo network is made of: its districts, sizes, subjects, credentials and the
rating model. Plain values only; :mod:`generator` turns them into people and rows."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from lattice.people.models import SchoolLevel

DEFAULT_SEED = 2026
DEFAULT_TEACHERS = 1100
DEFAULT_YEARS = 5
TEACHERS_PER_SCHOOL = 80

RATING_LABELS = ["Ineffective", "Developing", "Effective", "Highly Effective"]
# The long-run share of each rating, and how strongly last year's rating repeats. The
# transition matrix is PERSISTENCE · I + (1 - PERSISTENCE) · 1πᵀ, whose stationary
# distribution is exactly RATING_SHARES.
RATING_SHARES = (0.02, 0.08, 0.60, 0.30)
PERSISTENCE = 0.5
# A teacher's first rating in the district: new teachers start a little lower.
NOVICE_SHARES = (0.04, 0.16, 0.62, 0.18)

NETWORK_KEY = "lakes-region"
NETWORK_NAME = "Lakes Region Teacher Leadership Network"


@dataclass(frozen=True)
class DistrictPlan:
    key: str
    name: str
    employee_prefix: str
    email_domain: str
    cert_prefix: str
    talent_office: tuple[tuple[str, str], ...]  # (title, degree field)


MAIN = DistrictPlan(
    key="maplewood",
    name="Maplewood Unified School District",
    employee_prefix="MW",
    email_domain="maplewood.example.org",
    cert_prefix="LR",
    talent_office=(
        ("Director of Talent", "Human Resource Development"),
        ("Talent Specialist", "Educational Leadership"),
        ("Talent Specialist", "Organizational Psychology"),
        ("Compensation Analyst", "Public Administration"),
    ),
)
SECOND = DistrictPlan(
    key="cedar-falls",
    name="Cedar Falls Community Schools",
    employee_prefix="CF",
    email_domain="cedarfalls.example.org",
    cert_prefix="LR",
    talent_office=(
        ("Talent Officer", "Educational Leadership"),
        ("HR Generalist", "Human Resource Development"),
    ),
)
DEMO_DISTRICT_KEYS = (MAIN.key, SECOND.key)


@dataclass(frozen=True)
class DemoSpec:
    """What to generate. ``schools`` defaults to one school per ~80 teachers."""

    seed: int = DEFAULT_SEED
    teachers: int = DEFAULT_TEACHERS
    years: int = DEFAULT_YEARS
    schools: int | None = None
    today: dt.date = field(default_factory=dt.date.today)
    second_district: bool = True
    # Add each app's demo content (pathway policy and ledger, leadership roles) to the main
    # district. Benchmark-sized districts leave it out: it recomputes every placement.
    apps: bool = True

    def __post_init__(self) -> None:
        if self.teachers < 10:
            raise ValueError("--teachers must be at least 10")
        if not 1 <= self.years <= 40:
            raise ValueError("--years must be between 1 and 40")
        if self.schools is not None and not 1 <= self.schools <= self.teachers // 5:
            raise ValueError("--schools must be between 1 and a fifth of the teachers")

    @property
    def second_teachers(self) -> int:
        return max(12, round(self.teachers * 0.18))


def current_school_year_start(today: dt.date) -> int:
    """The calendar year the school year containing ``today`` starts in (July–June)."""
    return today.year if today.month >= 7 else today.year - 1


# --- subjects ------------------------------------------------------------------------------

ELEMENTARY_GRADES = ("K", "1", "2", "3", "4", "5")
ELEMENTARY_SPECIALISTS = (
    ("Visual Arts", 2),
    ("Music", 2),
    ("Physical Education", 2),
    ("Special Education", 4),
    ("English Learners (ESOL)", 2),
)
SECONDARY_SUBJECTS = (
    ("Mathematics", 16),
    ("English", 16),
    ("Science", 14),
    ("Social Studies", 12),
    ("World Languages", 7),
    ("Visual Arts", 3),
    ("Music", 3),
    ("Physical Education", 6),
    ("Special Education", 12),
    ("English Learners (ESOL)", 4),
    ("Career and Technical Education", 4),
)
LEVEL_GRADES = {
    SchoolLevel.MIDDLE: ("6", "7", "8", "6-8"),
    SchoolLevel.HIGH: ("9", "9-10", "11-12", "9-12"),
}
BACHELOR_FIELDS = {
    "Mathematics": "Mathematics",
    "English": "English",
    "Science": "Biology",
    "Social Studies": "History",
    "World Languages": "Spanish",
    "Visual Arts": "Fine Arts",
    "Music": "Music Education",
    "Physical Education": "Kinesiology",
    "Special Education": "Special Education",
    "English Learners (ESOL)": "Linguistics",
    "Career and Technical Education": "Engineering Technology",
}


def bachelor_field(rng: random.Random, subject: str) -> str:
    """A plausible first degree for a teacher of ``subject`` (any field when unknown)."""
    if subject.startswith(("Grade", "Kindergarten")):
        return "Elementary Education"
    return BACHELOR_FIELDS.get(subject) or rng.choice(list(BACHELOR_FIELDS.values()))


MASTER_FIELDS = (
    "Curriculum and Instruction",
    "Educational Leadership",
    "Special Education",
    "Reading and Literacy",
    "Mathematics Education",
    "Teaching English Learners",
    "Educational Technology",
    "School Counseling",
)

CONDITIONAL = ("Conditional Certificate", 2)
STANDARD = ("Standard Professional Certificate", 5)
ADVANCED = ("Advanced Professional Certificate", 5)
ADMINISTRATOR = ("Administrator II Certificate", 5)


def weighted_choice(rng: random.Random, options: Sequence[tuple[str, int]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _draw_rating(rng: random.Random, shares: Sequence[float]) -> int:
    x = rng.random()
    for index, share in enumerate(shares):
        x -= share
        if x < 0:
            return index
    return len(shares) - 1


def next_rating(rng: random.Random, last: int | None, novice: bool) -> int:
    """Next year's rating index given last year's (None for a first rating)."""
    if last is None:
        return _draw_rating(rng, NOVICE_SHARES if novice else RATING_SHARES)
    if rng.random() < PERSISTENCE:
        return last
    return _draw_rating(rng, RATING_SHARES)


def ascii_name(text: str) -> str:
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in flat.lower() if c.isalnum() or c == "-")
