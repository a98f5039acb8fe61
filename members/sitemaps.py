from almaty_portal.sitemaps import PublicSitemap
from members.models import Participant


class ParticipantSitemap(PublicSitemap):
    def items(self):
        return Participant.objects.order_by("code")
