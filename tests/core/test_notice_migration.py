"""Moving Notice from delivery to core keeps every row (core.0003 adopts and renames the table in place)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

AFTER = [("core", "0003_notice"), ("delivery", "0004_notice_to_core")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_notices_when_the_model_moves_to_core():
    old_apps = _migrate([("core", "0002_job_recovery"), ("delivery", "0003_session_plan_item")])
    assert "delivery_notice" in connection.introspection.table_names()
    User = old_apps.get_model("accounts", "User")
    user = User.objects.create(username="lama")
    old_apps.get_model("delivery", "Notice").objects.create(user_id=user.pk, title="Undangan lama", kind="x")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="delivery", model="notice")
    ContentType.objects.filter(app_label="core", model="notice").delete()

    new_apps = _migrate(AFTER)
    tables = connection.introspection.table_names()
    assert "core_notice" in tables and "delivery_notice" not in tables
    moved = new_apps.get_model("core", "Notice").objects.get()
    assert (moved.title, moved.user_id) == ("Undangan lama", user.pk)
    assert ContentType.objects.filter(app_label="core", model="notice").exists()
    assert not ContentType.objects.filter(app_label="delivery", model="notice").exists()
    # the table's index follows the new name, and new rows still get fresh ids
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "core_notice")
    assert "core_notice_user_read_idx" in constraints
    second = new_apps.get_model("core", "Notice").objects.create(user_id=user.pk, title="Baru")
    assert second.pk > moved.pk

    # and back again
    back_apps = _migrate([("core", "0002_job_recovery"), ("delivery", "0003_session_plan_item")])
    assert back_apps.get_model("delivery", "Notice").objects.count() == 2
    _migrate(_leaf_nodes())


def _leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
