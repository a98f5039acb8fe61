from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from almaty_portal.periods import period_on
from members import timeline
from members.forms import RecordDateForm
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


class RecordOnDateMixin:
    """A page that shows the record on the day ``?on=`` names, or today.

    A date that is not one, or one before the record begins, is reported on the form's field
    and the page shows today, answered with a 400 (not stored by the page cache). A day in
    the future is answered as far as the record knows.
    """

    # The query parameters the page reads: the page cache stores only these addresses.
    page_parameters = tuple(RecordDateForm.base_fields)

    def record_on(self, begins):
        """``{"date_form", "today", "day", "asked", "future"}`` for the template."""
        today = timezone.localdate()
        form = RecordDateForm(self.request.GET or None, begins=begins)
        asked = form.day()
        day = asked or today
        return {
            "date_form": form,
            "today": today,
            "day": day,
            "asked": asked is not None,
            "future": day > today,
        }

    def render_to_response(self, context, **response_kwargs):
        if context["date_form"].errors:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


@dataclass(frozen=True)
class Standing:
    """A participant's status on the day the page shows, and whether the record is sure of it."""

    participant: Participant
    membership: Membership
    uncertain: bool


def standing_on(participants, day):
    """``(groups, doubts)`` on ``day``.

    ``groups`` is ``[(heading, status, [Standing, ...]), ...]`` in the order of
    ``STATUS_HEADINGS``; ``doubts`` lists ``(participant, membership)`` for every period whose
    start or end the record dates only to a month or year that contains ``day``.
    """
    groups = {status: [] for status in STATUS_HEADINGS}
    doubts = []
    for participant in participants:
        history = participant.memberships.all()
        uncertain = [m for m in history if m.is_uncertain_on(day)]
        doubts += [(participant, membership) for membership in uncertain]
        membership = period_on(history, day)
        if membership is not None and membership.status in groups:
            groups[membership.status].append(Standing(participant, membership, bool(uncertain)))
    return [
        (STATUS_HEADINGS[status], status, people) for status, people in groups.items() if people
    ], doubts


class MemberListView(RecordOnDateMixin, ParticipantMixin, ListView):
    """Who was what on a day, and every participant's status over the years."""

    template_name = "members/member_list.html"
    context_object_name = "participants"

    def get_queryset(self):
        # The chair of the day, by related name only: members does not import chairmanship.
        terms = Prefetch("chairmanship_terms", to_attr="terms")
        return super().get_queryset().prefetch_related(terms)

    def get_context_data(self, **kwargs):
        participants = list(self.object_list)
        memberships = [m for p in participants for m in p.memberships.all()]
        terms = sorted((t for p in participants for t in p.terms), key=lambda t: t.start_date)
        periods = memberships + terms
        begins = min((p.start_date for p in periods), default=None)
        record = self.record_on(begins)
        day = record["day"]
        groups, doubts = standing_on(participants, day)
        chair = period_on(terms, day)
        statuses = {m.status for m in memberships}
        return super().get_context_data(
            **record,
            groups=groups,
            doubts=doubts,
            chair=chair,
            chair_uncertain=chair is not None and chair.is_uncertain_on(day),
            timeline=timeline.membership_timeline(
                participants, today=record["today"], on=day if record["asked"] else None
            ),
            legend=timeline.legend(statuses),
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
