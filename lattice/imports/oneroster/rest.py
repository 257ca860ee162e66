"""A OneRoster 1.2 rostering-service client: OAuth 2.0 client credentials, paging, deltas.

:func:`fetch_package` reads orgs, academic sessions, users (with their roles) and, when
asked, classes, and writes them as a OneRoster 1.2 CSV package in a folder — so a REST sync
goes through exactly the reader, checks, plan, preview, safety rules and apply of a CSV
upload, and "the same district" means the same rows by construction. Users with no staff role
(students, parents, guardians, relatives) are counted while streaming and never written.

HTTP is ``httpx`` with ``authlib``'s OAuth 2.0 client (client credentials, token fetched
again when it expires or the service answers 401). Paging follows ``limit``/``offset`` and
``X-Total-Count``; a delta asks ``filter=dateLastModified>'…'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from authlib.integrations.base_client.errors import OAuthError

with warnings.catch_warnings():
    # authlib 1.9 prefers the newer httpx2 and warns when it uses httpx, which Lattice pins:
    # the same client API, and one HTTP library's exceptions to catch.
    warnings.simplefilter("ignore", DeprecationWarning)
    from authlib.integrations.httpx_client import OAuth2Client

from lattice.imports.columns import ORGS, ROLES_12, SESSIONS_12, USERS_12
from lattice.imports.oneroster.cells import NEVER_STORED, position_for
from lattice.imports.oneroster.vocab import CLASSES

PAGE_SIZE = 1000
TIMEOUT = 60.0
Progress = Callable[[float, str], None]


class RosterServiceError(RuntimeError):
    """The rostering service could not be read; the message says why and what to check."""


@dataclass
class FetchResult:
    """What a fetch wrote and saw: record counts, people counted not stored, newest change."""

    records: Counter[str] = field(default_factory=Counter)
    counted: Counter[str] = field(default_factory=Counter)
    newest: str = ""  # the largest dateLastModified seen (ISO 8601)

    @property
    def total(self) -> int:
        return sum(self.records.values())


def check_base_url(url: str) -> str:
    """HTTPS, except on the loopback address (a local provider); no credentials in the URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(
            "write the full address, e.g. https://sis.example.org/ims/oneroster/rostering/v1p2"
        )
    if parts.username or parts.password:
        raise ValueError("leave the client id and secret out of the address; enter them below")
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("use https:// — rosters are personnel data and must travel encrypted")
    return url.rstrip("/")


