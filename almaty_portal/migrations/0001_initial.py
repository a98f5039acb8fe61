import uuid

from django.db import migrations, models
from django.utils import timezone


def first_version(apps, schema_editor):
    RecordVersion = apps.get_model("almaty_portal", "RecordVersion")
    RecordVersion.objects.create(pk=1, token=uuid.uuid4().hex, changed_at=timezone.now())


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="RecordVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32, verbose_name="token")),
                ("changed_at", models.DateTimeField(verbose_name="changed at")),
            ],
            options={
                "verbose_name": "record version",
                "verbose_name_plural": "record versions",
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
