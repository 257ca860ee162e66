"""Role templates a district starts its catalogue from, each citing its public source.

The sources: Iowa TLC's default state model (the Iowa Department of Education's 2013 design
document and press reports of it), Iowa Code 284.16 (the instructional-coach model), Public
Impact's Opportunity Culture roles, and the cases on the Massachusetts DESE teacher leadership
page (Revere, Springfield, New Bedford, Northampton). Figures marked [R] are reported in press
or design documents, not read in final statute; [U] figures are starting points to set locally.
"""

from __future__ import annotations

from dataclasses import dataclass

# the Iowa Department of Education's "Key concepts and cost estimates" (2013)
IOWA_MODEL = (
    "https://slideblast.com/download/"
    "key-concepts-and-cost-estimatespdf-iowa-department-of-education_5954d0691723dd888332d97b.html"
)
IOWA_CODE_284_16 = "Iowa Code 284.16, https://lawserver.com/law/state/iowa/ia-code/iowa_code_284-16"
OPPORTUNITY_CULTURE = "https://www.opportunityculture.org/opportunity-culture-educator-roles/"
DESE_CASES = "Massachusetts DESE, https://doe.mass.edu/edeffectiveness/leadership/default.html"


@dataclass(frozen=True)
class RoleTemplate:
    key: str
    title: str
    role_type: str
    purpose: str
    duties: tuple[str, ...]
    tlms_domains: tuple[str, ...]
    peer_relation: str = "supports"
    release_percent: int = 0
    extra_days: int = 0
    stipend_dollars: int = 0
    default_share_percent: int = 0
    term_years: int = 1
    position_scope: str = "school"
    positions: int = 1
    selected_by: str = "panel"
    team_min: int | None = None
    team_max: int | None = None
    min_rating: str = ""
    min_rating_years: int = 0
    min_years_experience: int = 0
    source: str = ""

    @property
    def label(self) -> str:
        family = {"iowa": "Iowa TLC", "oc": "Opportunity Culture"}.get(self.key.split("-")[0])
        return f"{self.title} ({family})" if family else self.title


