from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site-wide core every app may use: page cache, layout, roles, backup, periods."""

    name = "almaty_portal"
    verbose_name = _("Site")

    def ready(self):
        from almaty_portal import page_cache, roles

        page_cache.connect_signals()
        roles.connect_signals()
