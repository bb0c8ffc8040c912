from http import HTTPStatus

from django.core import mail
from django.urls import reverse

import pytest

from enrolments.models import Pair, PairInvitation
from enrolments.services import EnrolmentError, enrol_learner, form_pair
from tests.factories import MunicipalLearnerFactory, PoliceLearnerFactory, UserFactory
from workbook import services
from workbook.models import Answer, AnswerVersion


def test_invite_by_email_and_accept(
    reference_data, assignment_course, assignment, client, django_capture_on_commit_callbacks
):
    municipal, police = MunicipalLearnerFactory(), PoliceLearnerFactory()
    for member in (municipal, police):
        enrol_learner(learner=member, course=assignment_course)
    client.force_login(municipal)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("enrolments:invite_partner", args=[assignment_course.pk]), {"email": police.email.upper()}
        )
    assert response.status_code == HTTPStatus.FOUND
    assert [message.to for message in mail.outbox] == [[police.email]]
    invitation = PairInvitation.objects.get()
    client.force_login(police)
    assert (
        "invites you" in client.get(assignment.url).content.decode()
        or "bjuder in" in client.get(assignment.url).content.decode()
    )
    response = client.post(reverse("enrolments:accept_invitation", args=[invitation.pk]))
    assert response.status_code == HTTPStatus.FOUND
    pair = Pair.objects.get()
    assert {pair.first, pair.second} == {municipal, police}
    assert not PairInvitation.objects.exists()


def test_someone_else_cannot_accept_an_invitation(reference_data, assignment_course, client):
    municipal, police = MunicipalLearnerFactory(), PoliceLearnerFactory()
    for member in (municipal, police):
        enrol_learner(learner=member, course=assignment_course)
    invitation = PairInvitation.objects.create(course=assignment_course, inviter=municipal, invitee=police)
    client.force_login(UserFactory())
    client.post(reverse("enrolments:accept_invitation", args=[invitation.pk]))
    assert not Pair.objects.exists()


@pytest.mark.parametrize(
    "second_kind",
    ["same_type", "other_municipality", "not_enrolled"],
)
def test_only_a_municipal_and_a_police_coordinator_of_one_municipality_on_the_course_pair(
    reference_data, assignment_course, second_kind
):
    from organisations.models import Municipality

    municipal = MunicipalLearnerFactory()
    enrol_learner(learner=municipal, course=assignment_course)
    if second_kind == "same_type":
        other = MunicipalLearnerFactory()
    elif second_kind == "other_municipality":
        other = PoliceLearnerFactory(municipality=Municipality.objects.get(code="1280"))
    else:
        other = PoliceLearnerFactory()
    if second_kind != "not_enrolled":
        enrol_learner(learner=other, course=assignment_course)
    with pytest.raises(EnrolmentError):
        form_pair(course=assignment_course, first=municipal, second=other)
    assert not Pair.objects.exists()


def test_a_learner_is_in_one_pair_per_course(pair, assignment_course):
    another_police = PoliceLearnerFactory()
    enrol_learner(learner=another_police, course=assignment_course)
    with pytest.raises(EnrolmentError):
        form_pair(course=assignment_course, first=pair.first, second=another_police)
    assert Pair.objects.count() == 1


def test_both_members_edit_one_joint_answer_and_each_version_records_its_author(pair, assignment):
    services.save_answer(author=pair.first, assignment=assignment, fields={"f0": "Kommunens del"}, base_version=0)
    answer = services.save_answer(
        author=pair.second, assignment=assignment, fields={"f0": "Kommunens del\nPolisens del"}, base_version=1
    )
    assert answer.pair == pair and answer.learner is None
    assert Answer.objects.count() == 1
    authors = list(AnswerVersion.objects.order_by("number").values_list("author", flat=True))
    assert authors == [pair.first.pk, pair.second.pk]


