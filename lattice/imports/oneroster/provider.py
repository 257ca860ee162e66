"""A small OneRoster 1.2 rostering service that serves a CSV package over real HTTP.

For the tests and benchmarks of the REST sync (which must run against a real server with a
real OAuth 2.0 token exchange, not mocks), and for trying the sync without an SIS:

    lattice import serve-rest PACKAGE --port 8765 --client-id demo --client-secret …

It implements what the sync uses: ``POST /token`` (client credentials, HTTP Basic or form
credentials, bearer tokens that expire), and ``GET /orgs``, ``/academicSessions``,
``/users`` (each with its ``roles``), ``/classes`` with ``limit``/``offset`` paging,
``X-Total-Count`` and ``filter=dateLastModified>'…'``. Records without a dateLastModified
get the package's (:attr:`Provider.stamp`). :meth:`Provider.touch` changes a record and
stamps it now, as an SIS does, so tests can exercise deltas. Plain ``wsgiref``; loopback only.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import re
import secrets
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

PREFIX = "/ims/oneroster/rostering/v1p2"
_FILTER = re.compile(r"^\s*dateLastModified\s*>\s*'([^']+)'\s*$")


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _ref(sid: str, kind: str) -> dict[str, str] | None:
    return {"sourcedId": sid, "type": kind, "href": f"{PREFIX}/{kind}s/{sid}"} if sid else None


def _bool(text: str) -> bool:
    return text.strip().lower() in ("true", "1", "yes")


class Provider:
    """The service's data, read from a 1.2 CSV package folder (thread-safe to change)."""

    def __init__(
        self, package: Path, *, client_id: str, client_secret: str, stamp: str = ""
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.stamp = stamp or "2025-08-01T00:00:00.000Z"
        self.token_seconds = 3600
        self.tokens: dict[str, dt.datetime] = {}
        self.requests: list[str] = []  # request paths, for tests
        self.lock = threading.Lock()
        self.collections: dict[str, dict[str, dict[str, Any]]] = {
            "orgs": {},
            "academicSessions": {},
            "users": {},
            "classes": {},
        }
        self._load(package)

    # -- data --------------------------------------------------------------------------------
    def _base(self, row: dict[str, str]) -> dict[str, Any]:
        return {
            "sourcedId": row["sourcedId"],
            "status": row.get("status") or "active",
            "dateLastModified": row.get("dateLastModified") or self.stamp,
        }

    def _load(self, package: Path) -> None:
        for row in _rows(package / "orgs.csv"):
            self.collections["orgs"][row["sourcedId"]] = {
                **self._base(row),
                "name": row.get("name", ""),
                "type": row.get("type", ""),
                "identifier": row.get("identifier", ""),
                "parent": _ref(row.get("parentSourcedId", ""), "org"),
            }
        for row in _rows(package / "academicSessions.csv"):
            self.collections["academicSessions"][row["sourcedId"]] = {
                **self._base(row),
                "title": row.get("title", ""),
                "type": row.get("type", ""),
                "startDate": row.get("startDate", ""),
                "endDate": row.get("endDate", ""),
                "parent": _ref(row.get("parentSourcedId", ""), "academicSession"),
                "schoolYear": row.get("schoolYear", ""),
            }
        roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in _rows(package / "roles.csv"):
            roles[row["userSourcedId"]].append(
                {
                    "roleType": row.get("roleType", ""),
                    "role": row.get("role", ""),
                    "org": _ref(row.get("orgSourcedId", ""), "org"),
                    "beginDate": row.get("beginDate") or None,
                    "endDate": row.get("endDate") or None,
                }
            )
        for row in _rows(package / "users.csv"):
            self.collections["users"][row["sourcedId"]] = {
                **self._base(row),
                "enabledUser": _bool(row.get("enabledUser", "true")),
                "username": row.get("username", ""),
                "givenName": row.get("givenName", ""),
                "familyName": row.get("familyName", ""),
                "middleName": row.get("middleName", ""),
                "preferredFirstName": row.get("preferredGivenName", ""),
                "identifier": row.get("identifier", ""),
                "email": row.get("email", ""),
                "primaryOrg": _ref(row.get("primaryOrgSourcedId", ""), "org"),
                "roles": roles.get(row["sourcedId"], []),
            }
        for row in _rows(package / "classes.csv"):
            self.collections["classes"][row["sourcedId"]] = {
                **self._base(row),
                "title": row.get("title", ""),
                "classType": row.get("classType", ""),
                "course": _ref(row.get("courseSourcedId", ""), "course"),
                "school": _ref(row.get("schoolSourcedId", ""), "org"),
                "terms": [
                    _ref(t.strip(), "academicSession")
                    for t in row.get("termSourcedIds", "").split(",")
                    if t.strip()
                ],
            }

    def touch(self, collection: str, sid: str, **changes: Any) -> None:
        """Change (or add) a record and stamp it now, as the SIS would."""
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        with self.lock:
            record = self.collections[collection].setdefault(sid, {"sourcedId": sid})
            record.update(changes)
            record["dateLastModified"] = now

    # -- HTTP --------------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        with self.lock:
            self.requests.append(f"{method} {path}?{environ.get('QUERY_STRING', '')}")
        if path == f"{PREFIX}/token" and method == "POST":
            return self._token(environ, start_response)
        if not self._authorised(environ):
            return _json(
                start_response,
                "401 Unauthorized",
                {"imsx_codeMajor": "failure", "imsx_description": "token"},
            )
        name = path[len(PREFIX) + 1 :] if path.startswith(PREFIX + "/") else ""
        if method != "GET" or name not in self.collections:
            return _json(start_response, "404 Not Found", {"imsx_codeMajor": "failure"})
        query = parse_qs(environ.get("QUERY_STRING", ""))
        limit = min(int(query.get("limit", ["100"])[0]), 10_000)
        offset = int(query.get("offset", ["0"])[0])
        since = ""
        if "filter" in query:
            match = _FILTER.match(query["filter"][0])
            if match is None:
                return _json(start_response, "400 Bad Request", {"imsx_codeMajor": "failure"})
            since = match[1]
        with self.lock:
            records = [
                r
                for r in self.collections[name].values()
                if not since or r["dateLastModified"] > since
            ]
        page = records[offset : offset + limit]
        headers = [("X-Total-Count", str(len(records)))]
        if offset + limit < len(records):
            headers.append(
                ("Link", f'<{PREFIX}/{name}?limit={limit}&offset={offset + limit}>; rel="next"')
            )
        return _json(start_response, "200 OK", {name: page}, headers)

    def _token(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(length).decode())
        client_id = form.get("client_id", [""])[0]
        client_secret = form.get("client_secret", [""])[0]
        auth = environ.get("HTTP_AUTHORIZATION", "")
        if auth.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(auth[6:]).decode().partition(":")
        if form.get("grant_type", [""])[0] != "client_credentials":
            return _json(start_response, "400 Bad Request", {"error": "unsupported_grant_type"})
        if not (
            secrets.compare_digest(client_id, self.client_id)
            and secrets.compare_digest(client_secret, self.client_secret)
        ):
            return _json(start_response, "401 Unauthorized", {"error": "invalid_client"})
        token = secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[token] = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self.token_seconds)
        return _json(
            start_response,
            "200 OK",
            {"access_token": token, "token_type": "bearer", "expires_in": self.token_seconds},
        )

    def _authorised(self, environ: dict[str, Any]) -> bool:
        auth = environ.get("HTTP_AUTHORIZATION", "")
        if not auth.lower().startswith("bearer "):
            return False
        with self.lock:
            expires = self.tokens.get(auth[7:].strip())
        return expires is not None and expires > dt.datetime.now(dt.UTC)


def _json(
    start_response: Any, status: str, body: Any, headers: Sequence[tuple[str, str]] = ()
) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(data))), *headers]
    )
    return [data]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class Running:
    """A provider served on 127.0.0.1 in a background thread; stop() shuts it down."""

    def __init__(self, provider: Provider, port: int = 0) -> None:
        self.provider = provider
        self.server = make_server(
            "127.0.0.1", port, provider, server_class=_Server, handler_class=_Quiet
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{PREFIX}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(package: Path, *, client_id: str, client_secret: str, port: int = 0) -> Running:
    """Start serving ``package`` (a 1.2 CSV folder) on 127.0.0.1; returns the running server."""
    return Running(Provider(package, client_id=client_id, client_secret=client_secret), port)
