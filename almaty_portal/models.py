import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecordVersionQuerySet(models.QuerySet):
    ROW = 1

    def read(self):
        """``(token, changed_at)`` of the record's current version, or None before the first."""
        return self.filter(pk=self.ROW).values_list("token", "changed_at").first()

    def bump(self):
        """Give the record a new version, in the caller's transaction (visible once it commits).

        A new random token rather than a counter: a flushed and refilled database never
        repeats a version that pages were cached under.
        """
        values = {"token": uuid.uuid4().hex, "changed_at": timezone.now()}
        if not self.filter(pk=self.ROW).update(**values):
            self.update_or_create(pk=self.ROW, defaults=values)


class RecordVersion(models.Model):
    """One row that changes whenever the record does: what every app server's page cache
    keys pages by, kept where every worker sees it."""

    token = models.CharField(_("token"), max_length=32)
    changed_at = models.DateTimeField(_("changed at"))

    objects = RecordVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("record version")
        verbose_name_plural = _("record versions")

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
