"""Finding the files of an upload: a ZIP, a folder, or a single file.

Members are matched by their base name, so a ZIP whose CSVs sit in a sub-folder works too.
Nothing is extracted: each file is streamed from where it lies.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from lattice.imports.csvsource import Source


class PackageError(ValueError):
    """The upload is not something Lattice can read (message says why and what to do)."""


def _zip_sources(path: Path) -> dict[str, Source]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise PackageError(f"{path.name} is not a readable ZIP file — export it again") from None
    sources: dict[str, Source] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = PurePosixPath(info.filename).name
        if name.startswith(".") or info.filename.startswith("__MACOSX/"):
            continue

        def opener(member: str = info.filename):  # type: ignore[no-untyped-def]
            return zipfile.ZipFile(path).open(member)

        sources[name] = Source(name=name, open=opener, size=info.file_size)
    return sources


def _folder_sources(path: Path) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for file in sorted(path.rglob("*")):
        if file.is_file() and not file.name.startswith("."):
            if file.suffix.lower() == ".zip":
                sources.update(_zip_sources(file))
                continue

            def opener(p: Path = file):  # type: ignore[no-untyped-def]
                return p.open("rb")

            sources[file.name] = Source(name=file.name, open=opener, size=file.stat().st_size)
    return sources


def find_sources(path: str | Path) -> dict[str, Source]:
    """The files of a ZIP or folder, by base name."""
    path = Path(path)
    if not path.exists():
        raise PackageError(f"{path} does not exist — check the path")
    if path.is_dir():
        return _folder_sources(path)
    if zipfile.is_zipfile(path):
        return _zip_sources(path)
    raise PackageError(
        f"{path.name} is neither a ZIP file nor a folder — give the OneRoster ZIP or the folder "
        "holding manifest.csv"
    )
