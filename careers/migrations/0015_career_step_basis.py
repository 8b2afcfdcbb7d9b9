"""Every career step says what it rests on: a source's passage or our editors' judgment.

The article lists roles by stage and states no move between two roles, so existing
steps are editorial. The five-year figure pasted into some steps' notes is about STEM
bachelor's graduates in general (it stays a Statistic), so it goes from the notes, and
typical years, which only a step's own source may give, are cleared on editorial steps.
"""

import django.db.models.deletion
from django.db import migrations, models

PASTED_FIGURE = "Around 65%"


def clear_unsourced_figures(apps, schema_editor):
    CareerStep = apps.get_model("careers", "CareerStep")
    CareerStep.objects.filter(note__startswith=PASTED_FIGURE).update(note="")
    CareerStep.objects.filter(basis="editorial").update(typical_years=None)


class Migration(migrations.Migration):
    dependencies = [("careers", "0014_remove_role_stage")]

    operations = [
        migrations.AddField(
            model_name="careerstep",
            name="basis",
            field=models.CharField(
                choices=[("article", "Stated by a source"), ("editorial", "Editors’ note")],
                default="editorial",
                help_text="“Stated by a source” only when the source below describes this very move.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="careerstep",
            name="source",
            field=models.ForeignKey(
                blank=True,
                help_text="The passage’s source; required when the step is stated by a source.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="career_steps",
                to="careers.source",
            ),
        ),
        migrations.AddField(
            model_name="historicalcareerstep",
            name="basis",
            field=models.CharField(
                choices=[("article", "Stated by a source"), ("editorial", "Editors’ note")],
                default="editorial",
                help_text="“Stated by a source” only when the source below describes this very move.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="historicalcareerstep",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The passage’s source; required when the step is stated by a source.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="careers.source",
            ),
        ),
        migrations.AlterField(
            model_name="careerstep",
            name="note",
            field=models.CharField(
                blank=True,
                help_text="Our own words; no figures (they live in statistics).",
                max_length=250,
            ),
        ),
        migrations.AlterField(
            model_name="careerstep",
            name="typical_years",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Typical years before the move, only where the step’s source gives it.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="historicalcareerstep",
            name="note",
            field=models.CharField(
                blank=True,
                help_text="Our own words; no figures (they live in statistics).",
                max_length=250,
            ),
        ),
        migrations.AlterField(
            model_name="historicalcareerstep",
            name="typical_years",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Typical years before the move, only where the step’s source gives it.",
                null=True,
            ),
        ),
        migrations.RunPython(clear_unsourced_figures, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="careerstep",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("basis", "editorial"), ("source__isnull", False), _connector="OR"
                ),
                name="career_step_article_has_source",
                violation_error_message="A step stated by a source must name that source.",
            ),
        ),
        migrations.AddConstraint(
            model_name="careerstep",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("typical_years__isnull", True), ("basis", "article"), _connector="OR"
                ),
                name="career_step_years_only_from_source",
                violation_error_message="Typical years can only come from the step’s source.",
            ),
        ),
    ]
