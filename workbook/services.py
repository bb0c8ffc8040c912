"""Every write of workbook state: saving and submitting answers, reviewing them, pairs splitting up,
and the reads the assignment page needs.

Invariants: an answer belongs to one learner or to one pair (a database constraint); every save
names the version it started from and is refused when another save came first, so no one's work
is overwritten silently; each saved version records who wrote it; bad input raises WorkbookError
and writes nothing.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from courses.models import CoursePage, ModulePage
from courses.reachability import is_reachable
from enrolments.models import Enrolment, Pair
from enrolments.services import EnrolmentError, Pairing, complete_step, course_of_step, pair_of, source_page
from enrolments.services import pairing as pairing_of

from .document import DocumentAssignment, DocumentContent, DocumentField, DocumentSection, render_docx, render_pdf
from .markdown import render_markdown
from .models import Answer, AnswerReview, AnswerState, AnswerVersion, AssignmentPage, ReviewDecision, WorkbookDocument
from .signals import answer_reviewed, document_requested

MAX_FIELD_LENGTH = 20_000


class WorkbookError(ValidationError):
    """A workbook action that cannot be carried out; the message is for the learner."""


class StaleAnswer(WorkbookError):
    """The save was based on an older version: someone else saved in between. Carries the current answer."""

    def __init__(self, message, *, current: Answer):
        super().__init__(message, code="stale")
        self.current = current


def _owner_filter(*, learner, pair: Pair | None) -> dict[str, Any]:
    return {"pair": pair} if pair is not None else {"learner": learner}


def clean_fields(*, assignment: AssignmentPage, fields: dict[str, str]) -> dict[str, str]:
    """The posted text of each field the assignment defines (others are ignored); line endings normalised."""
    cleaned = {}
    for definition in assignment.field_definitions():
        text = (fields.get(definition["id"]) or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
        if len(text) > MAX_FIELD_LENGTH:
            raise WorkbookError(
                _("“%(field)s” is too long: at most %(max)s characters. Nothing was saved.")
                % {"field": definition["label"], "max": MAX_FIELD_LENGTH}
            )
        cleaned[definition["id"]] = text
    return cleaned


@transaction.atomic
def save_answer(
    *, author, assignment: AssignmentPage, fields: dict[str, str], base_version: int, submit: bool = False
) -> Answer:
    """Save a new version of `author`'s (or their pair's) answer; with `submit`, hand it in for review.

    `base_version` is the version the author's form showed. If another save came first, raises
    StaleAnswer carrying the current answer, so the author can merge; nothing is written then.
    An answer waiting for review or approved cannot change.
    """
    source = source_page(assignment)
    if not is_reachable(source):
        raise WorkbookError(_("This assignment is not published."))
    course = course_of_step(source)
    if not Enrolment.objects.filter(learner=author, course=course).exists():
        raise WorkbookError(_("Enrol on the course before you answer its assignments."))
    cleaned = clean_fields(assignment=source, fields=fields)
    if submit and not any(text.strip() for text in cleaned.values()):
        raise WorkbookError(_("Write something before you submit. Nothing was submitted."))
    pair = pair_of(learner=author, course=course)
    owner = _owner_filter(learner=author, pair=pair)
    try:
        with transaction.atomic():
            answer, _created = Answer.objects.get_or_create(assignment=source, **owner)
    except IntegrityError:
        answer = Answer.objects.get(assignment=source, **owner)
    if answer.version != base_version:
        raise StaleAnswer(_("Someone saved this answer after you opened it."), current=answer)
    if not answer.is_editable:
        raise WorkbookError(
            _("This answer is with the course leader and cannot be changed now.")
            if answer.state == AnswerState.SUBMITTED
            else _("This answer has been approved and cannot be changed.")
        )
    now = timezone.now()
    changes: dict[str, Any] = {"version": F("version") + 1, "fields": cleaned, "updated_at": now}
    if submit:
        changes.update(state=AnswerState.SUBMITTED, submitted_at=now)
    # Optimistic lock: the row changes only if no one saved since `base_version`.
    updated = Answer.objects.filter(
        pk=answer.pk, version=base_version, state__in=[AnswerState.DRAFT, AnswerState.REVISION]
    ).update(**changes)
    if updated != 1:
        answer.refresh_from_db()
        raise StaleAnswer(_("Someone saved this answer after you opened it."), current=answer)
    AnswerVersion.objects.create(
        answer=answer, number=base_version + 1, fields=cleaned, author=author, submitted=submit
    )
    answer.refresh_from_db()
    return answer


@transaction.atomic
def review_answer(*, reviewer, answer: Answer, decision: str, comment: str) -> AnswerReview:
    """Approve a submitted answer or ask for a revision, with a comment the authors see; they are told
    by e-mail. Approval completes the assignment step for each author."""
    if decision not in ReviewDecision.values:
        raise WorkbookError(_("Choose approve or ask for a revision."))
    comment = (comment or "").strip()
    if decision == ReviewDecision.REVISION and not comment:
        raise WorkbookError(_("Say what to revise in the comment."))
    locked = (
        Answer.objects.reviewable_by(reviewer)
        .select_for_update(of=("self",))
        .select_related("assignment", "learner", "pair__first", "pair__second")
        .filter(pk=answer.pk)
        .first()
    )
    if locked is None:
        raise WorkbookError(_("You cannot review this answer."))
    if locked.state != AnswerState.SUBMITTED:
        raise WorkbookError(_("Only a submitted answer can be reviewed; it may have been reviewed already."))
    now = timezone.now()
    locked.state = AnswerState.APPROVED if decision == ReviewDecision.APPROVED else AnswerState.REVISION
    locked.reviewed_at = now
    locked.save(update_fields=["state", "reviewed_at", "updated_at"])
    review = AnswerReview.objects.create(
        answer=locked, reviewer=reviewer, decision=decision, comment=comment, version=locked.version
    )
    if decision == ReviewDecision.APPROVED:
        for author in locked.authors:
            try:
                with transaction.atomic():
                    complete_step(learner=author, step=locked.assignment)
            except EnrolmentError:
                # No longer enrolled, or the page withdrawn: the approval stands; progress needs both.
                pass
    transaction.on_commit(lambda: answer_reviewed.send(sender=AnswerReview, review=review))
    return review


def split_joint_answers(sender, instance: Pair, **kwargs) -> None:
    """Receiver of pre_delete for Pair: the first member takes the joint answers over (with their
    history), the second gets a copy; answers of their own to the same assignments were superseded.
    The pair's compiled documents go (each member can compile their own)."""
    delete_documents(WorkbookDocument.objects.filter(pair=instance))
    joint = list(Answer.objects.filter(pair=instance).prefetch_related("versions"))
    if not joint:
        return
    assignments = [answer.assignment_id for answer in joint]
    Answer.objects.filter(assignment__in=assignments, learner__in=[instance.first_id, instance.second_id]).delete()
    for answer in joint:
        versions = list(answer.versions.all())
        copy = Answer.objects.create(
            assignment_id=answer.assignment_id,
            learner_id=instance.second_id,
            state=answer.state,
            version=answer.version,
            fields=answer.fields,
            submitted_at=answer.submitted_at,
            reviewed_at=answer.reviewed_at,
        )
        AnswerVersion.objects.bulk_create(
            AnswerVersion(answer=copy, number=v.number, fields=v.fields, author_id=v.author_id, submitted=v.submitted)
            for v in versions
        )
        AnswerReview.objects.bulk_create(
            AnswerReview(
                answer=copy, reviewer_id=r.reviewer_id, decision=r.decision, comment=r.comment, version=r.version
            )
            for r in answer.reviews.all()
        )
    Answer.objects.filter(pair=instance).update(learner_id=instance.first_id, pair=None)


