"""The Teacher Leader Model Standards (Teacher Leadership Exploratory Consortium, 2011): seven
domains of lettered functions an achievement may align to. Only the functions Lattice's
achievements commonly serve are named here, in short form; the standards' own wording is at
the source (https://www.nea.org/resource-library/teacher-leader-model-standards)."""

from __future__ import annotations

TLMS_FRAMEWORK = "Teacher Leader Model Standards"
TLMS_URL = "https://www.nea.org/resource-library/teacher-leader-model-standards"

DOMAINS = {
    "1": "Fostering a collaborative culture to support educator development and student learning",
    "2": "Accessing and using research to improve practice and student learning",
    "3": "Promoting professional learning for continuous improvement",
    "4": "Facilitating improvements in instruction and student learning",
    "5": "Promoting the use of assessments and data for school and district improvement",
    "6": "Improving outreach and collaboration with families and community",
    "7": "Advocating for student learning and the profession",
}

FUNCTIONS = {
    "1a": "Uses group processes to solve problems, make decisions and promote change",
    "1c": "Facilitates to build trust, collective wisdom and ownership",
    "2b": "Facilitates analysis of student data and its collaborative interpretation",
    "3a": "Plans team-based, job-embedded professional learning linked to improvement goals",
    "3c": "Facilitates professional learning among colleagues",
    "3g": "Gives constructive feedback to colleagues",
    "4a": "Uses data to improve curriculum, instruction, assessment and culture",
    "4b": "Leads reflective dialogue on observations, student work and data",
    "4c": "Supports colleagues' growth as a mentor, coach or content facilitator",
    "4d": "Serves as a team leader",
    "5b": "Collaborates on the design, scoring and interpretation of assessments",
    "6e": "Collaborates with families, community and colleagues on shared strategies",
    "7e": "Represents the profession outside the classroom",
}


def describe(codes: str) -> list[tuple[str, str]]:
    """(code, function) for each known code in a space-separated list, in its order."""
    return [(code, FUNCTIONS[code]) for code in codes.split() if code in FUNCTIONS]


def unknown(codes: str) -> list[str]:
    return [code for code in codes.split() if code not in FUNCTIONS]
