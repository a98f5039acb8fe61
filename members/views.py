from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from almaty_portal.periods import period_on
from members.models import Membership, MembershipStatus, Participant

# Today's groups on the members page, in this order, with their headings.
STATUS_HEADINGS = {
    MembershipStatus.MEMBER: _("Member states"),
    MembershipStatus.OBSERVER: _("Observers"),
    MembershipStatus.PROSPECTIVE: _("Prospective members"),
    MembershipStatus.APPLICANT: _("Observer status under consideration"),
    MembershipStatus.SECRETARIAT: _("Secretariat"),
}


class ParticipantMixin:
    """Participants with their status history in date order."""

    def get_queryset(self):
        history = Membership.objects.order_by("start_date")
        return Participant.objects.prefetch_related(Prefetch("memberships", queryset=history))


def status_on(participant, day):
    """The participant's status on ``day``, from its prefetched history, or None."""
    membership = period_on(participant.memberships.all(), day)
    return MembershipStatus(membership.status) if membership else None


class MemberListView(ParticipantMixin, ListView):
    template_name = "members/member_list.html"
    context_object_name = "participants"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        groups = {status: [] for status in STATUS_HEADINGS}
        for participant in self.object_list:
            status = status_on(participant, today)
            if status in groups:
                groups[status].append(participant)
        return super().get_context_data(
            today=today,
            groups=[
                (STATUS_HEADINGS[status], status, people)
                for status, people in groups.items()
                if people
            ],
            **kwargs,
        )


class ParticipantDetailView(ParticipantMixin, DetailView):
    template_name = "members/participant_detail.html"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self):
        # By related name only: members does not import the apps that build on it.
        return super().get_queryset().prefetch_related("chairmanship_terms", "attendances__meeting")

    def get_context_data(self, **kwargs):
        participant = self.object
        attended = [a for a in participant.attendances.all() if a.meeting.is_published]
        attended.sort(key=lambda a: a.meeting.start_date, reverse=True)
        terms = sorted(participant.chairmanship_terms.all(), key=lambda t: t.start_date)
        return super().get_context_data(
            status_today=status_on(participant, timezone.localdate()),
            attendances=attended,
            chair_terms=terms,
            **kwargs,
        )
