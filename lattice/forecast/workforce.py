"""The starting workforce as columns: from a CSV file, from arrays, or generated.

CSV columns (header required, one row per teacher; blank optional cells allowed):

- ``teacher_id``: any text, unique;
- ``pathway``: the pathway key the teacher is on now (e.g. ``professional``);
- ``interval``: the interval on that pathway, 1 or more;
- ``units_banked`` (optional, default 0): units carried toward the next interval;
- ``experience_years`` (optional, default 0): years of teaching experience;
- ``last_rating``, ``previous_rating`` (optional): rating level keys (e.g. ``effective``) of
  the last two school years; blank for a teacher not yet rated;
- ``professional_certificate`` (optional, default 0): 1 when the teacher holds the certificate
  a pathway move needs (Baltimore: SPC or APC);
- ``high_poverty`` (optional, default 0): 1 when the teacher's school is high-poverty;
- ``degree`` (optional, default ``bachelors``): the highest degree held (``bachelors``,
  ``masters`` or ``doctorate``), and ``graduate_credits`` (optional, default 0): graduate
  credits finished since it. Step-and-lane policies read them for the lane; under such a
  policy a teacher starts on its entry step plus ``experience_years`` (capped at the top step).

The Django side builds the same columns from the database (``Workforce.from_rows``), and adds
what only a district's records know: each teacher's base salary (pay elements), their
campus's point value and rural flag and National Board Certification (designations), and,
per policy forecast, a :class:`Start` — where the adoption crosswalk places each teacher
under that policy — so the simulated years start where the adoption preview puts everyone.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from lattice.forecast.assumptions import LEVELS, Assumptions
from lattice.forecast.tables import (
    MAX_EXPERIENCE,
    ForecastError,
    PositionTables,
    StepsPolicyTables,
)
from lattice.rules.policy import Policy
from lattice.rules.records import Degree

COLUMNS = (
    "teacher_id",
    "pathway",
    "interval",
    "units_banked",
    "experience_years",
    "last_rating",
    "previous_rating",
    "professional_certificate",
    "high_poverty",
    "degree",
    "graduate_credits",
)
REQUIRED = ("teacher_id", "pathway", "interval")
MAX_TEACHERS = 2_000_000
NO_PATHWAY = -1  # a Start's pathway code for "the policy's own entry rule"


@dataclass(frozen=True, eq=False)
class Start:
    """Where the adoption crosswalk places each teacher of a workforce under one policy, as
    the adoption preview places them on the forecast's first day (one entry per teacher).

    ``pathway`` indexes ``pathway_keys`` (a ledger's pathway, a ladder's stage;
    ``NO_PATHWAY``: the policy's own entry rule); ``interval`` is the interval, or the step
    under a step-and-lane policy (0: the entry rule); ``units`` the banked units carried;
    ``base_salary`` the salary carried into the policy (0: none).
    """

    policy: Policy
    pathway_keys: tuple[str, ...]
    pathway: npt.NDArray[np.int16]
    interval: npt.NDArray[np.int16]
    units: npt.NDArray[np.uint16]
    base_salary: npt.NDArray[np.int32]

    def codes(self, keys: tuple[str, ...], what: str) -> npt.NDArray[np.int64]:
        """Each teacher's index into ``keys`` (a compiled policy's pathways or stages), -1
        for the entry rule; a key the policy lacks is an error naming it."""
        out = np.full(self.pathway.shape, -1, dtype=np.int64)
        for index, key in enumerate(self.pathway_keys):
            rows = self.pathway == index
            if not rows.any():
                continue
            if key not in keys:
                raise ForecastError(
                    f"the starting placement names {what} '{key}', which {self.policy.key} "
                    f"does not have (its {what}s: {', '.join(keys)})"
                )
            out[rows] = keys.index(key)
        return out

    @classmethod
    def from_rows(cls, policy: Policy, rows: Iterable[tuple[str, int, int, int]]) -> Start:
        """From (pathway key or "", interval or step or 0, units, base salary or 0) rows."""
        keys: list[str] = []
        pathway, interval, units, base = [], [], [], []
        for key, at, banked, salary in rows:
            if key and key not in keys:
                keys.append(key)
            pathway.append(keys.index(key) if key else NO_PATHWAY)
            interval.append(min(max(at, 0), 200))
            units.append(min(max(banked, 0), 10_000))
            base.append(max(salary, 0))
        return cls(
            policy=policy,
            pathway_keys=tuple(keys),
            pathway=np.array(pathway, dtype=np.int16),
            interval=np.array(interval, dtype=np.int16),
            units=np.array(units, dtype=np.uint16),
            base_salary=np.array(base, dtype=np.int32),
        )


@dataclass(frozen=True, eq=False)
class Workforce:
    """One entry per teacher. Rating codes: 0 = not yet rated, ``1 + i`` = ``levels[i]``."""

    teacher_ids: tuple[str, ...]
    pathway_keys: tuple[str, ...]
    pathway: npt.NDArray[np.int8]  # index into pathway_keys
    interval: npt.NDArray[np.int16]
    units: npt.NDArray[np.uint16]
    experience: npt.NDArray[np.uint16]
    last_rating: npt.NDArray[np.uint16]
    previous_rating: npt.NDArray[np.uint16]
    certificate: npt.NDArray[np.bool_]
    high_poverty: npt.NDArray[np.bool_]
    levels: tuple[str, ...]
    source: str
    degree: npt.NDArray[np.uint16] | None = None  # degree rank (1 bachelor's); None: all 1
    graduate_credits: npt.NDArray[np.uint16] | None = None  # None: all 0
    # Read by pay-element policies: each teacher's current base salary (None: the district
    # schedule for their experience, an assumption).
    base_salary: npt.NDArray[np.int32] | None = None
    # Read by designation policies (Texas TIA): the campus's average student point value in
    # ten-thousandths (2.1893 -> 21893; None: from the high-poverty flag, an assumption),
    # whether the campus is rural, and whether the teacher holds National Board Certification.
    campus_points: npt.NDArray[np.uint16] | None = None
    rural: npt.NDArray[np.bool_] | None = None
    national_board: npt.NDArray[np.bool_] | None = None
    # Where the adoption crosswalk places each teacher under the policies forecast (a
    # district's workforce); a policy without one starts as ``positions`` says.
    starts: tuple[Start, ...] = ()

    def start_for(self, policy: Policy) -> Start | None:
        """The crosswalk's start under ``policy`` (an equal policy), if the workforce has one."""
        return next((s for s in self.starts if s.policy == policy), None)

    def units_for(self, policy: Policy) -> npt.NDArray[np.uint16]:
        """The banked units each teacher starts with under ``policy``."""
        start = self.start_for(policy)
        return start.units if start is not None else self.units

    def __len__(self) -> int:
        return int(self.pathway.shape[0])

    def degrees(self) -> npt.NDArray[np.uint16]:
        if self.degree is not None:
            return self.degree
        return np.ones(len(self), dtype=np.uint16)

    def credits(self) -> npt.NDArray[np.uint16]:
        if self.graduate_credits is not None:
            return self.graduate_credits
        return np.zeros(len(self), dtype=np.uint16)

    def positions(self, tables: PositionTables) -> npt.NDArray[np.uint16]:
        """Each teacher's position under a policy: where the workforce's start for it puts
        them (the adoption crosswalk's placement); else the same pathway key, interval
        clipped to its top; under a step-and-lane policy, entry step plus experience on the
        lane met."""
        start = self.start_for(tables.policy)
        if isinstance(tables, StepsPolicyTables):
            if start is not None:
                return tables.positions_at(
                    start.interval, self.experience, self.degrees(), self.credits()
                )
            return tables.start_positions(self.experience, self.degrees(), self.credits())
        compiled = tables.compiled
        if start is not None:
            pathway = start.codes(compiled.pathway_keys, "pathway")
            placed = np.empty(len(self), dtype=np.uint16)
            placed[:] = tables.hire_position
            for p in range(len(compiled.pathway_keys)):
                rows = pathway == p
                first = int(compiled.first_position[p])
                top = int((compiled.position_pathway == p).sum())
                placed[rows] = first + np.clip(start.interval[rows], 1, top) - 1
            return placed
        out = np.empty(len(self), dtype=np.uint16)
        for index, key in enumerate(self.pathway_keys):
            rows = self.pathway == index
            if not rows.any():
                continue
            if key not in compiled.pathway_keys:
                raise ForecastError(
                    f"teachers on pathway '{key}' have no place under {tables.key} (its "
                    f"pathways: {', '.join(compiled.pathway_keys)}); map them in the workforce "
                    "file first"
                )
            p = compiled.pathway_keys.index(key)
            first = int(compiled.first_position[p])
            top = int((compiled.position_pathway == p).sum())
            out[rows] = first + np.clip(self.interval[rows], 1, top) - 1
        return out

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for array in (
            self.pathway,
            self.interval,
            self.units,
            self.experience,
            self.last_rating,
            self.previous_rating,
            self.certificate,
            self.high_poverty,
        ):
            digest.update(np.ascontiguousarray(array).tobytes())
        for extra in (self.degree, self.graduate_credits, self.base_salary, self.campus_points,
                      self.rural, self.national_board):  # fmt: skip
            if extra is not None:
                digest.update(np.ascontiguousarray(extra).tobytes())
        for start in self.starts:
            digest.update(f"{start.policy.key} v{start.policy.version}".encode())
            for column in (start.pathway, start.interval, start.units, start.base_salary):
                digest.update(np.ascontiguousarray(column).tobytes())
            digest.update("\n".join(start.pathway_keys).encode())
        digest.update("\n".join(self.pathway_keys + self.levels).encode())
        return digest.hexdigest()[:16]

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[Mapping[str, str | int | None]],
        levels: tuple[str, ...] = LEVELS,
        source: str = "rows",
    ) -> Workforce:
        """Read teacher rows (CSV dictionaries or the database's); errors name row and field."""
        ids: list[str] = []
        keys: list[str] = []
        cols: dict[str, list[int]] = {c: [] for c in COLUMNS[2:]}
        seen: set[str] = set()
        for number, row in enumerate(rows, start=1):
            where = f"row {number}"
            for name in REQUIRED:
                if row.get(name) in (None, ""):
                    raise ForecastError(f"{where}: '{name}' is empty — every teacher needs one")
            teacher = str(row["teacher_id"]).strip()
            if teacher in seen:
                raise ForecastError(f"{where}: teacher_id '{teacher}' appears twice — keep one")
            seen.add(teacher)
            ids.append(teacher)
            key = str(row["pathway"]).strip()
            if key not in keys:
                keys.append(key)
            cols["interval"].append(_whole(row, "interval", where, 1, 200, None))
            cols["units_banked"].append(_whole(row, "units_banked", where, 0, 10_000, 0))
            cols["experience_years"].append(_whole(row, "experience_years", where, 0, 70, 0))
            for name in ("last_rating", "previous_rating"):
                value = str(row.get(name) or "").strip()
                if value and value not in levels:
                    raise ForecastError(
                        f"{where}: {name} '{value}' is not a rating level — use one of "
                        f"{', '.join(levels)} or leave it blank"
                    )
                cols[name].append(levels.index(value) + 1 if value else 0)
            for name in ("professional_certificate", "high_poverty"):
                cols[name].append(_whole(row, name, where, 0, 1, 0))
            degree = str(row.get("degree") or "").strip() or Degree.BACHELORS.value
            ranks = {d.value: d.rank for d in Degree}
            if degree not in ranks:
                raise ForecastError(
                    f"{where}: degree '{degree}' is not a degree — use one of "
                    f"{', '.join(ranks)} or leave it blank"
                )
            cols["degree"].append(ranks[degree])
            cols["graduate_credits"].append(_whole(row, "graduate_credits", where, 0, 1000, 0))
            cols.setdefault("pathway", []).append(keys.index(key))
            if number > MAX_TEACHERS:
                raise ForecastError(f"more than {MAX_TEACHERS:,} teachers — split the file")
        if not ids:
            raise ForecastError("the workforce has no teachers — add at least one row")
        return cls(
            teacher_ids=tuple(ids),
            pathway_keys=tuple(keys),
            pathway=np.array(cols["pathway"], dtype=np.int8),
            interval=np.array(cols["interval"], dtype=np.int16),
            units=np.array(cols["units_banked"], dtype=np.uint16),
            experience=np.minimum(np.array(cols["experience_years"]), MAX_EXPERIENCE).astype(
                np.uint16
            ),
            last_rating=np.array(cols["last_rating"], dtype=np.uint16),
            previous_rating=np.array(cols["previous_rating"], dtype=np.uint16),
            certificate=np.array(cols["professional_certificate"], dtype=np.bool_),
            high_poverty=np.array(cols["high_poverty"], dtype=np.bool_),
            levels=levels,
            source=source,
            degree=np.array(cols["degree"], dtype=np.uint16),
            graduate_credits=np.array(cols["graduate_credits"], dtype=np.uint16),
        )


