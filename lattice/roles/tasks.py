"""Background work of the roles app: bringing role assignments in line with HR positions."""

from __future__ import annotations

from django_tasks import task


@task()
def sync_hr_roles_task(district_id: int) -> None:
    from lattice.roles.actions import run_pending_hr_sync

    run_pending_hr_sync(district_id)
