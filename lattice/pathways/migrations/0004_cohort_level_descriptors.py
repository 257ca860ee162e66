"""Rubric descriptors: what each score of a cohort's rubric means. Cohorts already made with
Lattice's four-level scale get its descriptors (written out here, as they were when this
migration was made, so later rewording does not change history)."""

from django.db import migrations, models

FOUR_LEVELS = [
    "Not yet shown: the evidence does not show this, or shows it only once",
    "Emerging: shown now and then, with gaps the evidence itself points to",
    "Consistent: shown regularly, in evidence from more than one source",
    "Leading: shown consistently and shared, so colleagues' practice changes too",
]


def describe_four_level_cohorts(apps, schema_editor):  # type: ignore[no-untyped-def]
    Cohort = apps.get_model("pathways", "Cohort")
    Cohort.objects.filter(max_per_domain=4).update(level_descriptors=FOUR_LEVELS)


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0003_notices_move_to_the_notifications_app"),
    ]

    operations = [
        migrations.AddField(
            model_name="cohort",
            name="level_descriptors",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="What each score means, from 1 up to the top score: one sentence a level.",
            ),
        ),
        migrations.RunPython(describe_four_level_cohorts, migrations.RunPython.noop),
    ]
