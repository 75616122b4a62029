"""Load the PermenPANRB 38/2017 dictionary (M.1–M.8, SK.1) as reference data. Idempotent."""

from django.db import migrations


def load(apps, schema_editor):
    from renbang.competencies.reference import load_national_dictionary

    load_national_dictionary(apps.get_model("competencies", "Competency"), apps.get_model("competencies", "Level"),
                             apps.get_model("competencies", "Indicator"))


class Migration(migrations.Migration):

    dependencies = [
        ("competencies", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
