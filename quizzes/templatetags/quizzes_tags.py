from django import template

from ..services import QuizOverview
from ..services import quiz_overview as overview_for

register = template.Library()


@register.simple_tag(takes_context=True)
def quiz_overview(context, quiz) -> QuizOverview:
    """{% quiz_overview page as overview %}: the signed-in learner's attempts at `quiz` and whether
    they may start another. Reads only."""
    return overview_for(quiz=quiz, user=context["request"].user)
