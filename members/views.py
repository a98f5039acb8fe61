from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from members.models import MembershipStatus, Participant


class MemberListView(TemplateView):
    template_name = "members/member_list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        participants = Participant.objects.prefetch_related("memberships")
        return super().get_context_data(
            today=today,
            members=Participant.objects.members_on(today),
            observers=Participant.objects.observers_on(today),
            secretariat=Participant.objects.secretariat_on(today),
            participants=participants,
            statuses=MembershipStatus,
            **kwargs,
        )


class ParticipantDetailView(DetailView):
    slug_field = "code"
    slug_url_kwarg = "code"
    queryset = Participant.objects.prefetch_related("memberships")
