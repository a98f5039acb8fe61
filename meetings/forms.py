from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.agenda import first_overlap
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    Person,
    Speaker,
    SpeakerRole,
    WorkingLanguage,
    agenda_overlap_error,
)


class MeetingAdminForm(forms.ModelForm):
    working_languages = forms.MultipleChoiceField(
        label=_("working languages"),
        choices=WorkingLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Meeting
        fields = "__all__"  # noqa: DJ007 - the admin decides which fields it shows


class DocumentAdminForm(forms.ModelForm):
    """A document: the languages it exists in as boxes to tick."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=WorkingLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The languages the document exists in."),
    )

    class Meta:
        model = MeetingDocument
        fields = "__all__"  # noqa: DJ007 - the admin decides which fields it shows


class AgendaFormSet(BaseInlineFormSet):
    """The meeting's whole agenda, checked as one so rows can be moved around freely."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.check_overlap_in_database = False
        return form

    def clean(self):
        super().clean()
        seen = []
        for form in self.forms:
            if not form.cleaned_data or form.errors or self._should_delete_form(form):
                continue
            item = form.instance
            clash = first_overlap(item, [other for other in seen if other.day == item.day])
            if clash is not None:
                form.add_error(None, agenda_overlap_error(clash))
            else:
                seen.append(item)


class AgendaItemInlineForm(forms.ModelForm):
    """An agenda row with its named speakers and moderators, editable on the meeting's page.

    Speakers described only by a role ("Representative of the Chair") are edited on the
    item's own page; these two fields leave them alone.
    """

    speaker_people = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("agenda form", "Speakers"),
        queryset=Person.objects.all(),
        required=False,
    )
    moderator_people = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("agenda form", "Moderators"),
        queryset=Person.objects.all(),
        required=False,
    )
    ROLE_FIELDS = {"speaker_people": SpeakerRole.SPEAKER, "moderator_people": SpeakerRole.MODERATOR}

    class Meta:
        model = AgendaItem
        fields = "__all__"  # noqa: DJ007 - the admin decides which fields it shows

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            speakers = list(self.instance.speakers.all())
            for name, role in self.ROLE_FIELDS.items():
                self.initial[name] = [
                    s.person_id for s in speakers if s.role == role and s.person_id
                ]

    def _save_m2m(self):
        super()._save_m2m()
        item = self.instance
        current = list(item.speakers.all())
        for name, role in self.ROLE_FIELDS.items():
            wanted = [person.pk for person in self.cleaned_data.get(name, [])]
            named = [s for s in current if s.role == role and s.person_id]
            for speaker in named:
                if speaker.person_id not in wanted:
                    speaker.delete()
            present = {s.person_id for s in named}
            order = max((s.order for s in current if s.role == role), default=0)
            for person_pk in wanted:
                if person_pk not in present:
                    order += 1
                    Speaker.objects.create(
                        agenda_item=item, role=role, person_id=person_pk, order=order
                    )


class DuplicateMeetingForm(forms.Form):
    start_date = forms.DateField(
        label=_("first day of the new meeting"),
        help_text=_("The agenda moves with it, day by day."),
    )
    slug = forms.SlugField(
        label=_("slug"),
        max_length=100,
        help_text=_("The new meeting's address on the site, unique within its year."),
    )