TEMPLATES: tuple[RoleTemplate, ...] = (
    RoleTemplate(
        key="iowa-model",
        title="Model teacher",
        role_type="model",
        purpose="Open a strong classroom to colleagues so they can see practice they want to "
        "adopt.",
        duties=(
            "Host colleagues to observe lessons",
            "Model practices the school is adopting",
            "Debrief observations with visiting teachers",
        ),
        tlms_domains=("instruction", "learning"),
        extra_days=5,
        stipend_dollars=2_000,
        default_share_percent=10,
        source="Iowa TLC default model: $2,000, ≥10%, +5 days, 100% classroom; 1-year term [R]; "
        + IOWA_MODEL,
    ),
    RoleTemplate(
        key="iowa-mentor",
        title="Mentor teacher",
        role_type="mentor",
        purpose="Support new and struggling teachers through their first years.",
        duties=(
            "Mentor assigned new teachers",
            "Observe and give non-evaluative feedback",
            "Co-plan and co-teach with mentees",
        ),
        tlms_domains=("culture", "learning", "instruction"),
        release_percent=25,
        extra_days=10,
        stipend_dollars=5_000,
        default_share_percent=10,
        source="Iowa TLC default model: $5,000, ≥10%, +10 days, 75% teach / 25% mentoring; "
        "1-year term [R]; " + IOWA_MODEL,
    ),
    RoleTemplate(
        key="iowa-lead",
        title="Lead teacher",
        role_type="lead",
        purpose="Lead an instructional team and the school's professional learning.",
        duties=(
            "Lead an instructional team",
            "Plan and facilitate professional learning",
            "Analyse student data with teams",
        ),
        tlms_domains=("learning", "instruction", "assessment", "culture"),
        release_percent=50,
        extra_days=15,
        stipend_dollars=10_000,
        default_share_percent=5,
        min_rating="Effective",
        min_rating_years=2,
        min_years_experience=3,
        source="Iowa TLC default model: $10,000, ≥5%, +15 days, 50% teach / 50% leadership; "
        "1-year term [R]; lead teachers may head teams or evaluate peers; " + IOWA_MODEL,
    ),
    RoleTemplate(
        key="oc-mcl",
        title="Multi-classroom leader",
        role_type="mcl",
        purpose="Lead a team of teachers and be accountable for all the team's students.",
        duties=(
            "Lead the team's planning and data analysis",
            "Coach, co-teach and model",
            "Keep teaching with partial release",
            "Help select teammates",
        ),
        tlms_domains=("instruction", "assessment", "learning", "culture"),
        release_percent=50,
        stipend_dollars=10_000,
        team_min=4,
        team_max=6,
        min_rating="Highly Effective",
        min_rating_years=1,
        source="Opportunity Culture multi-classroom leader: team of 4–6, supplement averages "
        "+20% (fixed amounts, not % of salary); the $10,000 figure is a starting point to set "
        "locally [U]; " + OPPORTUNITY_CULTURE,
    ),
    RoleTemplate(
        key="coach",
        title="Instructional coach",
        role_type="coach",
        purpose="Coach teachers on request to improve instruction; conversations stay "
        "confidential.",
        duties=(
            "Coach teachers who ask for support",
            "Observe, model and give feedback",
            "Lead the school's coaching cycle",
        ),
        tlms_domains=("instruction", "learning", "research"),
        release_percent=100,
        extra_days=15,
        stipend_dollars=10_000,
        source="Instructional-coach model (curriculum & PD leader: +15 days, $10k–12k) [C]; "
        + IOWA_CODE_284_16
        + "; New Bedford's trust rules for coaches: "
        + DESE_CASES,
    ),
    RoleTemplate(
        key="mentor",
        title="Mentor",
        role_type="mentor",
        purpose="Support one or two new colleagues through their first year.",
        duties=("Meet your mentee weekly", "Observe and give non-evaluative feedback"),
        tlms_domains=("culture", "learning"),
        stipend_dollars=1_500,
        source="Springfield Effective Educator Coach (stipend and caseload [U]; set locally); "
        + DESE_CASES,
    ),
    RoleTemplate(
        key="secondary-evaluator",
        title="Secondary evaluator",
        role_type="other",
        purpose="Share the summative evaluation of colleagues with the principal, trained and "
        "calibrated; never a colleague you coach that year.",
        duties=(
            "Observe and give evaluative feedback to the colleagues assigned to you",
            "Write their summative evaluations with the principal",
            "Calibrate ratings with the principal and the other evaluators",
        ),
        tlms_domains=("instruction", "assessment"),
        peer_relation="evaluates",
        release_percent=20,
        extra_days=3,
        stipend_dollars=2_500,
        source="DESE distributed leadership: secondary evaluators and Peer Assistance and "
        "Review take part of the principal's evaluation load; Wareham's coach who became a "
        "supervisor; amounts set locally [U]; " + DESE_CASES,
    ),
    RoleTemplate(
        key="plc-lead",
        title="PLC or department lead",
        role_type="team_lead",
        purpose="Lead a professional learning community or department through its cycle.",
        duties=(
            "Plan and run team meetings",
            "Lead the team's analysis of student work",
            "Keep the team's curriculum map current",
        ),
        tlms_domains=("culture", "assessment", "instruction"),
        extra_days=3,
        stipend_dollars=2_500,
        source="Northampton ('lean on department chairs'), TLMS 4d team leader; amounts set "
        "locally [U]; " + DESE_CASES,
    ),
    RoleTemplate(
        key="council",
        title="Leadership council member",
        role_type="council",
        purpose="Represent colleagues on a leadership council that recommends and decides.",
        duties=("Attend council meetings", "Bring colleagues' views", "Report decisions back"),
        tlms_domains=("culture", "advocacy", "families"),
        stipend_dollars=1_000,
        position_scope="district",
        positions=7,
        selected_by="panel",
        source="Revere Educators Leadership Board and councils; DESE advisory cabinets meet "
        "4×/year; amounts set locally [U]; " + DESE_CASES,
    ),
    RoleTemplate(
        key="curriculum-writer",
        title="Curriculum writer",
        role_type="curriculum",
        purpose="Write and revise shared units on a small, opt-in team.",
        duties=("Write units to the district's template", "Pilot and revise with colleagues"),
        tlms_domains=("instruction", "research", "assessment"),
        extra_days=10,
        stipend_dollars=3_000,
        position_scope="district",
        positions=6,
        source="Northampton shared curriculum (opt-in, small teams, against curriculum-writing "
        "overload); amounts set locally [U]; " + DESE_CASES,
    ),
)

IOWA_TEMPLATE_KEYS = ("iowa-model", "iowa-mentor", "iowa-lead")


def template(key: str) -> RoleTemplate | None:
    return next((t for t in TEMPLATES if t.key == key), None)
