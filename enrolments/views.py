from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Locale

from courses.models import CoursePage, LessonPage
from courses.reachability import is_reachable
from courses.structure import localized_course_structure, structure_for

from . import services
from .models import Enrolment
from .progress import learner_outlines


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
    try:
        _progress, created = services.complete_step(learner=request.user, step=step)
    except services.EnrolmentError as error:
        messages.error(request, error.message)
        return redirect(step.get_url(request), permanent=False)
    if created:
        messages.success(request, _("“%(title)s” is marked as done.") % {"title": step.title})
    structure = structure_for(step)
    following = structure.step_after(step.pk)
    return redirect(following.url if following else structure.url)


@login_required
@require_GET
def dashboard(request):
    enrolments = list(Enrolment.objects.for_learner(request.user).select_related("course"))
    locale = Locale.get_active()
    structures = [localized_course_structure(enrolment.course, locale) for enrolment in enrolments]
    outlines = learner_outlines(enrolments=enrolments, structures=structures)
    return render(request, "enrolments/dashboard.html", {"outlines": outlines})
