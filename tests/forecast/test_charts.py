"""The SVG charts are well-formed, labelled for screen readers and state their numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from lattice.forecast.assumptions import Assumptions
from lattice.forecast.charts import (
    cost_by_group,
    gainers_histogram,
    money,
    pathway_shares,
    payroll_fan,
)
from lattice.forecast.results import ForecastResult, build_result
from lattice.forecast.simulate import simulate
from lattice.forecast.workforce import synthetic
from lattice.rules.policy import Policy

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def result(baltimore: Policy) -> ForecastResult:
    raised = replace(
        baltimore,
        key="raised",
        pathways=tuple(
            replace(p, salary=tuple(s + 3000 for s in p.salary)) if p.key == "standard" else p
            for p in baltimore.pathways
        ),
    )
    workforce = synthetic(300, seed=2)
    sim = simulate(workforce, [baltimore, raised], Assumptions(), years=4, runs=40, seed=1)
    return build_result(sim, workforce, [baltimore, raised], Assumptions())


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text
    assert desc is not None
    assert desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root


def test_the_fan_chart_draws_a_band_and_a_median_per_policy(result: ForecastResult) -> None:
    root = _parse(payroll_fan(result))
    assert len(root.findall(f"{SVG}polygon")) == 2
    assert len(root.findall(f"{SVG}polyline")) == 2
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert money(result.policies[0].years[-1].payroll_median) in (desc.text or "")


def test_pathway_shares_stack_to_the_whole_each_year(result: ForecastResult) -> None:
    summary = result.policies[0]
    root = _parse(pathway_shares(summary))
    bars = root.findall(f"{SVG}rect")
    per_year = len(summary.pathways)
    assert len([b for b in bars if b.find(f"{SVG}title") is not None]) == 4 * per_year


def test_the_histogram_shows_gainers_and_names_the_share(result: ForecastResult) -> None:
    comparison = result.comparisons[0]
    root = _parse(gainers_histogram(comparison, result.histogram_labels))
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert "raised compared with baltimore-2010" in (desc.text or "")
    assert "gain" in (desc.text or "")


def test_the_series_are_named_in_words_and_the_years_are_school_years(
    result: ForecastResult,
) -> None:
    fan = payroll_fan(result)
    assert "Baltimore City career pathways (BTU 2010 contract)" in fan
    assert ">2026-27</text>" in fan
    assert ">Y1<" not in fan
    shares = pathway_shares(result.policies[0], labels=["2026-27", "2027-28", "2028-29",
                                                        "2029-30"])  # fmt: skip
    assert ">Professional</text>" in shares
    assert "professional" not in shares.replace("Professional", "")


def test_cost_by_group_has_two_bars_per_policy(result: ForecastResult) -> None:
    root = _parse(cost_by_group(result))
    titled = [r for r in root.findall(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(titled) == 2 * len(result.policies)


def test_text_in_charts_is_escaped(result: ForecastResult) -> None:
    odd = replace(result.policies[0], key="<b>&x", name="<b>&x")
    svg = pathway_shares(odd)
    assert "<b>" not in svg
    _parse(svg)


def test_money_is_short_and_signed() -> None:
    assert money(1_234_000_000) == "$1.23bn"
    assert money(-2_500_000) == "-$2.5M"
    assert money(950) == "$950"


def test_histogram_bins_are_labelled_in_thousands() -> None:
    from lattice.forecast.charts import short_bin

    assert [short_bin(i) for i in (-21, -2, -1, 0, 1, 2, 21)] == [
        "< -40",
        "-4 to -2",
        "-2 to 0",
        "0",
        "0 to +2",
        "+2 to +4",
        "> +40",
    ]
