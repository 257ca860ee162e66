"""Plain-text preview and error lines, for the CLI (the web shows the same data as HTML)."""

from __future__ import annotations

from typing import Any

from lattice.imports.errors import ErrorLog


def preview_lines(preview: dict[str, Any], samples: int = 10) -> list[str]:
    counts = preview["counts"]
    lines = []
    head = "OneRoster " + preview["version"] if preview.get("version") else "HR file"
    if preview.get("mode"):
        head += f", {preview['mode']} mode"
    if preview.get("district"):
        head += f", district {preview['district']}"
    lines.append(head)
    for table, c in counts["tables"].items():
        parts = [f"{v} {k}" for k, v in c.items()]
        lines.append(f"  {table:<14} " + ", ".join(parts))
    if counts.get("review"):
        lines.append(f"  review list    {counts['review']} rows need a decision (left out)")
    for reason, n in sorted(counts.get("skipped", {}).items()):
        lines.append(f"  skipped        {n} {reason}")
    for role, n in sorted(counts.get("counted_not_stored", {}).items()):
        lines.append(f"  not stored     {n} {role}")
    for name in preview.get("ignored_files", []):
        lines.append(f"  ignored file   {name}")
    for note in preview.get("notes", []):
        lines.append(f"  note: {note}")
    for sample in preview.get("samples", [])[:samples]:
        lines.append(f"  {sample['action']}: {sample['person']}")
        for change in sample["changes"][:8]:
            lines.append(f"      {change['field']}: {change['before']} → {change['after']}")
    for item in preview.get("review", [])[:samples]:
        lines.append(
            f"  review: {item['file']} line {item['line']}: {item['name']} — {item['reason']}"
        )
    return lines


def error_lines(errors: ErrorLog) -> list[str]:
    lines = [str(problem) for problem in errors]
    if errors.truncated:
        lines.append(f"… and {errors.truncated} more errors (the first {errors.cap} are shown)")
    return lines
