"""Measure.reporting_from: the first quarter a measure is reported for (quarters whose deadline
is on or after the date). Existing measures get null, meaning every quarter of their plan, as
before: nothing already due or overdue changes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0005_chase"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmeasure",
            name="reporting_from",
            field=models.DateField(
                blank=True,
                help_text="Returns are due for the quarters whose deadline is on or after this date, so a measure added after a quarter's deadline is not overdue for that quarter. Empty: every quarter of its plan.",
                null=True,
                verbose_name="first quarter of reporting",
            ),
        ),
        migrations.AddField(
            model_name="measure",
            name="reporting_from",
            field=models.DateField(
                blank=True,
                help_text="Returns are due for the quarters whose deadline is on or after this date, so a measure added after a quarter's deadline is not overdue for that quarter. Empty: every quarter of its plan.",
                null=True,
                verbose_name="first quarter of reporting",
            ),
        ),
    ]
