"""Rubric descriptors: each criterion of a posting's rubric says what each score from 1 up
looks like (``levels``, inside the rubric's criteria). Postings already made with the standard
criteria get the standard descriptors (written out here, as they were when this migration was
made, so later rewording does not change history); criteria an officer wrote keep none, and
their reviewers see the bare scores until a new posting words them."""

from django.db import migrations, models

STANDARD_LEVELS = {
    "practice": [
        "Says students grew, but shows no results or student work",
        "Shows growth for one class or one year",
        "Shows growth in results over more than one class or year",
        "Shows sustained growth across classes and years, with the rating to match",
    ],
    "peers": [
        "Has shared practice informally, with no example given",
        "Has supported colleagues once or twice (a session, an open classroom)",
        "Coaches, models or gives feedback regularly, with examples of what changed",
        "Colleagues' practice changed because of their work, and they show how",
    ],
    "plan": [
        "Restates the role's duties without saying how they would do them",
        "Names some steps, but not when, or how success would show",
        "Steps, timing and a measure of success for the role's duties",
        "A realistic plan tied to the school's needs, with measures colleagues can check",
    ],
}


def describe_standard_criteria(apps, schema_editor):  # type: ignore[no-untyped-def]
    Posting = apps.get_model("roles", "Posting")
    for posting in Posting.objects.all():
        changed = False
        for criterion in posting.rubric:
            levels = STANDARD_LEVELS.get(criterion.get("key"))
            if levels and int(criterion.get("max", 0)) == 4 and not criterion.get("levels"):
                criterion["levels"] = list(levels)
                changed = True
        if changed:
            posting.save(update_fields=["rubric"])


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0006_hr_mappings_read_the_new_positions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="posting",
            name="rubric",
            field=models.JSONField(
                default=list,
                help_text="Criteria: key, label, max points, and what each score from 1 up looks like.",
            ),
        ),
        migrations.RunPython(describe_standard_criteria, migrations.RunPython.noop),
    ]
