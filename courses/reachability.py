"""Whether learners can reach a step. Wagtail routes to a live page below an unpublished course or
module (unpublishing a course leaves its lessons live), so serving a step, marking it done and
the quiz actions all ask this one function first."""

from django.http import HttpRequest

from wagtail.models import Page

from .structure import structure_for


def is_reachable(page: Page, *, request: HttpRequest | None = None) -> bool:
    """Whether `page` is a live step in a live module of a live course (answered from the cached
    course structure; with `request`, kept for the rest of the request)."""
    structure = structure_for(page, request=request)
    return structure is not None and structure.contains(page.pk)
