"""A forecast's result as plain data, with what produced it, and its CSV/XLSX writers.

``ForecastResult`` records the inputs (workforce source and fingerprint, assumptions, each
policy's key, version and file fingerprint), the seed and the code version, so a result can be
reproduced; ``as_dict``/``from_dict`` round-trip it through JSON (the web app stores it so).
Money is in dollars with the cost-of-living factor applied; "year 1" is the first forecast
school year.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from lattice.forecast import CODE_VERSION
from lattice.forecast.assumptions import Assumptions
from lattice.forecast.compare import PolicyComparison, YearDifference, compare
from lattice.forecast.ladder_model import district_schedule, first_year_salary
from lattice.forecast.needs import in_words, needs
from lattice.forecast.simulate import PolicyRuns, Simulation, bin_labels
from lattice.forecast.workforce import Workforce
from lattice.lib.formatting import money
from lattice.lib.tabular import sectioned_csv_bytes, workbook_bytes
from lattice.rules.policy import Policy
from lattice.rules.records import school_year_label


@dataclass(frozen=True)
class YearSummary:
    year: int
    payroll_mean: float
    payroll_p10: float
    payroll_median: float
    payroll_p90: float
    teachers_mean: float
    headcount: dict[str, float]  # mean teachers per pathway
    cost_high_poverty: float  # mean payroll of high-poverty schools
    cost_other: float
    salary_high_poverty: float  # mean salary of a teacher in a high-poverty school
    salary_other: float
    leadership_share: float  # share of teachers on leadership pathways
    extras: dict[str, float] = field(default_factory=dict)  # mean dollars per extra line


@dataclass(frozen=True)
class PolicySummary:
    key: str
    version: str
    pathways: tuple[str, ...]
    years: tuple[YearSummary, ...]
    name: str = ""  # the policy's own name, for legends
    pathway_names: tuple[str, ...] = ()  # each pathway (lane, stage, role...) in words
    model: str = ""
    needs: tuple[str, ...] = ()  # the assumptions this policy's model reads

    @property
    def title(self) -> str:
        return self.name or self.key

    def pathway_name(self, key: str) -> str:
        names = dict(zip(self.pathways, self.pathway_names, strict=False))
        return names.get(key) or key.replace("_", " ").replace("-", " ")


@dataclass(frozen=True)
class ForecastResult:
    inputs: dict[str, Any]
    policies: tuple[PolicySummary, ...]
    comparisons: tuple[PolicyComparison, ...]
    histogram_labels: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ForecastResult:
        return cls(
            inputs=dict(data["inputs"]),
            policies=tuple(
                PolicySummary(
                    key=p["key"],
                    version=p["version"],
                    pathways=tuple(p["pathways"]),
                    years=tuple(YearSummary(**y) for y in p["years"]),
                    name=p.get("name", ""),
                    pathway_names=tuple(p.get("pathway_names", ())),
                    model=p.get("model", ""),
                    needs=tuple(p.get("needs", ())),
                )
                for p in data["policies"]
            ),
            comparisons=tuple(
                PolicyComparison(
                    key=c["key"],
                    baseline=c["baseline"],
                    years=tuple(YearDifference(**y) for y in c["years"]),
                    histogram=tuple(c["histogram"]),
                )
                for c in data["comparisons"]
            ),
            histogram_labels=tuple(data["histogram_labels"]),
        )


def file_fingerprint(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unavailable"


def _safe_ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _summarise(runs: PolicyRuns, simulation: Simulation) -> PolicySummary:
    years = []
    for y in range(simulation.years):
        factor = float(simulation.cola_factor[y])
        payroll = runs.payroll[:, y].astype(np.float64) * factor
        teachers = runs.teachers[:, y].astype(np.float64)
        group_pay = runs.group_pay[:, y, :].astype(np.float64).sum(axis=0) * factor
        group_count = runs.group_count[:, y, :].astype(np.float64).sum(axis=0)
        years.append(
            YearSummary(
                year=y + 1,
                payroll_mean=float(payroll.mean()),
                payroll_p10=float(np.quantile(payroll, 0.1)),
                payroll_median=float(np.quantile(payroll, 0.5)),
                payroll_p90=float(np.quantile(payroll, 0.9)),
                teachers_mean=float(teachers.mean()),
                headcount={
                    key: float(runs.headcount[:, y, p].mean())
                    for p, key in enumerate(runs.pathway_keys)
                },
                cost_high_poverty=float(group_pay[1]) / simulation.runs,
                cost_other=float(group_pay[0]) / simulation.runs,
                salary_high_poverty=_safe_ratio(float(group_pay[1]), float(group_count[1])),
                salary_other=_safe_ratio(float(group_pay[0]), float(group_count[0])),
                leadership_share=_safe_ratio(
                    float(runs.leaders[:, y].sum()), float(runs.teachers[:, y].sum())
                ),
                extras={
                    name: float(values[:, y].mean()) * factor
                    for name, values in runs.extras.items()
                },
            )
        )
    return PolicySummary(
        runs.key,
        runs.version,
        runs.pathway_keys,
        tuple(years),
        pathway_names=runs.pathway_names,
        model=runs.model,
    )


def schedule_notes(
    workforce: Workforce, policies: list[Policy], assumptions: Assumptions
) -> list[str]:
    """A sentence per ladder, roles or designation policy whose teachers carried salaries in:
    how far the district schedule assumption, which pays them from the second year, is from
    what they were paid the first (so a step between the two years is explained, not hidden)."""
    out = []
    schedule = district_schedule(assumptions)
    first = assumptions.first_school_year
    for policy in policies:
        if not policy.model.pays_district_schedule:
            continue
        carried = first_year_salary(policy, workforce).astype(np.int64)
        held = carried > 0
        if not held.any():
            continue
        older = np.minimum(workforce.experience[held].astype(np.int64) + 1, schedule.size - 1)
        gap = float((schedule[older] - carried[held]).mean())
        if abs(gap) < 1:
            continue
        out.append(
            f"{policy.name}: in {school_year_label(first)} the {int(held.sum()):,} teachers who "
            f"carried a salary into the policy are paid it (on average "
            f"{money(float(carried[held].mean()))}); from {school_year_label(first + 1)} the "
            "forecast pays the district schedule assumption for their experience, on average "
            f"{money(abs(gap))} {'more' if gap > 0 else 'less'} a teacher than they were paid "
            "(before the cost-of-living raise). If the district's own schedule does not step "
            "like that, set the district schedule assumptions (starting salary, raise per year) "
            "to it."
        )
    return out


def build_result(
    simulation: Simulation, workforce: Workforce, policies: list[Policy], assumptions: Assumptions
) -> ForecastResult:
    inputs = {
        "code_version": CODE_VERSION,
        "numpy_version": np.__version__,
        "seed": simulation.seed,
        "seed_entropy": simulation.seed_entropy,
        "block_runs": simulation.block_runs,
        "blocks": simulation.blocks,
        "executor": simulation.executor,
        "workers": simulation.workers,
        "years": simulation.years,
        "runs": simulation.runs,
        "teachers": simulation.teachers,
        "workforce": {"source": workforce.source, "fingerprint": workforce.fingerprint()},
        "policies": [
            {
                "key": p.key,
                "version": p.version,
                "file": Path(p.file).name,
                "fingerprint": file_fingerprint(p.file),
            }
            for p in policies
        ],
        "baseline": policies[0].key,
        "first_school_year": assumptions.first_school_year,
        "assumptions": assumptions.as_dict(),
        "notes": schedule_notes(workforce, policies, assumptions),
    }
    summaries = [
        replace(_summarise(r, simulation), name=p.name, needs=needs(p))
        for r, p in zip(simulation.policies, policies, strict=True)
    ]
    return ForecastResult(
        inputs=json.loads(json.dumps(inputs)),  # plain JSON values: lists, not tuples
        policies=tuple(summaries),
        comparisons=tuple(compare(simulation)),
        histogram_labels=tuple(bin_labels()),
    )


EXTRA_WORDS = {
    "supplements": "Role supplements ($)",
    "bonuses": "One-time pay elements ($)",
    "base_building": "Added to base salaries ($)",
    "allotment": "State designation allotment ($)",
    "designation_pay": "Designation pay to teachers ($)",
    "campus_pool": "Designation pay to other teachers on the campus ($)",
}


def school_year_of_forecast(result: ForecastResult, year: int) -> str:
    """Forecast year 1, 2, ... as the school year it is (``2026-27``)."""
    first = int(result.inputs.get("first_school_year", 0) or 0)
    return school_year_label(first + year - 1) if first else f"year {year}"


def summary_rows(result: ForecastResult) -> list[list[Any]]:
    """The per-policy, per-year table (a header row first), headers in words."""
    pathways: list[tuple[str, str]] = []
    for p in result.policies:
        for key in p.pathways:
            label = f"Teachers: {p.pathway_name(key)} ({p.title})"
            pathways.append((p.key + "/" + key, label))
    extras = sorted({name for p in result.policies for y in p.years for name in y.extras})
    header = [
        "Policy",
        "Version",
        "School year",
        "Mean payroll ($)",
        "Payroll, 10th percentile of runs ($)",
        "Median payroll ($)",
        "Payroll, 90th percentile of runs ($)",
        "Teachers (mean)",
        *[label for _, label in pathways],
        "Payroll of high-poverty schools ($)",
        "Payroll of other schools ($)",
        "Mean salary in high-poverty schools ($)",
        "Mean salary in other schools ($)",
        "Share of teachers in leadership roles",
        *[EXTRA_WORDS.get(name, name) for name in extras],
    ]
    rows: list[list[Any]] = [header]
    for p in result.policies:
        for y in p.years:
            counts = {f"{p.key}/{k}": v for k, v in y.headcount.items()}
            rows.append(
                [
                    p.title,
                    p.version,
                    school_year_of_forecast(result, y.year),
                    round(y.payroll_mean),
                    round(y.payroll_p10),
                    round(y.payroll_median),
                    round(y.payroll_p90),
                    round(y.teachers_mean, 2),
                    *[round(counts[k], 2) if k in counts else "" for k, _ in pathways],
                    round(y.cost_high_poverty),
                    round(y.cost_other),
                    round(y.salary_high_poverty),
                    round(y.salary_other),
                    round(y.leadership_share, 4),
                    *[round(y.extras[name]) if name in y.extras else "" for name in extras],
                ]
            )
    return rows


def _title(result: ForecastResult, key: str) -> str:
    for p in result.policies:
        if p.key == key:
            return p.title
    return key


def comparison_rows(result: ForecastResult) -> list[list[Any]]:
    header = [
        "Policy",
        "Compared with",
        "School year",
        "Payroll difference, mean of runs ($; positive: the policy costs more)",
        "95% confidence band of the mean, low ($)",
        "95% confidence band of the mean, high ($)",
        "80% of runs from ($)",
        "80% of runs to ($)",
        "Teachers paid more (mean)",
        "Teachers paid less (mean)",
        "Difference in teachers in leadership roles (mean)",
    ]
    rows: list[list[Any]] = [header]
    for c in result.comparisons:
        for d in c.years:
            rows.append(
                [
                    _title(result, c.key),
                    _title(result, c.baseline),
                    school_year_of_forecast(result, d.year),
                    round(d.payroll_mean),
                    round(d.payroll_ci_low),
                    round(d.payroll_ci_high),
                    round(d.payroll_p10),
                    round(d.payroll_p90),
                    round(d.gainers_mean, 2),
                    round(d.losers_mean, 2),
                    round(d.leaders_mean, 2),
                ]
            )
    return rows


def histogram_rows(result: ForecastResult) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["Policy", "Compared with", "Final-year pay difference per teacher", "Teacher-runs"]
    ]
    for c in result.comparisons:
        for label, count in zip(result.histogram_labels, c.histogram, strict=True):
            rows.append([_title(result, c.key), _title(result, c.baseline), label, count])
    return rows


INPUT_WORDS = {
    "code_version": "Engine version",
    "numpy_version": "NumPy version",
    "seed": "Seed",
    "seed_entropy": "Seed entropy",
    "block_runs": "Runs per block",
    "blocks": "Blocks",
    "executor": "Executor",
    "workers": "Workers",
    "years": "Years",
    "runs": "Runs",
    "teachers": "Teachers",
    "baseline": "Baseline policy",
    "first_school_year": "First school year",
}


def input_rows(result: ForecastResult) -> list[list[Any]]:
    i = result.inputs
    rows: list[list[Any]] = [["Input", "Value"]]
    for key, words in INPUT_WORDS.items():
        if key in i:
            value = i[key]
            if key == "first_school_year":
                value = school_year_label(int(value))
            rows.append([words, str(value) if key == "seed_entropy" else value])
    rows.append(["Workforce", f"{i['workforce']['source']} ({i['workforce']['fingerprint']})"])
    for p in i["policies"]:
        rows.append(["Policy", f"{p['key']} v{p['version']} {p['file']} ({p['fingerprint']})"])
    for p in result.policies:
        rows.append([f"Assumptions {p.title} reads", "; ".join(in_words(p.needs))])
    for note in i.get("notes", ()):
        rows.append(["Note", note])
    for key, value in i["assumptions"].items():
        rows.append([f"Assumption {key}", repr(value)])
    return rows


def _sections(result: ForecastResult) -> list[tuple[str, list[list[Any]]]]:
    return [
        ("summary", summary_rows(result)),
        ("comparison", comparison_rows(result)),
        ("histogram", histogram_rows(result)),
        ("inputs", input_rows(result)),
    ]


def write_csv(result: ForecastResult, path: str | Path | None = None) -> str:
    """The result as one CSV text (inputs, summary, comparison, histogram sections), written
    by the shared safe writer (``lattice.lib.tabular``)."""
    text = sectioned_csv_bytes(_sections(result)).decode("utf-8")
    if path is not None:
        Path(path).write_text(text, encoding="utf-8", newline="")
    return text


def write_xlsx(result: ForecastResult, path: str | Path | io.BytesIO) -> None:
    """The result as a workbook: one sheet per section, by the shared safe writer."""
    data = workbook_bytes(
        [(title.capitalize(), rows) for title, rows in _sections(result)],
        title="Lattice forecast",
        stamp=None,
    )
    if isinstance(path, io.BytesIO):
        path.write(data)
    else:
        Path(path).write_bytes(data)