def send_review_email(*, review_id: int) -> None:
    """Tell each author, in their language, the decision and where to read the comment."""
    review = AnswerReview.objects.select_related(
        "answer__assignment", "answer__learner", "answer__pair__first", "answer__pair__second"
    ).get(pk=review_id)
    answer = review.answer
    for author in answer.authors:
        with translation.override(author.preferred_language):
            assignment = answer.assignment.localized
            context = {
                "author": author,
                "review": review,
                "approved": review.decision == ReviewDecision.APPROVED,
                "assignment_title": assignment.title,
                "assignment_url": assignment.full_url,
            }
            subject = render_to_string("workbook/email/reviewed_subject.txt", context).strip()
            send_mail(
                f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
                render_to_string("workbook/email/reviewed.txt", context),
                None,
                [author.email],
            )


# Documents ---------------------------------------------------------------------------------------


@transaction.atomic
def request_document(*, learner, course: CoursePage, language: str) -> WorkbookDocument:
    """Start compiling `learner`'s (or their pair's) answers on `course` into the document; the PDF and
    .docx are made by a background task."""
    course = source_page(course)
    if not Enrolment.objects.filter(learner=learner, course=course).exists():
        raise WorkbookError(_("Enrol on the course first."))
    pair = pair_of(learner=learner, course=course)
    document = WorkbookDocument.objects.create(
        course=course, language=language, **_owner_filter(learner=learner, pair=pair)
    )
    transaction.on_commit(lambda: document_requested.send(sender=WorkbookDocument, document=document))
    return document


