# The Notice model moves to core (one notification path for every app). Only the migration state changes here:
# the table and its rows stay; core.0003 adopts the table and renames it.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('delivery', '0003_session_plan_item'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Notice')],
            database_operations=[],
        ),
    ]
