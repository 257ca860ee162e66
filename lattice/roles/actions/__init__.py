"""The only place the roles app writes: named actions, each atomic and audited.

Actions check the business rules (windows, conflicts, positions left); views check who may
call them through ``lattice.roles.access``. Errors are ``RoleError`` with a message a user can
act on. The actions live in topic modules; this package is their one public surface.
"""

from lattice.roles.actions.assignments import (
    assign_role,
    decide_renewal,
    record_reflection,
    save_interest,
)
from lattice.roles.actions.catalogue import install_template, save_role, save_role_settings
from lattice.roles.actions.common import RoleError
from lattice.roles.actions.hr import (
    HrSyncReport,
    request_hr_sync,
    run_pending_hr_sync,
    save_position_mappings,
    sync_hr_roles,
)
from lattice.roles.actions.proposals import (
    place_proposer,
    resubmit_proposal,
    review_proposal,
    submit_proposal,
)
from lattice.roles.actions.selection import (
    close_posting,
    create_posting,
    declare_conflict,
    offer_next,
    record_scores,
    respond_to_offer,
    seat_reviewer,
    send_feedback,
    submit_application,
    withdraw_application,
)
from lattice.roles.actions.stipends import StipendChanged, change_stipend, check_stipend

__all__ = [
    "HrSyncReport",
    "RoleError",
    "StipendChanged",
    "assign_role",
    "change_stipend",
    "check_stipend",
    "close_posting",
    "create_posting",
    "decide_renewal",
    "declare_conflict",
    "install_template",
    "offer_next",
    "place_proposer",
    "record_reflection",
    "record_scores",
    "request_hr_sync",
    "respond_to_offer",
    "resubmit_proposal",
    "review_proposal",
    "run_pending_hr_sync",
    "save_interest",
    "save_position_mappings",
    "save_role",
    "save_role_settings",
    "seat_reviewer",
    "send_feedback",
    "submit_application",
    "submit_proposal",
    "sync_hr_roles",
    "withdraw_application",
]
