"""The budgets app's audit actions (:mod:`lattice.audit.names`)."""

from lattice.audit.names import AuditAction

# What `actions.remove_item` calls each kind of item, as the noun of its action name.
NOUNS = {"source": "funding_source", "position": "position", "lever": "lever"}
CHANGED = "{actor} changed a budget scenario: {summary}"

ACTIONS = (
    AuditAction("budgets.scenario.create", "{actor} created the budget scenario {object}",
                formerly=("budget.create",)),
    AuditAction("budgets.funding_source.add", CHANGED, formerly=("budget.add_source",)),
    AuditAction("budgets.position.add", CHANGED, formerly=("budget.add_position",)),
    AuditAction("budgets.lever.add", CHANGED, formerly=("budget.add_lever",)),
    AuditAction("budgets.funding_source.remove", CHANGED, formerly=("budget.remove_source",)),
    AuditAction("budgets.position.remove", CHANGED, formerly=("budget.remove_position",)),
    AuditAction("budgets.lever.remove", CHANGED, formerly=("budget.remove_lever",)),
)  # fmt: skip
