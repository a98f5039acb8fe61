from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from meetings.agenda import first_overlap
from meetings.models import Meeting, WorkingLanguage, agenda_overlap_error


class MeetingAdminForm(forms.ModelForm):
    working_languages = forms.MultipleChoiceField(
        label=_("working languages"),
        choices=WorkingLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Meeting
        fields = "__all__"


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
