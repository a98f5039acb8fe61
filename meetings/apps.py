from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from meetings import caching, pdf_store, roles, search_index

        caching.connect_signals()
        pdf_store.connect_signals()
        roles.connect_signals()
        search_index.connect_signals()
