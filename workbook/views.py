import difflib
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.models import CoursePage
from courses.reachability import is_reachable

from . import services
from .forms import AnswerForm, CompareForm
from .models import Answer, AssignmentPage, WorkbookDocument


def _reachable_assignment(page_id: int) -> AssignmentPage:
    assignment = get_object_or_404(AssignmentPage.objects.live().public(), pk=page_id)
    if not is_reachable(assignment):
        raise Http404
    return assignment


@login_required
@require_POST
def save(request, page_id: int):
    """Save a draft or submit. A refused save shows the form again with the learner's text kept;
    a stale one also shows the text saved meanwhile, to merge."""
    assignment = _reachable_assignment(page_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete. Nothing was saved."))
        return redirect(assignment.get_url(request))
    mine = form.cleaned_data["fields"]
    submit = form.cleaned_data["action"] == "submit"
    try:
        services.save_answer(
            author=request.user,
            assignment=assignment,
            fields=mine,
            base_version=form.cleaned_data["base_version"],
            submit=submit,
        )
    except services.StaleAnswer as stale:
        context = {
            "assignment": assignment,
            "workbook": services.assignment_overview(assignment=assignment, user=request.user, texts=mine),
            "theirs": stale.current,
        }
        return render(request, "workbook/conflict.html", context, status=HTTPStatus.CONFLICT)
    except services.WorkbookError as error:
        context = {
            "assignment": assignment,
            "workbook": services.assignment_overview(assignment=assignment, user=request.user, texts=mine),
            "error": error.message,
        }
        return render(request, "workbook/conflict.html", context, status=HTTPStatus.BAD_REQUEST)
    messages.success(request, _("Your answer is submitted for review.") if submit else _("Your draft is saved."))
    return redirect(f"{assignment.get_url(request)}#answer")


@login_required
@require_GET
def history(request, answer_id: int):
    """The saved versions of an answer, who wrote each, and a comparison of two of them."""
    answer = get_object_or_404(Answer.objects.of_author(request.user).select_related("assignment"), pk=answer_id)
    versions = list(answer.versions.select_related("author").order_by("-number"))
    assignment = answer.assignment.localized.specific
    comparison = None
    form = CompareForm(request.GET or None)
    if form.is_valid():
        by_number = {version.number: version for version in versions}
        old, new = by_number.get(form.cleaned_data["old"]), by_number.get(form.cleaned_data["new"])
        if old and new:
            comparison = {
                "old": old,
                "new": new,
                "fields": [
                    {
                        "label": definition["label"],
                        "lines": _diff(old.fields.get(definition["id"], ""), new.fields.get(definition["id"], "")),
                    }
                    for definition in assignment.field_definitions()
                ],
            }
    context = {"answer": answer, "assignment": assignment, "versions": versions, "comparison": comparison}
    return render(request, "workbook/history.html", context)


def _diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(kind, line)] with kind "same", "added" or "removed"; the template escapes the lines."""
    kinds = {" ": "same", "+": "added", "-": "removed"}
    return [
        (kinds[line[0]], line[2:]) for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in kinds
    ]


@login_required
@require_POST
def request_document(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        document = services.request_document(learner=request.user, course=course, language=request.LANGUAGE_CODE)
    except services.WorkbookError as error:
        messages.error(request, error.message)
        return redirect(course.get_url(request))
    return redirect("workbook:document", document_id=document.pk)


@login_required
@require_GET
def document(request, document_id: int):
    document = get_object_or_404(
        WorkbookDocument.objects.visible_to(request.user).select_related("course"), pk=document_id
    )
    return render(request, "workbook/document.html", {"document": document})


@login_required
@require_GET
def download(request, document_id: int, kind: str):
    document = get_object_or_404(WorkbookDocument.objects.visible_to(request.user), pk=document_id)
    file = document.pdf if kind == "pdf" else document.docx
    if document.state != WorkbookDocument.State.READY or not file:
        raise Http404
    content_type = (
        "application/pdf"
        if kind == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=f"lagesbild-och-atgardsplan.{kind}", content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
