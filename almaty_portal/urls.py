from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from meetings.sitemaps import sitemaps
from meetings.views import RobotsView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    # The open-data API: the same in both languages (?lang= picks one), see meetings/api/.
    path("api/", include("meetings.api.urls")),
]
urlpatterns += i18n_patterns(
    path("members/", include("members.urls")),
    path("chairmanship/", include("chairmanship.urls")),
    path("", include("meetings.urls")),
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
