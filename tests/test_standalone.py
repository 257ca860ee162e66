"""The repository stands alone: nothing in it cites the research notes that live outside it
(``../shared``, ``/work/shared`` and the notes' file names). A reader who clones Lattice has
only the repository and the public sources it cites, so every citation points at those."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OUTSIDE = re.compile(
    r"\.\./shared|/work/shared|"
    + "|".join(
        re.escape(name)
        for name in (
            "career-systems",
            "programs-and-standards",
            "anchors-wave2",
            "glossary.md",
            "STYLE.md",
            "SETUP-NOTES",
        )
    ),
    re.IGNORECASE,
)


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    return [ROOT / name.decode() for name in listed if name]


def test_no_file_cites_the_notes_outside_the_repository() -> None:
    found = []
    for path in _tracked_text_files():
        if path == Path(__file__).resolve():
            continue  # this test names what it looks for
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary files (images, fonts) cite nothing
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert not found, (
        "cite the public source (or the project's own docs) instead of notes outside the "
        "repository:\n" + "\n".join(found)
    )
