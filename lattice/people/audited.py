"""The people app's audit actions: their names and the sentences the log reads as
(:mod:`lattice.audit.names`). The imports app writes several of them too: a district, a
staff member or a rating is the people app's fact, whoever brings it."""

from lattice.audit.names import AuditAction

ACTIONS = (
    AuditAction("people.network.create", "{actor} created the network {object}",
                formerly=("network.create",)),
    AuditAction("people.district.create", "{actor} created the district {object}",
                formerly=("district.create",)),
    AuditAction("people.district.update", "{actor} updated the district {object}",
                formerly=("district.update",)),
    AuditAction("people.rating_labels.update", "{actor} changed the rating labels of {object}",
                formerly=("district.rating_labels",)),
    AuditAction("people.school_year.add", "{actor} added the school year {object}",
                formerly=("school_year.add",)),
    AuditAction("people.school_profile.record", "{actor} recorded the school profile {object}",
                formerly=("school.profile",)),
    AuditAction("people.staff.create", "{actor} added {object} to the staff",
                formerly=("staff.create",)),
    AuditAction("people.staff.update", "{actor} updated the record of {object}",
                formerly=("staff.update",)),
    AuditAction("people.staff.deactivate", "{actor} recorded that {object} left the district",
                formerly=("staff.deactivate",)),
    AuditAction("people.assignment.add", "{actor} recorded an assignment of {person}: {object}",
                formerly=("assignment.add",)),
    AuditAction("people.rating.record", "{actor} recorded a rating of {person}",
                formerly=("rating.record",)),
    AuditAction("people.degree.add", "{actor} recorded a degree of {person}: {object}",
                formerly=("degree.add",)),
    AuditAction("people.credit.add", "{actor} recorded graduate credits of {person}: {object}",
                formerly=("credit.add",)),
    AuditAction("people.certificate.add", "{actor} recorded a certificate of {person}: {object}",
                formerly=("certificate.add",)),
    AuditAction("people.login.create", "{actor} created the log-in {object}",
                formerly=("account.create",)),
    AuditAction("people.access.grant", "{actor} granted access: {object}",
                formerly=("access.grant",)),
)  # fmt: skip
