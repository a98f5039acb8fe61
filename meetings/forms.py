from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings import services
from meetings.agenda import first_overlap
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
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


class KnownLabelsMixin:
    """An admin autocomplete that shows its chosen options from ``labels`` when it has them.

    Django's widget looks its chosen options up with a query per widget, so a form set of
    inline rows costs a query per row and field. The form set gives every row the labels
    of all its rows at once (``AutocompleteLabelsFormSet``, ``AgendaFormSet``).
    """

    labels = None

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.labels is None or any(pk not in self.labels for pk in chosen):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in chosen:
            options.append(self.create_option(name, pk, self.labels[pk], set(chosen), len(options)))
        return [(None, options, 0)]


class PeopleAutocomplete(KnownLabelsMixin, AutocompleteSelectMultiple):
    pass


class KnownLabelsAutocomplete(KnownLabelsMixin, AutocompleteSelect):
    pass


def _known_labels_widget(field):
    # The admin wraps a relation's widget (the "add" and "change" links).
    widget = getattr(field.widget, "widget", field.widget)
    return widget if isinstance(widget, KnownLabelsMixin) else None


class AutocompleteLabelsFormSet(BaseInlineFormSet):
    """Inline rows whose autocomplete fields show their choices from the rows themselves.

    The inline reads the chosen objects with its rows (``KnownLabelsInlineMixin``), so the
    labels cost no query of their own.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            widget = _known_labels_widget(field)
            if widget is not None and widget.labels is None:
                widget.labels = self.labels_of(name)

    @cached_property
    def _labels(self):
        labels = {}
        rows = list(self.get_queryset())
        for name, field in self.form.base_fields.items():
            if _known_labels_widget(field) is None or not hasattr(field, "queryset"):
                continue
            objects = {getattr(row, name) for row in rows} - {None}
            labels[name] = {str(obj.pk): field.label_from_instance(obj) for obj in objects}
        return labels

    def labels_of(self, name):
        return self._labels.get(name)


class AgendaFormSet(BaseInlineFormSet):
    """The meeting's whole agenda, checked as one so rows can be moved around freely."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Rows are checked against each other in clean(), not against the rows as saved.
        form.instance.check_overlap_in_database = False
        for field in form.fields.values():
            widget = _known_labels_widget(field)
            if isinstance(widget, PeopleAutocomplete):
                widget.labels = self.people_labels

    @cached_property
    def people_labels(self):
        """``{pk: label}`` of everyone speaking at or moderating the meeting (one query)."""
        if self.instance.pk is None:
            return {}
        people = Person.objects.filter(appearances__agenda_item__meeting=self.instance)
        return {str(person.pk): str(person) for person in people.distinct()}

    def clean(self):
        super().clean()
        seen = []
        for form in self.forms:
            deleted = self.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME)
            if not form.cleaned_data or form.errors or deleted:
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
