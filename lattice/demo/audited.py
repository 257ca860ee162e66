"""The demo's audit actions (:mod:`lattice.audit.names`)."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("demo.network.generate", "{actor} generated the demo network: {summary}",
                formerly=("demo.generate",)),
    AuditAction("demo.network.remove", "{actor} removed the demo network: {summary}",
                formerly=("demo.reset",)),
)  # fmt: skip
