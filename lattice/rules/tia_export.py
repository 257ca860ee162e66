"""Rows for the state's TIA data submission, in its column layout.

One row per teacher with designation data for the data-capture year: the 6-digit district ID,
the 9-digit campus ID, the teacher's TEA unique ID, the 8-digit service ID (course or
assignment), the designation the local system recommends on that year's data (or "No
Designation") and the share of students meeting growth. The columns follow the ESC Region 14
submission guide (``SUBMISSION`` in the TIA policy files). Pure: the caller writes the rows
through ``lattice.lib.tabular``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lattice.rules.designation import earned_level
from lattice.rules.policy import Model, Policy
from lattice.rules.records import (
    TeacherRecord,
    campus_for,
    designation_data_for,
    school_year_label,
)

COLUMNS = (
    "District ID",
    "Campus ID",
    "Teacher ID",
    "Service ID",
    "Designation",
    "% Meeting Growth",
)
NO_DESIGNATION = "No Designation"
_DIGITS = (("District ID", 6), ("Campus ID", 9), ("Service ID", 8))


class SubmissionError(ValueError):
    """Data the submission cannot carry; the message names the teacher, the field and the fix."""


def submission_rows(
    policy: Policy, records: Sequence[TeacherRecord], data_year: int
) -> list[tuple[str, str, str, str, str, Decimal]]:
    if policy.model is not Model.DESIGNATION or policy.designation is None:
        raise SubmissionError(f"{policy.key} is not a designation policy (model designation)")
    designation = policy.designation
    rows = []
    problems = []
    for record in records:
        data = designation_data_for(record, data_year)
        if data is None:
            continue
        campus = campus_for(record, data_year)
        # the local system's recommendation; National Board designations are not submitted
        level = earned_level(designation, data, national_board=False)
        row = (
            campus.district_id,
            campus.campus_id,
            data.tea_uid or record.teacher_id,
            data.service_id,
            level.name if level is not None else NO_DESIGNATION,
            data.growth_percent,
        )
        for (column, digits), value in zip(_DIGITS, (row[0], row[1], row[3]), strict=True):
            if not (value.isdigit() and len(value) == digits):
                problems.append(
                    f"teacher {record.teacher_id}, {school_year_label(data_year)}: {column} "
                    f"'{value}' must be {digits} digits — fix it on the teacher's record"
                )
        rows.append(row)
    if problems:
        raise SubmissionError("\n".join(problems))
    return rows
