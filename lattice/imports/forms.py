"""Upload, column-mapping and review forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms

from lattice.imports.hr import COLUMNS, canonical

MAX_FILES = 30


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class OneRosterUploadForm(forms.Form):
    files = MultipleFileField(
        label="OneRoster files",
        help_text="The ZIP your SIS exports, or its CSV files (manifest.csv, orgs.csv, "
        "academicSessions.csv, users.csv and, for 1.2, roles.csv).",
    )
    mode = forms.ChoiceField(
        label="Mode",
        choices=[
            ("", "As the manifest says"),
            ("bulk", "Bulk: the whole roster"),
            ("delta", "Delta: changes only"),
        ],
        required=False,
        help_text="Bulk marks people missing from the files as inactive (never deleted).",
    )

    def clean_files(self) -> list[Any]:
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Upload at most {MAX_FILES} files, or one ZIP.")
        for upload in files:
            if Path(upload.name).suffix.lower() not in (".zip", ".csv"):
                raise forms.ValidationError(
                    f"{upload.name} is not a .zip or .csv file — upload the OneRoster export."
                )
        return files


class HrUploadForm(forms.Form):
    file = forms.FileField(
        label="HR file", help_text="CSV or Excel (.xlsx), one row per person, keyed by employee id."
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError(f"{upload.name} is not a .csv or .xlsx file.")
        return upload


def _column_choices() -> list[tuple[str, str]]:
    out = [("", "Ignore this column")]
    for name in COLUMNS:
        if name != "rating_YYYY_YY":
            out.append((name, name))
    return out


class MappingForm(forms.Form):
    """One select per file header: which Lattice column it holds."""

    remember = forms.BooleanField(
        label="Remember this mapping for the district's next files", required=False, initial=True
    )

    def __init__(
        self,
        *args: Any,
        headers: list[str],
        mapping: dict[str, str],
        year_labels: list[str] = (),
        **kwargs: Any,
    ) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.headers = headers
        choices = _column_choices() + [
            (
                f"rating_{label.replace('-', '_')}",
                f"rating_{label.replace('-', '_')} (rating for {label})",
            )
            for label in year_labels
        ]
        for i, header in enumerate(headers):
            current = mapping.get(header, "")
            field_choices = list(choices)
            if current and current not in dict(choices):
                field_choices.append((current, current))  # rating_2023_24, certificate_2_…
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=header or f"(column {i + 1} has no header)",
                choices=field_choices,
                required=False,
                initial=current,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        targets = [data.get(f"col_{i}") for i in range(len(self.headers))]
        chosen = [t for t in targets if t]
        if "employee_id" not in chosen:
            raise forms.ValidationError("Choose the column that holds the employee id.")
        duplicates = sorted({t for t in chosen if chosen.count(t) > 1})
        if duplicates:
            raise forms.ValidationError(
                "Each Lattice column can be filled by one file column "
                f"only: {', '.join(duplicates)}."
            )
        for t in chosen:
            if canonical(t) != t:
                raise forms.ValidationError(f"{t} is not a Lattice column.")
        return data

    def mapping(self) -> dict[str, str]:
        return {
            header: self.cleaned_data.get(f"col_{i}") or "" for i, header in enumerate(self.headers)
        }
