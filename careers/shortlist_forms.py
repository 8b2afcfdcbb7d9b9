"""Forms for advisors' shortlists on the front of the site: making and renaming a list,
a note on a role, and the "Add to shortlist" control on role and compare pages."""

from django import forms

from careers.models import Role, Shortlist, ShortlistItem


class ShortlistForm(forms.ModelForm):
    class Meta:
        model = Shortlist
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}


class ShortlistNoteForm(forms.ModelForm):
    class Meta:
        model = ShortlistItem
        fields = ["note"]
        labels = {"note": "Note for the student"}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class AddToShortlistForm(forms.Form):
    """Put a role on one of the advisor's lists, or on a new list named here."""

    role = forms.ModelChoiceField(
        queryset=Role.objects.published(), to_field_name="slug", widget=forms.HiddenInput
    )
    shortlist = forms.ModelChoiceField(
        queryset=Shortlist.objects.none(),
        required=False,
        empty_label="A new shortlist (name it below)",
        label="Shortlist",
    )
    new_title = forms.CharField(
        max_length=Shortlist._meta.get_field("title").max_length,
        required=False,
        label="New shortlist’s title",
    )

    def __init__(self, *args, owner, shortlists=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["shortlist"].queryset = (
            shortlists if shortlists is not None else Shortlist.objects.owned_by(owner)
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("shortlist") and not cleaned.get("new_title", "").strip():
            raise forms.ValidationError("Choose one of your shortlists or name a new one.")
        return cleaned

    def save(self):
        """Add the role; returns the shortlist and whether the role was new on it."""
        shortlist = self.cleaned_data["shortlist"] or Shortlist.objects.create(
            owner=self.owner, title=self.cleaned_data["new_title"].strip()
        )
        _, added = shortlist.add_role(self.cleaned_data["role"])
        return shortlist, added