def test_a_third_person_gets_404_for_the_pairs_answer(pair, assignment, client):
    answer = services.save_answer(author=pair.first, assignment=assignment, fields={"f0": "Hemligt"}, base_version=0)
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(reverse("workbook:history", args=[answer.pk])).status_code == HTTPStatus.NOT_FOUND
    assert client.post(reverse("enrolments:leave_pair", args=[pair.pk])).status_code == HTTPStatus.NOT_FOUND
    client.force_login(pair.second)
    assert client.get(reverse("workbook:history", args=[answer.pk])).status_code == HTTPStatus.OK


def test_the_partner_sees_the_joint_answer_on_the_page(pair, assignment, client):
    services.save_answer(author=pair.first, assignment=assignment, fields={"f0": "Gemensam text"}, base_version=0)
    client.force_login(pair.second)
    content = client.get(assignment.url).content.decode()
    assert "Gemensam text" in content
    assert 'name="base_version" value="1"' in content


def test_leaving_the_pair_leaves_each_member_a_copy(pair, assignment, client):
    services.save_answer(author=pair.first, assignment=assignment, fields={"f0": "Vår text"}, base_version=0)
    client.force_login(pair.second)
    response = client.post(reverse("enrolments:leave_pair", args=[pair.pk]))
    assert response.status_code == HTTPStatus.FOUND
    assert not Pair.objects.exists()
    answers = {answer.learner: answer for answer in Answer.objects.all()}
    assert set(answers) == {pair.first, pair.second}
    assert all(answer.fields["f0"] == "Vår text" for answer in answers.values())
    assert all(answer.versions.count() == 1 for answer in answers.values())


def test_a_pair_is_formed_within_one_cohort(reference_data, assignment_course):
    from enrolments.models import Cohort

    municipal, police = MunicipalLearnerFactory(), PoliceLearnerFactory()
    spring = Cohort.objects.create(course=assignment_course, name="Vår")
    autumn = Cohort.objects.create(course=assignment_course, name="Höst")
    enrol_learner(learner=municipal, course=assignment_course, cohort=spring)
    enrol_learner(learner=police, course=assignment_course, cohort=autumn)
    from enrolments.services import invite_partner

    with pytest.raises(EnrolmentError):
        invite_partner(inviter=municipal, course=assignment_course, email=police.email)
    with pytest.raises(EnrolmentError):
        form_pair(course=assignment_course, first=municipal, second=police)
    assert not Pair.objects.exists() and not PairInvitation.objects.exists()


def test_an_administrator_in_scope_sets_and_ends_a_pair(reference_data, assignment_course, staff_member, client):
    from accounts.models import AdministratorScope, ScopeKind
    from organisations.models import Municipality

    municipal, police = MunicipalLearnerFactory(), PoliceLearnerFactory()
    for member in (municipal, police):
        enrol_learner(learner=member, course=assignment_course)
    admin = staff_member("Kursadministratörer")
    scope = AdministratorScope.objects.create(
        user=admin, kind=ScopeKind.MUNICIPALITY, municipality=Municipality.objects.get(name="Lund")
    )
    client.force_login(admin)
    data = {"course": assignment_course.pk, "first_email": municipal.email, "second_email": police.email}
    response = client.post(reverse("enrolments_pairs"), data)
    assert response.status_code == HTTPStatus.OK  # refused: the learners are outside the scope
    assert not Pair.objects.exists()
    scope.kind, scope.municipality = ScopeKind.MUNICIPALITY, Municipality.objects.get(code="0180")
    scope.save()
    client.force_login(admin)
    assert client.post(reverse("enrolments_pairs"), data).status_code == HTTPStatus.FOUND
    pair = Pair.objects.get()
    assert municipal.email in client.get(reverse("enrolments_pairs")).content.decode()
    assert client.post(reverse("enrolments_pairs"), {"end": pair.pk}).status_code == HTTPStatus.FOUND
    assert not Pair.objects.exists()
