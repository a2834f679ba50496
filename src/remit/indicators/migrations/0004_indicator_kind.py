"""Where an indicator's figures come from becomes `origin`; `kind` now says what they are.

Existing indicators get their kind from what they hold: counts and rates from their unit,
and published values from their label: people are context, ranks are ranks, the rest
scores.
"""

import django.core.validators
from django.db import migrations, models

KIND_CHOICES = [
    ("count", "Count"),
    ("rate", "Rate"),
    ("score", "Score"),
    ("rank", "Rank"),
    ("context", "Context"),
]
PLACES_HELP = "For rates and scores: how many decimal places figures are shown to."


def kind_of(unit: str, slug: str, label: str) -> str:
    if unit == "count":
        return "count"
    if unit == "rate_per_1000":
        return "rate"
    words = f"{slug} {label}".lower()
    if "population" in words or "people" in words or "residents" in words:
        return "context"
    if "rank" in words:
        return "rank"
    return "score"


def set_kinds(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for indicator in Indicator._base_manager.all():
        indicator.kind = kind_of(indicator.unit, indicator.slug, indicator.unit_label)
        indicator.save(update_fields=["kind"])


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_import_allows_empty_files"),
    ]

    operations = [
        migrations.RenameField(model_name="indicator", old_name="kind", new_name="origin"),
        migrations.RenameField(
            model_name="historicalindicator", old_name="kind", new_name="origin"
        ),
        migrations.AddField(
            model_name="indicator",
            name="kind",
            field=models.CharField(choices=KIND_CHOICES, default="count", max_length=20),
        ),
        migrations.AddField(
            model_name="historicalindicator",
            name="kind",
            field=models.CharField(choices=KIND_CHOICES, default="count", max_length=20),
        ),
        migrations.AddField(
            model_name="indicator",
            name="decimal_places",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text=PLACES_HELP,
                null=True,
                validators=[django.core.validators.MaxValueValidator(4)],
            ),
        ),
        migrations.AddField(
            model_name="historicalindicator",
            name="decimal_places",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text=PLACES_HELP,
                null=True,
                validators=[django.core.validators.MaxValueValidator(4)],
            ),
        ),
        migrations.RunPython(set_kinds, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ("count", "rate", "score", "rank", "context"))),
                name="indicator_kind_known",
            ),
        ),
    ]
