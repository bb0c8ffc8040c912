from django import template

from ..services import AssignmentOverview
from ..services import assignment_overview as overview_for

register = template.Library()


@register.simple_tag(takes_context=True)
def assignment_overview(context, assignment) -> AssignmentOverview:
    """{% assignment_overview page as workbook %}: the signed-in learner's (or pair's) answer to
    `assignment`, its fields with the text and cleaned HTML, and the course leader's comments. Reads only."""
    return overview_for(assignment=assignment, user=context["request"].user)
