"""The admin site: Django's own, refusing an empty ``_to_field`` where Django answers 500."""

import functools

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import TO_FIELD_VAR


class PortalAdminSite(admin.AdminSite):
    """Refuses an empty ``_to_field`` as Django refuses any field it does not allow: a 400.

    Django's change and delete views look an empty one up as a field name and answer 500.
    """

    def admin_view(self, view, cacheable=False):
        @functools.wraps(view)
        def refuse_empty_to_field(request, *args, **kwargs):
            if "" in (request.GET.get(TO_FIELD_VAR), request.POST.get(TO_FIELD_VAR)):
                raise DisallowedModelAdminToField("An empty _to_field names no field.")
            return view(request, *args, **kwargs)

        return super().admin_view(refuse_empty_to_field, cacheable)


class PortalAdminConfig(AdminConfig):
    default_site = "almaty_portal.admin_site.PortalAdminSite"
