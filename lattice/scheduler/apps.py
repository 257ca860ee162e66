from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    name = "lattice.scheduler"
    label = "scheduler"
    verbose_name = "Scheduled jobs"
