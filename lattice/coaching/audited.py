"""The coaching app's audit actions (:mod:`lattice.audit.names`). Entries name interactions
by kind, date and capacity, never by content: the log is read by the talent office, which is
outside the wall."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("coaching.program.create", "{actor} created the coaching program {object}"),
    AuditAction("coaching.assignment.create", "{actor} matched a coach and a teacher: {object}"),
    AuditAction(
        "coaching.assignment.consent", "{actor} answered the coaching offer {object}: {summary}"
    ),
    AuditAction("coaching.assignment.end", "{actor} ended the coaching {object}"),
    AuditAction("coaching.request.submit", "{actor} asked for coaching support"),
    AuditAction("coaching.cycle.start", "{actor} started a coaching cycle in {object}"),
    AuditAction("coaching.goal.set", "{actor} set a coaching goal in {object}"),
    AuditAction("coaching.goal.collaborator", "{actor} set {person}'s rights on a goal: {summary}"),
    AuditAction("coaching.goal.edit", "{actor} changed a coaching goal in {object}: {summary}"),
    AuditAction(
        "coaching.goal.read", "{actor} read a coaching goal in {object}, set by someone else"
    ),
    AuditAction("coaching.interaction.record", "{actor} recorded {object}"),
    AuditAction("coaching.interaction.share", "{actor} shared {object} with the principal"),
    AuditAction("coaching.content.read", "{actor} read {object}, written by someone else"),
    AuditAction("coaching.evaluation.assign", "{actor} assigned an evaluator: {object}"),
    AuditAction("coaching.plan.create", "{actor} started the plan {object}"),
    AuditAction("coaching.plan_step.add", "{actor} added the step {object} to a plan"),
    AuditAction("coaching.plan_step.update", "{actor} marked the step {object}: {summary}"),
    AuditAction("coaching.plan_step.form", "{actor} formed {summary} for the plan step {object}"),
    AuditAction("coaching.plan_step.link", "{actor} linked the plan step {object} to {summary}"),
    AuditAction("coaching.survey.create", "{actor} opened the readiness survey {object}"),
    AuditAction("coaching.survey.answer", "{actor} answered the readiness survey {object}"),
)
