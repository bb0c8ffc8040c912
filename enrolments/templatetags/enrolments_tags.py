from django import template

from courses.structure import structure_for

from ..progress import LearnerOutline
from ..progress import learner_outline as outline_for
from ..services import Pairing
from ..services import pairing as pairing_for

register = template.Library()


@register.simple_tag(takes_context=True)
def learner_outline(context, page) -> LearnerOutline | None:
    """{% learner_outline page as outline %}: the signed-in learner's progress in the course of `page`
    (the course page or one of its steps), seen from `page`. Reads only: one query at most."""
    request = context["request"]
    structure = structure_for(page, request=request)
    if structure is None:
        return None
    outline = outline_for(structure=structure, user=request.user, page_pk=page.pk)
    outline.preview = getattr(request, "is_preview", False)
    return outline


@register.simple_tag(takes_context=True)
def pairing(context, step) -> Pairing:
    """{% pairing page as pairing %}: the signed-in learner's pair on the course of the step `page`
    (any language) and their open invitations. Reads only."""
    return pairing_for(learner=context["request"].user, step=step)
