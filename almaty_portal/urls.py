from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from almaty_portal.page_cache import reads_parameters
from almaty_portal.sitemaps import SectionSitemap
from almaty_portal.views import RobotsView
from meetings.sitemaps import MeetingSitemap
from meetings.views import ChairmanshipView
from members.sitemaps import ParticipantSitemap

sitemaps = {
    "sections": SectionSitemap,
    "meetings": MeetingSitemap,
    "participants": ParticipantSitemap,
}

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Past 50,000 addresses the sitemap has pages: ?p=2.
    path("sitemap.xml", reads_parameters(sitemap, "p"), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    # The open-data API: the same in both languages (?lang= picks one), see meetings/api/.
    path("api/", include("meetings.api.urls")),
]
urlpatterns += i18n_patterns(
    path("members/", include("members.urls")),
    # The chairmanship page lists the meetings held under each term: its view is the meetings
    # app's, as chairmanship does not depend on meetings.
    path(
        "chairmanship/",
        include(
            ([path("", ChairmanshipView.as_view(), name="term_list")], "chairmanship"),
        ),
    ),
    path("", include("meetings.urls")),
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
