from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.models import CoursePage, LessonPage
from courses.reachability import is_reachable

from . import services
from .models import Enrolment
from .progress import course_outline_for_step, course_outlines


@login_required
@require_POST
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    try:
        _enrolment, created = services.enrol_learner(learner=request.user, course=course)
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect(course.get_url(request))
    if created:
        messages.success(request, _("You are enrolled. Welcome to the course!"))
    else:
        messages.info(request, _("You are already enrolled on this course."))
    return redirect(course.get_url(request))


@login_required
@require_POST
def complete_step(request, page_id: int):
    step = get_object_or_404(LessonPage.objects.live().public(), pk=page_id)
    if not is_reachable(step):
        raise Http404
    outline = course_outline_for_step(step, request.user)
    try:
        _progress, created = services.complete_step(learner=request.user, step=step)
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect(step.get_url(request), permanent=False)
    if created:
        messages.success(request, _("“%(title)s” is marked as done.") % {"title": step.title})
    _previous, following = outline.neighbours(step)
    if following is not None:
        return redirect(following.page.get_url(request))
    return redirect(outline.course.get_url(request))


@login_required
@require_GET
def dashboard(request):
    enrolments = list(Enrolment.objects.for_learner(request.user).select_related("course"))
    courses = [enrolment.course for enrolment in enrolments]
    language = request.LANGUAGE_CODE
    if language != "sv" and courses:
        courses = _localized_courses(courses, language)
    outlines = course_outlines(courses, request.user)
    return render(request, "enrolments/dashboard.html", {"outlines": outlines})


def _localized_courses(courses: list[CoursePage], language: str) -> list[CoursePage]:
    """The same courses in `language` where that locale has them live (one query); else the Swedish one."""
    by_key = {
        course.translation_key: course
        for course in CoursePage.objects.live().filter(
            translation_key__in=[course.translation_key for course in courses], locale__language_code=language
        )
    }
    return [by_key.get(course.translation_key, course) for course in courses]
