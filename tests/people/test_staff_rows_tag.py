"""The staff table's rows, written in Python, read as the template loop did: the same cells,
the same links and badges, every value escaped."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from django.template import Context, Template
from django.test.html import parse_html

from lattice.people.templatetags.lattice_tags import staff_rows

# The loop the tag replaces (people/_staff_results.html before docs/decisions/0017's fourth
# round), with the per-cell filter it called written out as loops.
LOOP = Template(
    "{% for person in people %}<tr>"
    '<th scope="row"><a href="{% url \'people:staff-detail\' person.pk %}">'
    "{{ person.family_name }}, {{ person.preferred_name|default:person.given_name }}</a>"
    '{% if not person.active %} <span class="badge">left</span>{% endif %}</th>'
    '<td data-label="Employee id">{{ person.employee_id }}</td>'
    '{% if show_school %}<td data-label="School">{% for a in person.year_assignments %}'
    "{% if not forloop.first %}<br>{% endif %}{{ a.school.name }}{% endfor %}</td>{% endif %}"
    '<td data-label="Position">{% for a in person.year_assignments %}'
    "{% if not forloop.first %}<br>{% endif %}{{ a.get_position_display }}{% endfor %}</td>"
    '<td data-label="Subject">{% for a in person.year_assignments %}'
    '{% if not forloop.first %}<br>{% endif %}{{ a.subject|default:"—" }}{% endfor %}</td>'
    '<td data-label="Grades">{% for a in person.year_assignments %}'
    '{% if not forloop.first %}<br>{% endif %}{{ a.grades|default:"—" }}{% endfor %}</td>'
    '<td class="num" data-label="FTE">{% for a in person.year_assignments %}'
    "{% if not forloop.first %}<br>{% endif %}{{ a.fte|stringformat:'s' }}{% endfor %}</td>"
    "</tr>{% endfor %}"
)


def assignment(school: str, position: str, subject: str, grades: str, fte: str):
    return SimpleNamespace(
        school=SimpleNamespace(name=school),
        get_position_display=lambda: position,
        subject=subject,
        grades=grades,
        fte=Decimal(fte),
    )


PEOPLE = [
    SimpleNamespace(
        pk=7,
        family_name="O'Brien <Jr>",
        given_name="Ada",
        preferred_name="",
        active=True,
        employee_id="E&1",
        year_assignments=[
            assignment("Alder & Elm", "Teacher", "Science", "6-8", "0.50"),
            assignment("Birch", "Instructional coach", "", "", "0.5"),
        ],
    ),
    SimpleNamespace(
        pk=8,
        family_name="Nguyen",
        given_name="Cleopatra",
        preferred_name='Cleo "C"',
        active=False,
        employee_id="N3001",
        year_assignments=[assignment("Birch", "Principal", "", "K-5", "1.00")],
    ),
]


def both(show_school: bool) -> tuple[object, object]:
    ours = staff_rows(PEOPLE, show_school)
    loop = LOOP.render(Context({"people": PEOPLE, "show_school": show_school}))
    return parse_html(ours), parse_html(loop)


def test_rows_with_the_school_column_read_as_the_loop() -> None:
    ours, loop = both(True)
    assert ours == loop


def test_rows_without_the_school_column_read_as_the_loop() -> None:
    ours, loop = both(False)
    assert ours == loop
    assert 'data-label="School"' not in staff_rows(PEOPLE, False)


def test_every_value_is_escaped_and_a_leaver_is_badged() -> None:
    html = staff_rows(PEOPLE, True)
    assert "O&#x27;Brien &lt;Jr&gt;, Ada" in html
    assert "Alder &amp; Elm<br>Birch" in html
    assert 'Nguyen, Cleo &quot;C&quot;</a> <span class="badge">left</span>' in html
    assert '<a href="/staff/7/">' in html
