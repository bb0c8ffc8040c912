"""Pages that learners' enrolments or progress point at cannot be deleted in the Wagtail admin.

Deleting a course would fail on its protected enrolments (a server error naming learners),
and deleting a lesson would silently erase every learner's progress on it. The hooks refuse
both, for the page and everything below it, before Wagtail's confirmation page is shown.
"""

from collections.abc import Iterable

from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page

from .models import Enrolment


def learners_with_records(pages: Iterable[Page]) -> int:
    """How many learners are enrolled on, or have progress in, `pages` or any page below them."""
    in_pages = Q(pk__in=[])
    for page in pages:
        in_pages |= Q(path__startswith=page.path)
    page_ids = Page.objects.filter(in_pages).values("pk")
    return (
        Enrolment.objects.filter(Q(course__in=page_ids) | Q(step_progress__step__in=page_ids))
        .values("learner")
        .distinct()
        .count()
    )


def refusal_message(count: int) -> str:
    return ngettext(
        "This cannot be deleted: %(count)s learner is enrolled on the course or has completed steps in it, "
        "and deleting would erase that record. Unpublish the page instead.",
        "This cannot be deleted: %(count)s learners are enrolled on the course or have completed steps in it, "
        "and deleting would erase their records. Unpublish the page instead.",
        count,
    ) % {"count": count}


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_learner_records(request, page):
    count = learners_with_records([page])
    if count:
        messages.error(request, refusal_message(count))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_pages_with_learner_records(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not issubclass(action_class_instance.model, Page):
        return None
    count = learners_with_records(objects)
    if count:
        messages.error(request, refusal_message(count))
        return redirect(action_class_instance.next_url)
    return None
