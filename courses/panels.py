"""Admin panels for the completion rules edited in a course page."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel, PageChooserPanel


class StepChooserPanel(PageChooserPanel):
    """A page chooser offering the step page types that exist (each learner app adds its own)."""

    def get_form_options(self):
        self.page_type = self.model.step_page_models()
        return super().get_form_options()


class CompletionRuleForm(WagtailAdminModelForm):
    """Offers only the requirements whose page type exists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].choices = self._meta.model.requirement_choices()


class CompletionRuleFormSet(BaseChildFormSet):
    """Checks that each rule's page lies inside the course being edited (the form alone cannot know it)."""

    def clean(self):
        super().clean()
        outside = False
        for form in self.forms:
            page = getattr(form, "cleaned_data", {}).get("page")
            if page is None or form.cleaned_data.get("DELETE"):
                continue
            if not self.instance.pk or not page.is_descendant_of(self.instance):
                form.add_error("page", _("Choose a page inside this course."))
                outside = True
        if outside:
            raise ValidationError(_("Every completion rule must point at a page of this course."))


class CompletionRulesPanel(InlinePanel):
    """The completion rules of a course page, validated against the course."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].update(form=CompletionRuleForm, formset=CompletionRuleFormSet)
        return options
