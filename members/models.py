from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from almaty_portal.periods import Period, PeriodQuerySet


class ParticipantKind(models.TextChoices):
    STATE = "state", pgettext_lazy("participant kind", "State")
    ORGANISATION = "organisation", _("International organisation")


class MembershipStatus(models.TextChoices):
    MEMBER = "member", pgettext_lazy("membership status", "Member state")
    OBSERVER = "observer", pgettext_lazy("membership status", "Observer")
    PROSPECTIVE = "prospective", _("Prospective member")
    APPLICANT = "applicant", _("Observer status under consideration")
    SECRETARIAT = "secretariat", _("Secretariat")


class ParticipantQuerySet(models.QuerySet):
    def with_status_on(self, day, *statuses):
        """Participants holding one of ``statuses`` on ``day``."""
        memberships = Membership.objects.active_on(day).filter(status__in=statuses)
        return self.filter(pk__in=memberships.values("participant"))

    def members_on(self, day):
        return self.with_status_on(day, MembershipStatus.MEMBER)

    def observers_on(self, day):
        return self.with_status_on(day, MembershipStatus.OBSERVER)

    def secretariat_on(self, day):
        return self.with_status_on(day, MembershipStatus.SECRETARIAT)

    def members_today(self):
        return self.members_on(timezone.localdate())

    def observers_today(self):
        return self.observers_on(timezone.localdate())


class Participant(models.Model):
    """A state or an international organisation that takes part in the Almaty Process."""

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z][A-Z0-9]{1,9}$",
                _("Use capital Latin letters and digits, such as AZE or IOM."),
            )
        ],
        help_text=_("ISO 3166 alpha-3 code for a state, the acronym for an organisation."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ParticipantKind.choices)
    name = models.CharField(_("name"), max_length=120)
    official_name = models.CharField(_("official name"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:participant_detail", kwargs={"code": self.code})

    def status_on(self, day):
        membership = self.memberships.active_on(day).first()
        return membership.status if membership else None


class MembershipQuerySet(PeriodQuerySet):
    def with_status(self, *statuses):
        return self.filter(status__in=statuses)


class Membership(Period):
    """A participant's status in the process over a range of dates."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("status"), max_length=12, choices=MembershipStatus.choices)
    source = models.CharField(
        _("source"),
        max_length=250,
        blank=True,
        help_text=_("Where the record reports this status, with its date."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["participant__name", "start_date"]
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")
        # On PostgreSQL an exclusion constraint (migration 0002) also keeps a participant's
        # periods from overlapping; clean() gives the same rule a message on every database.

    def __str__(self):
        return f"{self.participant}: {self.get_status_display()} ({self.start_display})"

    def clean(self):
        super().clean()
        if self.participant_id is None or self.start_date is None:
            return
        siblings = Membership.objects.filter(participant_id=self.participant_id)
        clash = self.overlapping_periods(siblings).first()
        if clash is not None:
            raise ValidationError(
                {
                    "start_date": ValidationError(
                        _(
                            "This period overlaps another status of %(participant)s "
                            "(%(status)s from %(start)s)."
                        ),
                        code="overlap",
                        params={
                            "participant": self.participant,
                            "status": clash.get_status_display(),
                            "start": clash.start_display,
                        },
                    )
                }
            )
