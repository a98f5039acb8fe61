"""The project's URLs plus one view that fails, to see the 500 page as a visitor would."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from almaty_portal.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("A deliberate failure for the 500 page test.")


urlpatterns = [*project_urlpatterns, *i18n_patterns(path("boom/", boom))]
