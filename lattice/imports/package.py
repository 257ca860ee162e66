"""Finding the files of an upload: a ZIP, a folder, or a single file — within bounds.

Members are matched by their base name, so a ZIP whose CSVs sit in a sub-folder works too.
Nothing is extracted: each file is streamed from where it lies. An upload holding more than
one OneRoster package (two ``manifest.csv``, or two files of one name) is refused with the
list, because merging them by name would let the last one win silently.

Bounds (each with a message that says what to do): at most :data:`MAX_FILES` files, at most
:data:`MAX_UNCOMPRESSED` bytes once decompressed, and no member that expands more than
:data:`MAX_RATIO` times (a "ZIP bomb": 3 MB that would become 1.5 GiB). ``zipfile`` never
returns more bytes than a member declares, so the declared sizes bound the work.
"""

from __future__ import annotations

import os
import zipfile
from collections import defaultdict
from pathlib import Path, PurePosixPath

from lattice.imports.csvsource import Source

MAX_FILES = 100
MAX_UNCOMPRESSED = int(os.environ.get("LATTICE_IMPORT_MAX_BYTES", 4 * 1024**3))
MAX_RATIO = 200
RATIO_FLOOR = 8 * 1024 * 1024  # small members may compress very well (headers, blanks)


class PackageError(ValueError):
    """The upload is not something Lattice can read (message says why and what to do)."""


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def _check_members(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_FILES:
        raise PackageError(
            f"{name} holds {len(infos):,} files; a OneRoster package has at most a dozen "
            f"(Lattice reads up to {MAX_FILES}) — upload the roster export only"
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(
                f"{name}: {info.filename} would expand from {_size(info.compress_size)} to "
                f"{_size(info.file_size)}, far more than any real roster compresses — it looks "
                "like a damaged or malicious archive; export the roster again"
            )
    if total > MAX_UNCOMPRESSED:
        raise PackageError(
            f"{name} would expand to {_size(total)}, more than the {_size(MAX_UNCOMPRESSED)} "
            "Lattice reads in one import — split the export or ask your administrator to raise "
            "LATTICE_IMPORT_MAX_BYTES"
        )


def _zip_infos(path: Path) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise PackageError(f"{path.name} is not a readable ZIP file — export it again") from None
    kept = []
    for info in infos:
        if info.is_dir():
            continue
        base = PurePosixPath(info.filename).name
        if base.startswith(".") or info.filename.startswith("__MACOSX/"):
            continue
        kept.append(info)
    _check_members(path.name, kept)
    return kept


def _zip_sources(path: Path, found: dict[str, list[tuple[str, Source]]]) -> None:
    for info in _zip_infos(path):
        name = PurePosixPath(info.filename).name

        def opener(member: str = info.filename):
            return zipfile.ZipFile(path).open(member)

        found[name].append(
            (f"{path.name}/{info.filename}", Source(name=name, open=opener, size=info.file_size))
        )


def _folder_sources(path: Path, found: dict[str, list[tuple[str, Source]]]) -> None:
    files = [f for f in sorted(path.rglob("*")) if f.is_file() and not f.name.startswith(".")]
    if len(files) > MAX_FILES:
        raise PackageError(
            f"{path.name} holds {len(files):,} files; Lattice reads up to {MAX_FILES} — give "
            "the folder holding only the roster export"
        )
    for file in files:
        if file.suffix.lower() == ".zip":
            _zip_sources(file, found)
            continue

        def opener(p: Path = file):
            return p.open("rb")

        found[file.name].append(
            (
                str(file.relative_to(path)),
                Source(name=file.name, open=opener, size=file.stat().st_size),
            )
        )


def _single(path: Path, found: dict[str, list[tuple[str, Source]]]) -> dict[str, Source]:
    twice = {name: places for name, places in found.items() if len(places) > 1}
    if twice:
        manifests = [place for place, _ in found.get("manifest.csv", [])]
        if len(manifests) > 1:
            listed = ", ".join(str(PurePosixPath(m).parent) or "." for m in manifests)
            raise PackageError(
                f"{path.name} holds {len(manifests)} OneRoster packages ({listed}) — upload "
                "one package at a time"
            )
        listed = "; ".join(
            f"{name} at {', '.join(place for place, _ in places)}"
            for name, places in sorted(twice.items())
        )
        raise PackageError(
            f"{path.name} holds the same file more than once ({listed}) — it looks like "
            "several exports in one upload; upload one package at a time"
        )
    total = sum(places[0][1].size for places in found.values())
    if total > MAX_UNCOMPRESSED:
        raise PackageError(
            f"{path.name} holds {_size(total)} of files, more than the "
            f"{_size(MAX_UNCOMPRESSED)} Lattice reads in one import"
        )
    return {name: places[0][1] for name, places in found.items()}


def find_sources(path: str | Path) -> dict[str, Source]:
    """The files of a ZIP or folder, by base name (refused when a name appears twice)."""
    path = Path(path)
    if not path.exists():
        raise PackageError(f"{path} does not exist — check the path")
    found: dict[str, list[tuple[str, Source]]] = defaultdict(list)
    if path.is_dir():
        _folder_sources(path, found)
    elif zipfile.is_zipfile(path):
        _zip_sources(path, found)
    else:
        raise PackageError(
            f"{path.name} is neither a ZIP file nor a folder — give the OneRoster ZIP or the "
            "folder holding manifest.csv"
        )
    return _single(path, found)
