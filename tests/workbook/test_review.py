from http import HTTPStatus

from django.core import mail
from django.urls import reverse

import pytest

from courses.models import CompletionRequirement, CompletionRule
from enrolments.models import Enrolment, StepProgress
from enrolments.services import complete_step
from tests.factories import UserFactory
from workbook import services
from workbook.models import AnswerReview, AnswerState


def submitted(author, assignment, text="Tre problem: klotter, inbrott, otrygghet."):
    return services.save_answer(author=author, assignment=assignment, fields={"f0": text}, base_version=0, submit=True)


def test_approving_completes_the_assignment_step(enrolled, assignment, reviewer):
    answer = submitted(enrolled, assignment)
    services.review_answer(reviewer=reviewer, answer=answer, decision="approved", comment="Bra!")
    answer.refresh_from_db()
    assert answer.state == AnswerState.APPROVED
    assert StepProgress.objects.filter(enrolment__learner=enrolled, step=assignment).exists()


def test_asking_for_a_revision_reopens_the_answer_and_needs_a_comment(enrolled, assignment, reviewer):
    answer = submitted(enrolled, assignment)
    with pytest.raises(services.WorkbookError):
        services.review_answer(reviewer=reviewer, answer=answer, decision="revision", comment=" ")
    services.review_answer(reviewer=reviewer, answer=answer, decision="revision", comment="Lägg till källor.")
    answer.refresh_from_db()
    assert answer.state == AnswerState.REVISION
    assert not StepProgress.objects.filter(step=assignment).exists()
    revised = services.save_answer(
        author=enrolled, assignment=assignment, fields={"f0": "Med källor"}, base_version=1, submit=True
    )
    assert (revised.state, revised.version) == (AnswerState.SUBMITTED, 2)


def test_a_reviewed_answer_cannot_be_reviewed_again(enrolled, assignment, reviewer):
    answer = submitted(enrolled, assignment)
    services.review_answer(reviewer=reviewer, answer=answer, decision="approved", comment="")
    with pytest.raises(services.WorkbookError):
        services.review_answer(reviewer=reviewer, answer=answer, decision="revision", comment="Nej")
    assert AnswerReview.objects.count() == 1


def test_someone_without_the_review_permission_cannot_review(enrolled, assignment):
    answer = submitted(enrolled, assignment)
    with pytest.raises(services.WorkbookError):
        services.review_answer(reviewer=UserFactory(), answer=answer, decision="approved", comment="")
    answer.refresh_from_db()
    assert answer.state == AnswerState.SUBMITTED


def test_the_learner_is_told_by_email_after_commit_and_sees_the_comment(
    enrolled, assignment, reviewer, client, django_capture_on_commit_callbacks
):
    answer = submitted(enrolled, assignment)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_answer(reviewer=reviewer, answer=answer, decision="revision", comment="Lägg till <källor>.")
    assert [message.to for message in mail.outbox] == [[enrolled.email]]
    assert "Lägg till <källor>." in mail.outbox[0].body
    client.force_login(enrolled)
    content = client.get(assignment.url).content.decode()
    assert "Lägg till &lt;källor&gt;." in content


def test_the_course_completes_only_when_the_required_assignment_is_approved(
    enrolled, assignment_course, assignment, reviewer
):
    CompletionRule.objects.create(
        course=assignment_course, requirement=CompletionRequirement.ASSIGNMENT_APPROVED, page=assignment
    )
    answer = submitted(enrolled, assignment)
    enrolment = Enrolment.objects.get(learner=enrolled)
    assert enrolment.completed_at is None
    services.review_answer(reviewer=reviewer, answer=answer, decision="approved", comment="")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_without_rules_every_step_is_needed_and_an_assignment_needs_approval(
    enrolled, assignment_course, assignment, reviewer
):
    from courses.models import LessonPage

    for lesson in LessonPage.objects.descendant_of(assignment_course):
        complete_step(learner=enrolled, step=lesson)
    answer = submitted(enrolled, assignment)
    assert Enrolment.objects.get(learner=enrolled).completed_at is None
    services.review_answer(reviewer=reviewer, answer=answer, decision="approved", comment="")
    assert Enrolment.objects.get(learner=enrolled).completed_at is not None


def test_course_leaders_review_in_the_admin(enrolled, assignment, reviewer, client):
    answer = submitted(enrolled, assignment, "<script>alert(1)</script> *viktigt*")
    client.force_login(reviewer)
    listing = client.get(reverse("workbook_review"))
    assert listing.status_code == HTTPStatus.OK
    assert assignment.title in listing.content.decode()
    detail = client.get(reverse("workbook_review_detail", args=[answer.pk]))
    content = detail.content.decode()
    assert "<em>viktigt</em>" in content
    assert "<script>alert(1)" not in content
    response = client.post(
        reverse("workbook_review_detail", args=[answer.pk]), {"decision": "approved", "comment": "Fint."}
    )
    assert response.status_code == HTTPStatus.FOUND
    answer.refresh_from_db()
    assert answer.state == AnswerState.APPROVED


def test_the_admin_review_is_closed_to_other_staff(enrolled, assignment, staff_member, client):
    answer = submitted(enrolled, assignment)
    client.force_login(staff_member("Redaktörer"))
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    listing = client.get(reverse("workbook_review"))
    assert (listing.status_code, listing.url) == (HTTPStatus.FOUND, "/admin/")
    response = client.post(reverse("workbook_review_detail", args=[answer.pk]), {"decision": "approved"})
    assert (response.status_code, response.url) == (HTTPStatus.FOUND, "/admin/")
    answer.refresh_from_db()
    assert answer.state == AnswerState.SUBMITTED


def test_a_course_leader_reviews_only_learners_in_their_scope(
    reference_data, assignment, assignment_course, staff_member, client
):
    from accounts.models import AdministratorScope, ScopeKind
    from enrolments.services import enrol_learner
    from organisations.models import Municipality
    from tests.factories import MunicipalLearnerFactory

    stockholm_learner = MunicipalLearnerFactory()
    enrol_learner(learner=stockholm_learner, course=assignment_course)
    answer = submitted(stockholm_learner, assignment)
    lund_leader = staff_member("Kursadministratörer")
    AdministratorScope.objects.create(
        user=lund_leader, kind=ScopeKind.MUNICIPALITY, municipality=Municipality.objects.get(name="Lund")
    )
    client.force_login(lund_leader)
    assert assignment.title not in client.get(reverse("workbook_review")).content.decode()
    assert client.get(reverse("workbook_review_detail", args=[answer.pk])).status_code == HTTPStatus.NOT_FOUND
    with pytest.raises(services.WorkbookError):
        services.review_answer(reviewer=lund_leader, answer=answer, decision="approved", comment="")
    stockholm_leader = staff_member("Kursadministratörer")
    AdministratorScope.objects.create(
        user=stockholm_leader, kind=ScopeKind.MUNICIPALITY, municipality=Municipality.objects.get(code="0180")
    )
    services.review_answer(reviewer=stockholm_leader, answer=answer, decision="approved", comment="")
    answer.refresh_from_db()
    assert answer.state == AnswerState.APPROVED
