"""The secretariat's editor role: all content of the record, not users or groups."""

from django.apps import apps as global_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate

EDITOR_GROUP = "Secretariat editor"


def sync_editor_group(group_model, permission_model, using=DEFAULT_DB_ALIAS):
    """Create the editor group (if needed) with every permission on the record's models.

    Takes the models as arguments so a data migration can pass its historical ones.
    """
    group, _created = group_model.objects.using(using).get_or_create(name=EDITOR_GROUP)
    group.permissions.set(
        permission_model.objects.using(using).filter(
            content_type__app_label__in=settings.RECORD_APPS
        )
    )
    return group


def sync_after_migrate(sender, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs):
    """After ``migrate`` (and ``flush``): the role covers every model of the record.

    Django creates a model's permissions after the migrations that add it, so a data
    migration cannot grant them; this runs after each content app's permissions exist.
    """
    if sender.label in settings.RECORD_APPS:
        group, permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
        sync_editor_group(group, permission, using)


def connect_signals():
    post_migrate.connect(sync_after_migrate, dispatch_uid="sync-editor-group")