def document_content(document: WorkbookDocument) -> DocumentContent:
    """The course's live modules and assignments, in the document's language, with the owner's answers."""
    course = document.course
    authors = document.authors
    municipality = next((author.municipality.name for author in authors if author.municipality_id), "")
    with translation.override(document.language):
        locale = Locale.objects.filter(language_code=document.language).first()
        shown_course = (course.get_translation_or_none(locale) if locale else None) or course
        answers = {
            answer.assignment_id: answer
            for answer in Answer.objects.filter(
                assignment__in=AssignmentPage.objects.descendant_of(course),
                **_owner_filter(learner=document.learner, pair=document.pair),
            )
        }
        sections = []
        for module in ModulePage.objects.live().child_of(course).order_by("path"):
            shown_module = (module.get_translation_or_none(locale) if locale else None) or module
            section = DocumentSection(title=shown_module.title)
            for assignment in AssignmentPage.objects.live().child_of(module).order_by("path"):
                shown = (assignment.get_translation_or_none(locale) if locale else None) or assignment
                answer = answers.get(assignment.pk)
                stored = answer.fields if answer else {}
                section.assignments.append(
                    DocumentAssignment(
                        title=shown.title,
                        state=AnswerState(answer.state).label if answer else "",
                        fields=[
                            DocumentField(label=d["label"], text=stored.get(d["id"], ""))
                            for d in shown.specific.field_definitions()
                        ],
                    )
                )
            if section.assignments:
                sections.append(section)
        return DocumentContent(
            municipality=municipality or _("your municipality"),
            course=shown_course.title,
            authors=[author.get_full_name() or author.email for author in authors],
            created_on=timezone.localdate(),
            sections=sections,
            language=document.language,
        )


def store_document(*, document_id: int) -> WorkbookDocument:
    """Render the document's PDF and .docx into private storage and mark it ready."""
    document = WorkbookDocument.objects.select_related(
        "course", "learner__municipality", "pair__first__municipality", "pair__second__municipality"
    ).get(pk=document_id)
    content = document_content(document)
    stem = f"lagesbild-{document.pk}"
    document.pdf.save(f"{stem}.pdf", ContentFile(render_pdf(content)), save=False)
    document.docx.save(f"{stem}.docx", ContentFile(render_docx(content)), save=False)
    document.state = WorkbookDocument.State.READY
    document.save(update_fields=["pdf", "docx", "state", "updated_at"])
    return document


