"""Whether learners can reach a page of a course."""

from wagtail.models import Page


def is_reachable(page: Page) -> bool:
    """Whether `page` and every ancestor up to and including its course are live; one query.

    Wagtail serves a live page below an unpublished parent (unpublishing a module leaves its
    lessons and quizzes live), so viewing a step, marking it done and starting or submitting a
    quiz all ask this first. A page outside any course is not reachable.
    """
    lineage = (
        Page.objects.ancestor_of(page, inclusive=True).order_by("-depth").values_list("live", "coursepage__page_ptr")
    )
    for live, course_id in lineage:
        if not live:
            return False
        if course_id is not None:
            return True
    return False
