"""JSON-LD expansion in "safe mode" against the contexts Lattice bundles, never the network.

A verifier expands a credential with its contexts; a term no context defines would be dropped
silently, so the 1EdTech conformance suite runs JSON-LD in safe mode, where that is an error.
pyld reports each dropped property to ``on_property_dropped``; :func:`expand_safely` turns the
first one into :class:`UnsafeJsonLd`. Contexts come from ``bundled/`` through a static
document loader, so tests and verification run offline.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pyld import jsonld

BUNDLED = Path(__file__).parent / "bundled"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CLR_V2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"

CONTEXTS = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3: "ob-v3p0-context-3.0.3.json",
    CLR_V2: "clr-v2p0-context-2.0.1.json",
}


class UnsafeJsonLd(ValueError):
    """A credential uses a term, type or context its contexts do not define."""


@cache
def _document(url: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((BUNDLED / CONTEXTS[url]).read_text(encoding="utf-8"))
    return loaded


def static_loader(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's document loader: a bundled context, or an error naming the unknown URL."""
    if url not in CONTEXTS:
        raise jsonld.JsonLdError(
            f"The context {url} is not bundled with Lattice.",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading document failed",
        )
    return {"contextUrl": None, "documentUrl": url, "document": _document(url)}


def expand_safely(document: dict[str, Any]) -> list[Any]:
    """The expanded form of ``document``; raises UnsafeJsonLd when anything would be dropped
    or a context is not bundled."""
    dropped: list[str] = []

    def on_dropped(prop: str | None) -> None:
        dropped.append(prop or "(a value)")

    try:
        expanded: list[Any] = jsonld.expand(
            document, {"documentLoader": static_loader}, on_property_dropped=on_dropped
        )
    except jsonld.JsonLdError as exc:
        raise UnsafeJsonLd(f"JSON-LD expansion failed: {exc}") from exc
    if dropped:
        raise UnsafeJsonLd(f"Terms no context defines: {', '.join(sorted(set(dropped)))}.")
    unknown = sorted(t for t in _types(expanded) if ":" not in t)
    if unknown:
        raise UnsafeJsonLd(f"Types no context defines: {', '.join(unknown)}.")
    return expanded


def _types(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, list):
        for item in node:
            found |= _types(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type":
                found |= set(value if isinstance(value, list) else [value])
            else:
                found |= _types(value)
    return found
