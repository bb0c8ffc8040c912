from django import forms
from django.utils.translation import gettext_lazy as _


class InvitePartnerForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of your partner"), max_length=254)
