"""Who voted moves from a receipt row per vote (written in the order of voting) to a mark
on the eligibility snapshot row (written when the poll opened)."""

from django.db import migrations, models


def mark_voted(apps, schema_editor):  # type: ignore[no-untyped-def]
    EligibleVoter = apps.get_model("councils", "EligibleVoter")
    VoterReceipt = apps.get_model("councils", "VoterReceipt")
    for poll_id, voter_id in VoterReceipt.objects.values_list("poll_id", "voter_id"):
        EligibleVoter.objects.filter(poll_id=poll_id, voter_id=voter_id).update(voted=True)


def unmark_voted(apps, schema_editor):  # type: ignore[no-untyped-def]
    EligibleVoter = apps.get_model("councils", "EligibleVoter")
    VoterReceipt = apps.get_model("councils", "VoterReceipt")
    VoterReceipt.objects.bulk_create(
        VoterReceipt(poll_id=poll_id, voter_id=voter_id)
        for poll_id, voter_id in EligibleVoter.objects.filter(voted=True).values_list(
            "poll_id", "voter_id"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0006_voting_shares_and_proxies"),
    ]

    operations = [
        migrations.AddField(
            model_name="eligiblevoter",
            name="voted",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_voted, unmark_voted),
        migrations.DeleteModel(name="VoterReceipt"),
    ]
