# Notice moves here from delivery without losing a row: the state adopts the existing table `delivery_notice`
# (delivery.0004 dropped it from delivery's state only), then the table and its index are renamed in place.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Keep the content type (and with it permissions and any audit rows) of the moved model."""
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(app_label='delivery', model='notice')
    if not ContentType.objects.using(db).filter(app_label='core', model='notice').exists():
        old.update(app_label='core')


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label='delivery', model='notice').exists():
        ContentType.objects.using(db).filter(app_label='core', model='notice').update(app_label='delivery')


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_job_recovery'),
        ('delivery', '0004_notice_to_core'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='judul')),
                        ('body', models.TextField(blank=True, verbose_name='isi')),
                        ('url', models.CharField(blank=True, max_length=300, verbose_name='tautan')),
                        ('kind', models.CharField(blank=True, max_length=40, verbose_name='jenis')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat')),
                        ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='dibaca')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                   related_name='notices', to=settings.AUTH_USER_MODEL,
                                                   verbose_name='penerima')),
                    ],
                    options={
                        'verbose_name': 'pemberitahuan',
                        'verbose_name_plural': 'pemberitahuan',
                        'ordering': ['-created_at', '-pk'],
                        'db_table': 'delivery_notice',
                        'indexes': [models.Index(fields=['user', 'read_at'], name='delivery_no_user_id_51e9c2_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='notice', table=None),
        migrations.RenameIndex(model_name='notice', new_name='core_notice_user_read_idx',
                               old_name='delivery_no_user_id_51e9c2_idx'),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
