from almaty_portal.sitemaps import PublicSitemap
from meetings.models import Meeting


class MeetingSitemap(PublicSitemap):
    def items(self):
        return Meeting.objects.published().order_by("start_date", "pk")

    def lastmod(self, item):
        return item.updated_at
