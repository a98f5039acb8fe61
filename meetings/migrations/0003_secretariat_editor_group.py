"""The "Secretariat editor" group: may add, change and delete all content, not users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from almaty_portal.roles import EDITOR_GROUP, sync_editor_group


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_editor_group(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0002_membership_no_overlap_postgresql"),
        ("chairmanship", "0002_term_no_overlap_postgresql"),
        ("meetings", "0002_publication_and_uploads"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