def delete_documents(documents) -> None:
    """Delete the documents, and their files once the deletion is committed (a rollback keeps both)."""
    for document in list(documents):
        files = [(file.storage, file.name) for file in (document.pdf, document.docx) if file]
        document.delete()
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


# Reads -------------------------------------------------------------------------------------------


@dataclass
class AssignmentOverview:
    """What the assignment page shows the signed-in learner."""

    answer: Answer | None = None
    pairing: Pairing = field(default_factory=Pairing)
    fields: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[AnswerReview] = field(default_factory=list)
    document: WorkbookDocument | None = None

    @property
    def pair(self) -> Pair | None:
        return self.pairing.pair

    @property
    def version(self) -> int:
        return self.answer.version if self.answer else 0

    @property
    def state(self) -> str:
        return self.answer.state if self.answer else AnswerState.DRAFT

    @property
    def state_label(self) -> str:
        return AnswerState(self.state).label

    @property
    def is_editable(self) -> bool:
        return self.answer is None or self.answer.is_editable


def assignment_overview(*, assignment: AssignmentPage, user, texts: dict[str, str] | None = None) -> AssignmentOverview:
    """Read-only. `assignment` is the page shown (its field labels in that language); the answer is
    the one of the Swedish source. `texts` replaces the stored text (a refused save shown again)."""
    if not user.is_authenticated:
        return AssignmentOverview()
    source = source_page(assignment)
    pairing = pairing_of(learner=user, step=source)
    answer = (
        Answer.objects.filter(assignment=source, **_owner_filter(learner=user, pair=pairing.pair))
        .prefetch_related("reviews")
        .first()
    )
    stored = answer.fields if answer else {}
    shown = texts if texts is not None else stored
    fields = [
        {
            **definition,
            "text": shown.get(definition["id"], ""),
            "saved_text": stored.get(definition["id"], ""),
            "html": render_markdown(stored.get(definition["id"], "")),
        }
        for definition in assignment.field_definitions()
    ]
    return AssignmentOverview(
        answer=answer,
        pairing=pairing,
        fields=fields,
        reviews=list(answer.reviews.all()) if answer else [],
        document=WorkbookDocument.objects.filter(
            course=pairing.course, **_owner_filter(learner=user, pair=pairing.pair)
        ).first(),
    )


# Personal data -----------------------------------------------------------------------------------


def export_personal_data(user) -> list[dict[str, Any]]:
    answers = Answer.objects.of_author(user).select_related("assignment").prefetch_related("versions", "reviews")
    return [
        {
            "assignment": answer.assignment.title,
            "joint": answer.pair_id is not None,
            "state": answer.state,
            "fields": answer.fields,
            "versions": [
                {
                    "number": version.number,
                    "written_by_you": version.author_id == user.pk,
                    "saved_at": version.created_at.isoformat(),
                    "fields": version.fields,
                }
                for version in answer.versions.all()
            ],
            "reviews": [
                {"decision": review.decision, "comment": review.comment, "at": review.created_at.isoformat()}
                for review in answer.reviews.all()
            ],
        }
        for answer in answers.order_by("pk")
    ]


def erase_personal_data(user) -> None:
    """Delete the user's own answers and documents; joint answers go on as the partner's own, with
    the erased person's name gone from the versions they wrote."""
    delete_documents(WorkbookDocument.objects.filter(learner=user))
    Answer.objects.filter(learner=user).delete()
    for pair in Pair.objects.of_learner(user):
        partner = pair.partner_of(user)
        joint = Answer.objects.filter(pair=pair)
        Answer.objects.filter(assignment__in=joint.values("assignment"), learner=partner).delete()
        delete_documents(pair.workbook_documents.all())
        joint.update(learner=partner, pair=None)
    AnswerVersion.objects.filter(author=user).update(author=None)
    AnswerReview.objects.filter(reviewer=user).update(reviewer=None)