class RosterClient:
    """One connection to a rostering service (token kept and renewed)."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        token_url: str = "",
        scope: str = "",
        page_size: int = PAGE_SIZE,
        timeout: float = TIMEOUT,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self.token_url = token_url or f"{self.base_url}/token"
        self.page_size = page_size
        self.http = OAuth2Client(
            client_id=client_id,
            client_secret=client_secret,
            scope=scope or None,
            token_endpoint=self.token_url,
            token_endpoint_auth_method="client_secret_basic",
            grant_type="client_credentials",
            timeout=timeout,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> RosterClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _token(self) -> None:
        try:
            self.http.fetch_token(self.token_url, grant_type="client_credentials")
        except OAuthError as exc:
            raise RosterServiceError(
                f"the SIS refused Lattice's client id and secret ({exc.error}) at "
                f"{self.token_url} — check them on the connection page"
            ) from None
        except httpx.HTTPError as exc:
            raise RosterServiceError(_unreachable(self.token_url, exc)) from None
        except ValueError:
            raise RosterServiceError(
                f"{self.token_url} did not answer with an OAuth 2.0 token — check the token URL"
            ) from None

    def _get(self, url: str, params: dict[str, Any]) -> httpx.Response:
        if not self.http.token:
            self._token()
        for attempt in (1, 2):
            try:
                response = self.http.get(url, params=params)
            except httpx.HTTPError as exc:
                raise RosterServiceError(_unreachable(url, exc)) from None
            except OAuthError:
                response = None  # the token expired and could not be renewed silently
            if response is not None and response.status_code != 401:
                break
            if attempt == 2:
                raise RosterServiceError(
                    f"{url} refused Lattice's token (401) — check the client's scopes"
                )
            self._token()
        assert response is not None
        if response.status_code == 404:
            raise RosterServiceError(
                f"{url} answered 404 — the base URL does not look like a OneRoster 1.2 "
                "rostering service (it usually ends in /ims/oneroster/rostering/v1p2)"
            )
        if response.status_code == 403:
            raise RosterServiceError(
                f"{url} answered 403 — the client may not read rosters (scope roster-core.readonly)"
            )
        if response.status_code >= 400:
            raise RosterServiceError(f"{url} answered {response.status_code} — try again later")
        return response

    def records(self, collection: str, since: str = "") -> Iterator[dict[str, Any]]:
        """Every record of ``collection`` (e.g. ``users``), page by page."""
        url = f"{self.base_url}/{collection}"
        offset = 0
        while True:
            params: dict[str, Any] = {"limit": self.page_size, "offset": offset}
            if since:
                params["filter"] = f"dateLastModified>'{since}'"
            response = self._get(url, params)
            try:
                page = response.json()[collection]
            except (ValueError, KeyError, TypeError):
                raise RosterServiceError(
                    f"{url} did not answer with OneRoster JSON (no {collection!r} list)"
                ) from None
            yield from page
            offset += len(page)
            total = response.headers.get("X-Total-Count")
            if not page or len(page) < self.page_size or (total and offset >= int(total)):
                return


def _unreachable(url: str, exc: Exception) -> str:
    reason = exc.__class__.__name__
    if isinstance(exc, httpx.ConnectError):
        reason = "connection refused or name not found"
    elif isinstance(exc, httpx.TimeoutException):
        reason = "no answer in time"
    return (
        f"Lattice could not reach {url} ({reason}) — check the address and that the SIS allows it"
    )


# --- JSON → CSV rows ----------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("sourcedId", ""))
    return str(value)


def _ref(record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    return str(value.get("sourcedId", "")) if isinstance(value, dict) else _text(value)


def org_row(org: dict[str, Any]) -> list[str]:
    return [
        _text(org.get("sourcedId")),
        _text(org.get("status")),
        _text(org.get("dateLastModified")),
        _text(org.get("name")),
        _text(org.get("type")),
        _text(org.get("identifier")),
        _ref(org, "parent"),
    ]


def session_row(session: dict[str, Any]) -> list[str]:
    return [
        _text(session.get("sourcedId")),
        _text(session.get("status")),
        _text(session.get("dateLastModified")),
        _text(session.get("title")),
        _text(session.get("type")),
        _text(session.get("startDate")),
        _text(session.get("endDate")),
        _ref(session, "parent"),
        _text(session.get("schoolYear")),
    ]


USER_FIELDS = {  # CSV column → JSON property (and its alternatives)
    "preferredGivenName": ("preferredGivenName", "preferredFirstName"),
    "preferredMiddleName": ("preferredMiddleName",),
    "preferredFamilyName": ("preferredFamilyName", "preferredLastName"),
}


def user_row(user: dict[str, Any]) -> list[str]:
    row = []
    for column in USERS_12:
        if column in USER_FIELDS:
            value = next((user[k] for k in USER_FIELDS[column] if user.get(k)), "")
            row.append(_text(value))
        elif column == "primaryOrgSourcedId":
            row.append(_ref(user, "primaryOrg"))
        elif column == "agentSourcedIds":
            row.append(",".join(_ref({"a": a}, "a") for a in user.get("agents") or []))
        elif column == "userIds":
            row.append(
                ",".join(
                    f"{{{i.get('type', '')}:{i.get('identifier', '')}}}"
                    for i in user.get("userIds") or []
                )
            )
        else:
            row.append(_text(user.get(column)))
    return row


def role_rows(user: dict[str, Any]) -> list[list[str]]:
    out = []
    for role in user.get("roles") or []:
        out.append(
            [
                "",  # REST roles carry no sourcedId: the reader keys them user|org|role
                _text(user.get("status")),
                _text(user.get("dateLastModified")),
                _text(user.get("sourcedId")),
                _text(role.get("roleType")),
                _text(role.get("role")),
                _text(role.get("beginDate")),
                _text(role.get("endDate")),
                _ref(role, "org"),
                _ref(role, "userProfile"),
            ]
        )
    return out


def class_row(klass: dict[str, Any]) -> list[str]:
    values = {
        **{k: _text(klass.get(k)) for k in CLASSES},
        "courseSourcedId": _ref(klass, "course"),
        "schoolSourcedId": _ref(klass, "school"),
        "termSourcedIds": ",".join(_ref({"t": t}, "t") for t in klass.get("terms") or []),
    }
    return [values[k] for k in CLASSES]


def _is_staff(user: dict[str, Any]) -> tuple[bool, list[str]]:
    roles = [str(r.get("role", "")) for r in user.get("roles") or []]
    return any(position_for(r) is not None for r in roles), roles


def fetch_package(
    client: RosterClient,
    folder: Path,
    *,
    since: str = "",
    include_classes: bool = False,
    progress: Progress | None = None,
) -> FetchResult:
    """Read the service into a OneRoster 1.2 CSV package in ``folder``; students never land."""
    folder.mkdir(parents=True, exist_ok=True)
    result = FetchResult()
    newest = [""]

    def seen(record: dict[str, Any]) -> None:
        stamp = _text(record.get("dateLastModified"))
        if stamp > newest[0]:
            newest[0] = stamp

    def write(name: str, header: list[str], rows: Iterator[list[str]]) -> int:
        count = 0
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle, lineterminator="\r\n")
            out.writerow(header)
            for row in rows:
                out.writerow(row)
                count += 1
        if count == 0 and since:
            (folder / name).unlink()  # a delta with nothing to say: the file is absent
        return count

    steps = ["orgs", "academicSessions", "users"] + (["classes"] if include_classes else [])

    def report(step: str) -> None:
        if progress is not None:
            progress(0.05 + 0.45 * steps.index(step) / len(steps), f"Reading {step} from the SIS")

    report("orgs")

    def orgs() -> Iterator[list[str]]:
        for org in client.records("orgs", since):
            seen(org)
            yield org_row(org)

    result.records["orgs"] = write("orgs.csv", ORGS, orgs())
    report("academicSessions")

    def sessions() -> Iterator[list[str]]:
        for session in client.records("academicSessions", since):
            seen(session)
            yield session_row(session)

    result.records["academicSessions"] = write("academicSessions.csv", SESSIONS_12, sessions())
    report("users")
    roles_path = folder / "roles.csv"
    with roles_path.open("w", encoding="utf-8", newline="") as roles_handle:
        roles_out = csv.writer(roles_handle, lineterminator="\r\n")
        roles_out.writerow(ROLES_12)
        role_count = [0]

        def users() -> Iterator[list[str]]:
            for n, user in enumerate(client.records("users", since)):
                seen(user)
                staff, roles = _is_staff(user)
                if not staff and not (
                    not roles and str(user.get("status", "")).lower() == "tobedeleted"
                ):
                    for role in roles or ["user without a role"]:
                        low = role.lower()
                        result.counted[
                            low if low in NEVER_STORED else "users without a staff role"
                        ] += 1
                    continue
                for row in role_rows(user):
                    roles_out.writerow(row)
                    role_count[0] += 1
                if progress is not None and not n % 5000:
                    progress(0.3, f"Reading users from the SIS ({n:,})")
                yield user_row(user)

        result.records["users"] = write("users.csv", USERS_12, users())
    result.records["roles"] = role_count[0]
    if role_count[0] == 0 and since:
        roles_path.unlink()
    if include_classes:
        report("classes")

        def classes() -> Iterator[list[str]]:
            for klass in client.records("classes", since):
                seen(klass)
                yield class_row(klass)

        result.records["classes"] = write("classes.csv", CLASSES, classes())
    mode = "delta" if since else "bulk"
    present = {p.name for p in folder.iterdir()}
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(["propertyName", "value"])
        out.writerow(["manifest.version", "1.0"])
        out.writerow(["oneroster.version", "1.2"])
        out.writerow(["source.systemName", urlsplit(client.base_url).hostname or ""])
        for prop, name in (
            ("file.academicSessions", "academicSessions.csv"),
            ("file.orgs", "orgs.csv"),
            ("file.users", "users.csv"),
            ("file.roles", "roles.csv"),
            ("file.classes", "classes.csv"),
        ):
            out.writerow([prop, mode if name in present else "absent"])
    result.newest = newest[0]
    return result


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
