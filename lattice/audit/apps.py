from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lattice.audit"
    verbose_name = "Audit log"