def _whole(
    row: Mapping[str, str | int | None],
    name: str,
    where: str,
    low: int,
    high: int,
    default: int | None,
) -> int:
    raw = row.get(name)
    if raw is None or str(raw).strip() == "":
        if default is None:
            raise ForecastError(f"{where}: '{name}' is empty — give a whole number")
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise ForecastError(
            f"{where}: {name} '{raw}' is not a whole number — use {low} to {high}"
        ) from None
    if not low <= value <= high:
        raise ForecastError(f"{where}: {name} {value} is out of range — use {low} to {high}")
    return value


def read_csv(path: str | Path, levels: tuple[str, ...] = LEVELS) -> Workforce:
    """Read a workforce CSV file (see the module docstring for its columns)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise ForecastError(
                    f"{path}: missing column(s) {', '.join(missing)} — the header needs "
                    f"{', '.join(REQUIRED)} (optional: {', '.join(COLUMNS[3:])})"
                )
            unknown = [c for c in header if c not in COLUMNS]
            if unknown:
                raise ForecastError(
                    f"{path}: unknown column(s) {', '.join(unknown)} — use only "
                    f"{', '.join(COLUMNS)}"
                )
            return Workforce.from_rows(reader, levels, source=f"file {Path(path).name}")
    except OSError as error:
        raise ForecastError(f"{path}: cannot read the file ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise ForecastError(f"{path}: not UTF-8 text — save it as CSV (UTF-8)") from error


# Baltimore at conversion, Feb 2011: 70% Professional, 26% Standard, 4% Model, 0% Lead [R, B7].
CONVERSION_SHARES = (("standard", 0.26), ("professional", 0.70), ("model", 0.04))
# ASSUMPTION: share of teachers in high-poverty schools (Baltimore City is mostly high-poverty).
HIGH_POVERTY_SHARE = 0.6


def synthetic(
    teachers: int,
    seed: int = 0,
    assumptions: Assumptions | None = None,
    shares: tuple[tuple[str, float], ...] = CONVERSION_SHARES,
    high_poverty_share: float = HIGH_POVERTY_SHARE,
) -> Workforce:
    """A made-up district of ``teachers`` shaped like Baltimore at conversion (see above).

    Intervals are uniform over 1-5; experience is 0-30 years; ratings are drawn from the
    assumptions (a first rating, then one transition); Professional and Model teachers hold
    the certificate, Standard teachers with the assumptions' new-hire share.
    """
    if not 1 <= teachers <= MAX_TEACHERS:
        raise ForecastError(f"teachers must be 1 to {MAX_TEACHERS:,}, not {teachers}")
    a = assumptions or Assumptions()
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(7,)))
    keys = tuple(k for k, _ in shares)
    probs = np.array([p for _, p in shares])
    pathway = rng.choice(len(keys), size=teachers, p=probs / probs.sum()).astype(np.int8)
    n = len(a.levels)
    previous = rng.choice(n, size=teachers, p=np.array(a.first_rating)) + 1
    matrix = np.array(a.transition)
    cum = np.cumsum(matrix[previous - 1], axis=1)
    last = (rng.random(teachers)[:, None] >= cum).sum(axis=1) + 1
    standard = pathway == keys.index("standard") if "standard" in keys else np.zeros(teachers, bool)
    certificate = ~standard | (rng.random(teachers) < a.hire_certificate_share)
    return Workforce(
        teacher_ids=tuple(f"T{i:07d}" for i in range(teachers)),
        pathway_keys=keys,
        pathway=pathway,
        interval=rng.integers(1, 6, size=teachers).astype(np.int16),
        units=rng.integers(0, 12, size=teachers).astype(np.uint16),
        experience=rng.integers(0, 31, size=teachers).astype(np.uint16),
        last_rating=np.minimum(last, n).astype(np.uint16),
        previous_rating=previous.astype(np.uint16),
        certificate=certificate,
        high_poverty=rng.random(teachers) < high_poverty_share,
        levels=a.levels,
        source=f"synthetic {teachers} teachers (seed {seed})",
    )
