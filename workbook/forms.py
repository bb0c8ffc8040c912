from django import forms
from django.utils.translation import gettext_lazy as _

FIELD_PREFIX = "field-"


class AnswerForm(forms.Form):
    """The version the form showed, the action, and every posted `field-<block id>` textarea."""

    base_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("save", _("Save draft")), ("submit", _("Submit"))], required=False)

    def clean(self):
        cleaned = super().clean()
        cleaned["fields"] = {
            key[len(FIELD_PREFIX) :]: value for key, value in self.data.items() if key.startswith(FIELD_PREFIX)
        }
        return cleaned


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approved", _("Approve")), ("revision", _("Ask for a revision"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the learner"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=10_000
    )


class CompareForm(forms.Form):
    old = forms.IntegerField(min_value=1)
    new = forms.IntegerField(min_value=1)
