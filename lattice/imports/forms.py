"""Upload, column-mapping and review forms."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django import forms

from lattice.imports.hr.columns import COLUMNS, canonical
from lattice.imports.limits import HR_MAX_BYTES, ONEROSTER_MAX_BYTES
from lattice.imports.models import ImportSettings, RosterConnection

MAX_FILES = 30


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


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
    # Django's metaclass moves declared fields off the class: form.files stays the uploads.
    files = MultipleFileField(  # type: ignore[assignment]
        label="OneRoster files",
        help_text="The ZIP file your student information system exports, or the CSV files "
        "inside it (manifest.csv, orgs.csv, academicSessions.csv, users.csv and, for version "
        "1.2, roles.csv).",
    )
    mode = forms.ChoiceField(
        label="Mode",
        choices=[
            ("", "As the files say (their manifest)"),
            ("bulk", "Full: the whole roster"),
            ("delta", "Changes only"),
        ],
        required=False,
        help_text="Full: the files hold everyone, so people missing from them become inactive "
        "(never deleted). Changes only: the files hold just who was added or changed; nobody "
        "else is touched. Most exports say which they are.",
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
        if sum(upload.size for upload in files) > ONEROSTER_MAX_BYTES:
            raise forms.ValidationError(
                f"The files are larger than {megabytes(ONEROSTER_MAX_BYTES)} together, the most "
                "Lattice accepts for a roster — upload the ZIP file your student information "
                "system exports."
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
        if upload.size > HR_MAX_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {megabytes(upload.size)}, more than the "
                f"{megabytes(HR_MAX_BYTES)} Lattice accepts for an HR file — keep one row per "
                "person and only the columns Lattice reads."
            )
        return upload


class ImportSettingsForm(forms.ModelForm):
    class Meta:
        model = ImportSettings
        fields = ["max_removal_percent", "max_removal_count", "preview_days", "file_retention_days"]


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
        year_labels: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
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
        super().clean()
        data = self.cleaned_data
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


class ConnectionForm(forms.ModelForm):
    """The roster connection; the secret is write-only (never rendered back)."""

    client_secret = forms.CharField(
        label="Client secret",
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Stored encrypted and never shown again. Leave empty to keep the saved one.",
    )

    class Meta:
        model = RosterConnection
        fields = [
            "base_url",
            "token_url",
            "client_id",
            "scope",
            "include_classes",
            "schedule",
            "sync_hour",
            "auto_apply",
            "full_sync_days",
            "enabled",
        ]
        # Words for an officer rather than for the student information system's vendor.
        labels = {
            "base_url": "Address of the roster service (base URL)",
            "token_url": "Sign-in address (token URL)",
            "client_id": "Client id",
            "scope": "Permission requested (scope)",
            "sync_hour": "Hour of the nightly sync (UTC, 0–23)",
            "auto_apply": "Apply automatically within the safety limits",
            "enabled": "Enabled: sync on the schedule",
        }
        help_texts = {
            "token_url": "Where Lattice signs in with the client id and secret. Leave empty "
            "unless your student information system gives a separate address.",
            "scope": "Leave as it is unless your student information system asks for another.",
            "include_classes": "Also read the class lists, to check them; they are never stored.",
            "sync_hour": "The hour in Coordinated Universal Time (UTC): 2 is 9 p.m. in New "
            "York in winter.",
            "auto_apply": "Otherwise every sync stops at its preview until an officer applies it.",
            "enabled": "Tick it once the connection is filled in; a new connection starts paused.",
            "full_sync_days": "In between, each sync reads only what changed; a full sync reads "
            "everyone and so also finds people the student information system removed.",
        }

    # The client id and its secret side by side, as the vendor hands them over.
    field_order = ["base_url", "token_url", "client_id", "client_secret"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A new connection does nothing until the officer says so.
            self.initial.setdefault("enabled", False)
            self.initial.setdefault("auto_apply", False)

    def clean_base_url(self) -> str:
        from lattice.imports.oneroster.rest import check_base_url

        try:
            return check_base_url(self.cleaned_data["base_url"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        has_saved = bool(self.instance.pk and self.instance.secret_encrypted)
        if not data.get("client_secret") and not has_saved:
            self.add_error(
                "client_secret", "Enter the client secret your student information system gave you."
            )
        return data
