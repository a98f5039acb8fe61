from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings import services
from meetings.agenda import first_overlap
from meetings.models import (
    AgendaItem,
    Meeting,
    Person,
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


class AgendaFormSet(BaseInlineFormSet):
    """The meeting's whole agenda, checked as one so rows can be moved around freely."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Rows are checked against each other in clean(), not against the rows as saved.
        form.instance.check_overlap_in_database = False

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

    def save(self, commit=True):
        item = super().save(commit=commit)
        if commit:
            self.save_people()
        else:
            save_m2m = self.save_m2m

            def save_m2m_and_people():
                save_m2m()
                self.save_people()

            self.save_m2m = save_m2m_and_people
        return item

    def save_people(self):
        for name, role in self.ROLE_FIELDS.items():
            services.agenda_item_people_set(
                item=self.instance, role=role, people=self.cleaned_data.get(name, [])
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
