"""A forecast's result as plain data, with what produced it, and its CSV/XLSX writers.

``ForecastResult`` records the inputs (workforce source and fingerprint, assumptions, each
policy's key, version and file fingerprint), the seed and the code version, so a result can be
reproduced; ``as_dict``/``from_dict`` round-trip it through JSON (the web app stores it so).
Money is in dollars with the cost-of-living factor applied; "year 1" is the first forecast
school year.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lattice.forecast import CODE_VERSION
from lattice.forecast.assumptions import Assumptions
from lattice.forecast.compare import PolicyComparison, YearDifference, compare
from lattice.forecast.simulate import PolicyRuns, Simulation, bin_labels
from lattice.forecast.workforce import Workforce
from lattice.lib.tabular import safe_cell
from lattice.rules.policy import Policy


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


@dataclass(frozen=True)
class PolicySummary:
    key: str
    version: str
    pathways: tuple[str, ...]
    years: tuple[YearSummary, ...]


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
            )
        )
    return PolicySummary(runs.key, runs.version, runs.pathway_keys, tuple(years))


def build_result(
    simulation: Simulation, workforce: Workforce, policies: list[Policy], assumptions: Assumptions
) -> ForecastResult:
    inputs = {
        "code_version": CODE_VERSION,
        "numpy_version": np.__version__,
        "seed": simulation.seed,
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
        "assumptions": assumptions.as_dict(),
    }
    return ForecastResult(
        inputs=json.loads(json.dumps(inputs)),  # plain JSON values: lists, not tuples
        policies=tuple(_summarise(r, simulation) for r in simulation.policies),
        comparisons=tuple(compare(simulation)),
        histogram_labels=tuple(bin_labels()),
    )


def summary_rows(result: ForecastResult) -> list[list[Any]]:
    """The per-policy, per-year table (a header row first)."""
    pathways = sorted({k for p in result.policies for k in p.pathways})
    header = [
        "policy",
        "version",
        "year",
        "payroll_mean",
        "payroll_p10",
        "payroll_median",
        "payroll_p90",
        "teachers_mean",
        *[f"headcount_{k}" for k in pathways],
        "cost_high_poverty",
        "cost_other",
        "salary_high_poverty",
        "salary_other",
        "leadership_share",
    ]
    rows: list[list[Any]] = [header]
    for p in result.policies:
        for y in p.years:
            rows.append(
                [
                    p.key,
                    p.version,
                    y.year,
                    round(y.payroll_mean),
                    round(y.payroll_p10),
                    round(y.payroll_median),
                    round(y.payroll_p90),
                    round(y.teachers_mean, 2),
                    *[round(y.headcount.get(k, 0.0), 2) for k in pathways],
                    round(y.cost_high_poverty),
                    round(y.cost_other),
                    round(y.salary_high_poverty),
                    round(y.salary_other),
                    round(y.leadership_share, 4),
                ]
            )
    return rows


def comparison_rows(result: ForecastResult) -> list[list[Any]]:
    header = [
        "policy",
        "baseline",
        "year",
        "payroll_difference_mean",
        "ci95_low",
        "ci95_high",
        "runs_p10",
        "runs_p90",
        "gainers_mean",
        "losers_mean",
        "leaders_difference_mean",
    ]
    rows: list[list[Any]] = [header]
    for c in result.comparisons:
        for d in c.years:
            rows.append(
                [
                    c.key,
                    c.baseline,
                    d.year,
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
    rows: list[list[Any]] = [["policy", "baseline", "final_year_pay_difference", "teachers"]]
    for c in result.comparisons:
        for label, count in zip(result.histogram_labels, c.histogram, strict=True):
            rows.append([c.key, c.baseline, label, count])
    return rows


def input_rows(result: ForecastResult) -> list[list[Any]]:
    i = result.inputs
    rows: list[list[Any]] = [["input", "value"]]
    for key in ("code_version", "numpy_version", "seed", "years", "runs", "teachers", "baseline"):
        rows.append([key, i[key]])
    rows.append(["workforce", f"{i['workforce']['source']} ({i['workforce']['fingerprint']})"])
    for p in i["policies"]:
        rows.append(["policy", f"{p['key']} v{p['version']} {p['file']} ({p['fingerprint']})"])
    for key, value in i["assumptions"].items():
        rows.append([f"assumption {key}", repr(value)])
    return rows


def _sections(result: ForecastResult) -> list[tuple[str, list[list[Any]]]]:
    return [
        ("summary", summary_rows(result)),
        ("comparison", comparison_rows(result)),
        ("histogram", histogram_rows(result)),
        ("inputs", input_rows(result)),
    ]


def write_csv(result: ForecastResult, path: str | Path | None = None) -> str:
    """The result as one CSV text (inputs, summary, comparison, histogram sections)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for title, rows in _sections(result):
        writer.writerow([f"# {title}"])
        writer.writerows([safe_cell(v) for v in row] for row in rows)
        writer.writerow([])
    text = buffer.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text


def write_xlsx(result: ForecastResult, path: str | Path | io.BytesIO) -> None:
    """The result as a workbook: one sheet per section."""
    # openpyxl ships no type stubs; imported here so the engine never needs it
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    first = True
    for title, rows in _sections(result):
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        sheet.title = title.capitalize()
        first = False
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text is never a formula
    book.save(path)
