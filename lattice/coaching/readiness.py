"""The readiness self-assessment as data, and the recommendation drawn from its answers.

Plain Python, no Django: dimensions, Lattice's own statements (instruments from the research
literature are copyrighted, so only the structure follows them), what each of the DESE
planning guide's four approaches needs, and :func:`recommend`, which returns the approach a
school is most ready for with the reasons read from the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SCALE = {1: "Not true here", 2: "Partly true", 3: "Mostly true", 4: "Fully true"}
DONT_KNOW = "Don't know"
# More than this share of "don't know" answers and a dimension counts as not yet known.
UNKNOWN_SHARE = 1 / 3


@dataclass(frozen=True)
class Dimension:
    key: str
    name: str


@dataclass(frozen=True)
class Statement:
    key: str
    dimension: str
    text: str


DIMENSIONS = (
    Dimension("culture", "Culture and trust"),
    Dimension("evaluators", "Evaluator capacity"),
    Dimension("contract", "Contract and union agreement"),
    Dimension("time", "Time and schedule"),
    Dimension("budget", "Budget"),
    Dimension("pipeline", "Leadership pipeline"),
)
DIMENSION_NAMES = {d.key: d.name for d in DIMENSIONS}

STATEMENTS = (
    Statement(
        "culture.observe", "culture", "Teachers here welcome colleagues into their classrooms."
    ),
    Statement(
        "culture.candid",
        "culture",
        "Teachers can say what is not working without fear of consequences.",
    ),
    Statement(
        "culture.feedback",
        "culture",
        "Feedback from a colleague is taken as help, not as judgement.",
    ),
    Statement(
        "evaluators.load",
        "evaluators",
        "Evaluators have time to observe every teacher they evaluate more than once a year.",
    ),
    Statement(
        "evaluators.calibrated",
        "evaluators",
        "Evaluators rate the same lesson alike after calibration.",
    ),
    Statement(
        "evaluators.trained",
        "evaluators",
        "Teachers who would evaluate peers could be trained and calibrated this year.",
    ),
    Statement(
        "contract.allows",
        "contract",
        "The contract allows teachers to give feedback that is used in evaluation.",
    ),
    Statement(
        "contract.union",
        "contract",
        "The union and the district have worked on a new role together before.",
    ),
    Statement(
        "contract.confidential",
        "contract",
        "There is agreed language keeping coaching separate from evaluation.",
    ),
    Statement("time.common", "time", "Teachers who work together share planning time each week."),
    Statement(
        "time.release",
        "time",
        "The schedule can release teacher leaders from part of their teaching.",
    ),
    Statement("time.cover", "time", "Classes can be covered when a teacher visits a colleague."),
    Statement(
        "budget.stipends",
        "budget",
        "There is money for stipends or release time for several years.",
    ),
    Statement(
        "budget.training", "budget", "There is money to train the people who will give feedback."
    ),
    Statement(
        "pipeline.ready", "pipeline", "Several teachers here are ready to lead their colleagues."
    ),
    Statement(
        "pipeline.respected",
        "pipeline",
        "Teachers would accept feedback from the colleagues likely to lead.",
    ),
    Statement(
        "pipeline.want",
        "pipeline",
        "Strong teachers want leadership roles that keep them in the classroom.",
    ),
)
STATEMENT_KEYS = frozenset(s.key for s in STATEMENTS)


@dataclass(frozen=True)
class ApproachNeeds:
    key: str
    name: str
    summary: str
    needs: Mapping[str, float]  # dimension -> lowest average that suffices
    decisions: tuple[str, ...]


# From formal (evaluative) to informal (collaborative), as the planning guide orders them.
APPROACHES = (
    ApproachNeeds(
        "par",
        "Peer assistance and review",
        "Consulting teachers support and formally evaluate colleagues, reporting to a joint "
        "teacher–administrator panel.",
        {"contract": 3.0, "culture": 3.0, "evaluators": 2.5, "budget": 3.0, "pipeline": 3.0},
        (
            "Who gives feedback to whom: which teachers a consulting teacher takes on (new "
            "teachers, teachers in need of improvement) and how many.",
            "Formative or summative use: the consulting teacher's report counts in the rating; "
            "the panel decides.",
            "Training and calibration: consulting teachers calibrate with administrators "
            "before rating anyone.",
            "Time: consulting teachers are released from most of their teaching.",
            "Pay: a stipend or salary differential for consulting teachers and the panel.",
        ),
    ),
    ApproachNeeds(
        "secondary_evaluator",
        "Secondary evaluators",
        "Teacher leaders observe and give feedback that counts in evaluation, alongside the "
        "principal, who keeps the final rating.",
        {"evaluators": 3.0, "contract": 3.0, "pipeline": 2.5, "time": 2.5},
        (
            "Who gives feedback to whom: which teachers each secondary evaluator observes, and "
            "never a teacher they coach.",
            "Formative or summative use: evidence counts; the principal signs the rating.",
            "Training and calibration: the same calibration as administrators, every year.",
            "Time: release time for observations and conversations.",
            "Pay: a stipend for the added duty.",
        ),
    ),
    ApproachNeeds(
        "instructional_coach",
        "Instructional coaches",
        "Coaches support teachers' practice confidentially; nothing they see counts in evaluation.",
        {"budget": 2.5, "time": 2.5, "pipeline": 2.5, "culture": 2.5},
        (
            "Who gives feedback to whom: caseloads per coach, and whether teachers ask for "
            "coaching or are referred.",
            "Formative or summative use: formative only; coaching stays behind the wall.",
            "Training and calibration: coaches are trained in coaching cycles and meet as a group.",
            "Time: release time for visits and conversations.",
            "Pay: a stipend or a hybrid position.",
        ),
    ),
    ApproachNeeds(
        "collaborative_learning",
        "Collaborative learning",
        "Teams of teachers observe one another and study their practice together, informally.",
        {"time": 2.0, "culture": 2.0},
        (
            "Who gives feedback to whom: teams and who facilitates them.",
            "Formative or summative use: formative only.",
            "Training and calibration: facilitators learn protocols for looking at practice.",
            "Time: common planning time each week.",
            "Pay: usually none, or a small stipend for facilitators.",
        ),
    ),
)
APPROACH_BY_KEY = {a.key: a for a in APPROACHES}


@dataclass(frozen=True)
class DimensionResult:
    key: str
    name: str
    average: float | None  # None when nobody knew
    answered: int
    dont_know: int

    @property
    def known(self) -> bool:
        total = self.answered + self.dont_know
        return self.answered > 0 and self.dont_know / total <= UNKNOWN_SHARE


@dataclass(frozen=True)
class ApproachFit:
    approach: ApproachNeeds
    met: tuple[str, ...]  # the needs the answers meet, as sentences
    gaps: tuple[str, ...]  # the needs they do not, as sentences

    @property
    def ready(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class Recommendation:
    approach: ApproachNeeds
    reasons: tuple[str, ...]
    fits: tuple[ApproachFit, ...] = field(default_factory=tuple)


def dimension_results(answers: Iterable[tuple[str, int | None]]) -> list[DimensionResult]:
    """Averages per dimension of ``(statement key, value or None for don't know)`` answers,
    "don't know" counted apart and never averaged in. Unknown statement keys are ignored."""
    by_dimension = {s.key: s.dimension for s in STATEMENTS}
    values: dict[str, list[int]] = {d.key: [] for d in DIMENSIONS}
    unknown: dict[str, int] = {d.key: 0 for d in DIMENSIONS}
    for key, value in answers:
        dimension = by_dimension.get(key)
        if dimension is None:
            continue
        if value is None:
            unknown[dimension] += 1
        else:
            values[dimension].append(value)
    return [
        DimensionResult(
            d.key,
            d.name,
            round(sum(values[d.key]) / len(values[d.key]), 2) if values[d.key] else None,
            len(values[d.key]),
            unknown[d.key],
        )
        for d in DIMENSIONS
    ]


def _fit(approach: ApproachNeeds, results: Mapping[str, DimensionResult]) -> ApproachFit:
    met, gaps = [], []
    for key, needed in approach.needs.items():
        result = results[key]
        if not result.known or result.average is None:
            total = result.answered + result.dont_know
            gaps.append(
                f"{result.name}: not enough is known ({result.dont_know} of {total} answers "
                'were "don\'t know").'
            )
        elif result.average < needed:
            gaps.append(f"{result.name} averages {result.average:.1f}; it needs {needed:.1f}.")
        else:
            met.append(f"{result.name} averages {result.average:.1f} (it needs {needed:.1f}).")
    return ApproachFit(approach, tuple(met), tuple(gaps))


def recommend(results: Iterable[DimensionResult]) -> Recommendation:
    """The most formal approach whose every need is met: it shares the most feedback, and so
    takes the most load off evaluators. When none is met, collaborative learning, with what
    stands in its way, since it asks the least."""
    by_key = {r.key: r for r in results}
    fits = tuple(_fit(a, by_key) for a in APPROACHES)
    for index, fit in enumerate(fits):
        if fit.ready:
            passed_over = tuple(
                f"Not yet {f.approach.name}: {' '.join(f.gaps)}" for f in fits[:index]
            )
            also = [f.approach.name for f in fits[index + 1 :] if f.ready]
            tie_break = (
                (
                    f"Also ready: {', '.join(also)}. {fit.approach.name} comes first because it "
                    "is the most formal of the ready approaches: it shares the most feedback, "
                    "and so takes the most load off evaluators.",
                )
                if also
                else ()
            )
            return Recommendation(fit.approach, fit.met + passed_over + tie_break, fits)
    last = fits[-1]
    return Recommendation(
        last.approach,
        ("No approach is fully ready yet; start with the one that asks least.", *last.gaps),
        fits,
    )
