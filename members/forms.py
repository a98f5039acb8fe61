from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# What a date field of type "date" sends, and what a reader may type where a browser shows
# a plain text field instead.
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class RecordDateForm(forms.Form):
    """The day a page shows the record on (``?on=2016-05-01``); today without one."""

    on = forms.DateField(
        label=_("Show the record on"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2016-05-01.")},
    )

    def __init__(self, data=None, *, begins=None):
        super().__init__(data)
        self.begins = begins
        if begins is not None:
            self.fields["on"].widget.attrs["min"] = begins.isoformat()

    def clean_on(self):
        day = self.cleaned_data["on"]
        if day is not None and self.begins is not None and day < self.begins:
            raise ValidationError(
                _("The record begins on %(date)s. Choose that day or a later one."),
                code="before_record",
                params={"date": date_format(self.begins, "DATE_FORMAT")},
            )
        return day

    def shown_value(self):
        """What the date field shows: the day sent, if it is one (even before the record)."""
        if not self.is_bound:
            return ""
        try:
            day = self.fields["on"].to_python(self.data.get("on"))
        except ValidationError:
            return ""
        return day.isoformat() if day else ""

    def day(self):
        """The valid day asked for, or None (no date, or one the record cannot answer)."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data["on"]
