"""The imports app's audit actions (:mod:`lattice.audit.names`). What an import changes in
people's records is audited under the people app's names (``people.staff.update``,
``people.rating.record`` …): the fact is the same whoever brings it."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("imports.oneroster.apply", "{actor} applied a OneRoster import: {summary}",
                formerly=("import.oneroster",)),
    AuditAction("imports.hr.apply", "{actor} applied an HR file: {summary}",
                formerly=("import.hr",)),
    AuditAction("imports.run.undo", "{actor} undid an import: {summary}",
                formerly=("import.undo",)),
    AuditAction("imports.run.retry", "{actor} retried an import: {summary}",
                formerly=("import.retry",)),
    AuditAction("imports.run.discard", "{actor} discarded an import: {summary}",
                formerly=("import.discard",)),
    AuditAction("imports.run.expire", "An import preview expired: {summary}",
                formerly=("import.expire",)),
    AuditAction("imports.run.confirm_removals",
                "{actor} confirmed the removals of an import: {summary}",
                formerly=("import.confirm_removals",)),
    AuditAction("imports.review_item.resolve", "{actor} resolved an import review: {summary}",
                formerly=("import.review_resolve",)),
    AuditAction("imports.settings.save", "{actor} changed the import settings of {object}",
                formerly=("import.settings",)),
    AuditAction("imports.column_mapping.save", "{actor} saved a column mapping for {object}",
                formerly=("import.mapping_save",)),
    AuditAction("imports.connection.save", "{actor} saved the roster connection {object}",
                formerly=("import.connection_save",)),
)  # fmt: skip
