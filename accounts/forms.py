from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import County, Municipality

from .models import OrganisationType, User


class SignupNamesForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.preferred_language = "en" if getattr(request, "LANGUAGE_CODE", "sv") == "en" else "sv"
        user.save(update_fields=["first_name", "last_name", "preferred_language"])


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({obj.county.name})"


class ProfileForm(forms.ModelForm):
    organisation_type = forms.ChoiceField(
        label=_("I work for"), choices=OrganisationType.choices, widget=forms.RadioSelect
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality served"),
        queryset=Municipality.objects.select_related("county"),
        to_field_name="code",
        required=False,
        empty_label=_("Choose a municipality"),
        help_text=_("Required for municipal and police staff."),
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Choose a county"),
        help_text=_("Required for county administrative boards."),
    )

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "organisation_type",
            "municipality",
            "county",
            "job_title",
            "preferred_language",
            "hide_name_on_certificates",
            "receives_reminders",
        ]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "preferred_language": forms.RadioSelect,
        }
        help_texts = {
            "preferred_language": _("E-mails and certificates are written in this language."),
        }

    def clean(self):
        cleaned = super().clean()
        organisation_type = cleaned.get("organisation_type")
        if organisation_type in (OrganisationType.MUNICIPALITY, OrganisationType.POLICE):
            if not cleaned.get("municipality") and "municipality" not in self.errors:
                self.add_error("municipality", _("Choose the municipality you work with."))
            cleaned["county"] = None
        elif organisation_type == OrganisationType.COUNTY_BOARD:
            if not cleaned.get("county") and "county" not in self.errors:
                self.add_error("county", _("Choose the county of your county administrative board."))
            cleaned["municipality"] = None
        return cleaned
