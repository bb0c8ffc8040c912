from django import forms
from django.utils.translation import gettext_lazy as _


class VerifySerialForm(forms.Form):
    serial = forms.CharField(
        label=_("Serial number"), max_length=20, help_text=_("As printed on the certificate, e.g. SA-2026-000123.")
    )
    last_name = forms.CharField(label=_("The holder's last name"), max_length=150)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Shown on the public check of the certificate."),
    )
