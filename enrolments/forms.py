from django import forms
from django.utils.translation import gettext_lazy as _

from .email_lists import MAX_ROWS, EmailListError, ParsedEmails, parse_csv_upload, parse_pasted


class AddLearnersForm(forms.Form):
    """Addresses to add to a cohort: pasted, or a CSV file (not both needed; both are combined)."""

    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=200_000,
        help_text=_("One address per line (commas and semicolons also separate addresses)."),
    )
    file = forms.FileField(
        label=_("Or a CSV file"),
        required=False,
        help_text=_(
            "At most 1 MB and %(max)s rows, comma or semicolon separated; the first column holding an "
            "e-mail address is used."
        )
        % {"max": MAX_ROWS},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
    )

    def clean(self):
        cleaned = super().clean()
        parsed = ParsedEmails()
        try:
            if cleaned.get("emails"):
                parsed = parse_pasted(cleaned["emails"])
            if cleaned.get("file"):
                from_file = parse_csv_upload(cleaned["file"])
                seen = set(parsed.emails)
                for email in from_file.emails:
                    if email in seen:
                        parsed.duplicates.append(email)
                    else:
                        seen.add(email)
                        parsed.emails.append(email)
                parsed.duplicates.extend(from_file.duplicates)
                parsed.invalid.extend(from_file.invalid)
        except EmailListError as error:
            raise forms.ValidationError(error.messages) from error
        if parsed.invalid:
            # Nothing is imported from a list with bad rows: the administrator fixes the list and
            # sends it again, rather than guessing which part went in.
            shown = [
                _("Row %(row)s: “%(value)s” is not an e-mail address.") % {"row": row, "value": value}
                for row, value in parsed.invalid[:20]
            ]
            if len(parsed.invalid) > 20:
                shown.append(_("… and %(count)s more rows.") % {"count": len(parsed.invalid) - 20})
            raise forms.ValidationError([_("Nothing was added: correct these rows and try again."), *shown])
        if not self.errors and not parsed.emails:
            raise forms.ValidationError(_("Paste at least one e-mail address or choose a CSV file."))
        if len(parsed.emails) > MAX_ROWS:
            raise forms.ValidationError(
                _("The list has more than %(max)s addresses. Split it into smaller lists.") % {"max": MAX_ROWS}
            )
        cleaned["parsed"] = parsed
        return cleaned


class InvitePartnerForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of your partner"), max_length=254)


class SetPairForm(forms.Form):
    """An administrator pairs two learners of a course by their e-mail addresses."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=None)
    first_email = forms.EmailField(label=_("Municipal coordinator's e-mail address"), max_length=254)
    second_email = forms.EmailField(label=_("Police coordinator's e-mail address"), max_length=254)

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
