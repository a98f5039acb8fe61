from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from django.db.models.signals import post_migrate

        from meetings import caching, pdf_store, roles

        caching.connect_signals()
        pdf_store.connect_signals()
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="sync-editor-group")
