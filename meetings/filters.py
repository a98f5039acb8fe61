import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import DocumentKind, MeetingKind


class SearchField(forms.CharField):
    """Free text with control characters (NUL included) removed rather than refused."""

    def to_python(self, value):
        value = super().to_python(value)
        value = "".join(c for c in value if unicodedata.category(c)[0] != "C").strip()
        return value[: self.max_length] if self.max_length else value


class ArchiveFilterForm(forms.Form):
    """The archive's search box and filters; unknown values are reported and ignored."""

    q = SearchField(
        label=_("Search the meetings"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    year = forms.TypedChoiceField(
        label=pgettext_lazy("filter", "Year"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=pgettext_lazy("filter", "Kind of meeting"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]
        self.fields["kind"].choices = [("", _("All kinds")), *MeetingKind.choices]

    def filters(self):
        """The valid values only: an unknown year or kind is left out, not an error page."""
        self.is_valid()
        # What the reader should know about how their search was read.
        self.notices = []
        limit = self.fields["q"].max_length
        if len(self.data.get("q", "")) > limit:
            self.notices.append(
                _("The search was too long: only its first %(count)d characters were used.")
                % {"count": limit}
            )
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "year": data.get("year"),
            "kind": data.get("kind") or "",
        }


class DocumentFilterForm(ArchiveFilterForm):
    """The documents page's search box and filters, as the archive's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label = _("Search the documents")
        self.fields["kind"].label = pgettext_lazy("filter", "Kind of document")
        self.fields["kind"].choices = [("", _("All kinds")), *DocumentKind.choices]
