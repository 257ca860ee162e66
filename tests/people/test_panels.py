"""Profile panels: other apps add sections to a person's pages through a registry
(lattice.people.panels); the people app includes none of their templates by name."""

from __future__ import annotations

from lattice.people import panels
from lattice.people.panels import ProfilePage, ProfilePanel, panels_for


def test_the_pathways_app_adds_the_standing_to_both_pages() -> None:
    # (the recognition app's honours, then the councils app's seats, follow on both; the
    # network app's curriculum and trust-pulse panel only on the person's own profile)
    assert [p.key for p in panels_for(ProfilePage.OWN)] == [
        "pathways.my-path",
        "recognition.honours",
        "councils.seats",
        "network.work",
    ]
    assert [p.key for p in panels_for(ProfilePage.OFFICE)] == [
        "pathways.standing",
        "recognition.honours",
        "councils.seats",
    ]


def test_a_teachers_own_profile_shows_their_path_panel(cast, client_for):
    page = client_for("teacher").get("/me/").content.decode()
    assert 'id="path-heading"' in page


def test_the_office_sees_the_standing_panel_on_a_persons_page(cast, client_for):
    page = client_for("officer").get(f"/staff/{cast.teacher_staff.pk}/").content.decode()
    assert 'id="standing-heading"' in page


def test_a_principal_sees_the_persons_page_without_the_offices_panels(cast, client_for):
    page = client_for("principal").get(f"/staff/{cast.teacher_staff.pk}/").content.decode()
    assert "Employee id" in page
    assert 'id="standing-heading"' not in page


def test_a_registered_panel_appears_in_order_on_its_page(
    cast, client_for, tmp_path, settings, monkeypatch
):
    (tmp_path / "extra.html").write_text(
        '<section id="extra-panel">{{ staff.employee_id }}</section>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    monkeypatch.setattr(panels, "_panels", dict(panels._panels))
    panels.register(ProfilePanel("test.extra", "extra.html", frozenset({ProfilePage.OWN}), 1))
    page = client_for("teacher").get("/me/").content.decode()
    assert f'<section id="extra-panel">{cast.teacher_staff.employee_id}</section>' in page
    assert page.index("extra-panel") < page.index("path-heading")
