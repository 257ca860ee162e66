"""Notices moved to the notifications app (docs/decisions/0015): copy every row, then drop
the pathways table. Rows already emailed keep that state: no one is mailed again."""

from django.db import migrations


def copy_notices(apps, schema_editor):
    Old = apps.get_model("pathways", "Notification")
    New = apps.get_model("notifications", "Notification")
    kinds = {
        "Your claim was verified": "pathways.claim_verified",
        "Your claim was not accepted": "pathways.claim_rejected",
        "You have an application to review": "pathways.review_assigned",
        "Your appeal was decided": "pathways.appeal_decided",
    }
    batch = []
    for old in Old.objects.order_by("pk").iterator():
        note = New(
            user_id=old.user_id,
            kind=kinds.get(old.subject, "pathways.application_decided"),
            subject=old.subject,
            body=old.body,
            link=old.link,
            read_at=old.read_at,
            email="sent",
        )
        batch.append((note, old.created_at))
    New.objects.bulk_create([n for n, _ in batch])
    for note, created in batch:  # auto_now_add set today's time; keep the original
        New.objects.filter(pk=note.pk).update(created_at=created)


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0002_standings_crosswalks_and_adoption_drafts"),
        ("notifications", "0001_notices_and_delivery_preferences"),
    ]

    operations = [
        migrations.RunPython(copy_notices, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notification"),
    ]
