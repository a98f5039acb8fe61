"""The secretariat's editor role: all content of the record, not users or groups."""

EDITOR_GROUP = "Secretariat editor"
CONTENT_APPS = ("members", "chairmanship", "meetings")


def sync_editor_group(group_model, permission_model):
    """Create the editor group (if needed) with every permission on the record's models.

    Takes the models as arguments so a data migration can pass its historical ones.
    """
    group, _created = group_model.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.set(permission_model.objects.filter(content_type__app_label__in=CONTENT_APPS))
    return group
