"""The learner's page and list in the admin: scope isolation per role, search, audit log, query count."""

import random
from http import HTTPStatus

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from accounts.models import AdministratorScope, OrganisationType, ScopeKind
from enrolments.services import enrol_learner
from organisations.models import County, Municipality, PoliceRegion
from quizzes.services import start_attempt, submit_attempt
from tests.factories import UserFactory, build_course, build_quiz, complete_course
from tests.quizzes.helpers import correct_answers, wrong_answers

pytestmark = pytest.mark.django_db


def in_(name: str, **fields):
    return UserFactory(
        organisation_type=OrganisationType.MUNICIPALITY, municipality=Municipality.objects.get(name=name), **fields
    )


@pytest.fixture
def learners(reference_data):
    return {
        "lund": in_("Lund", first_name="Linnea", last_name="Lundgren"),
        "malmo": in_("Malmö", first_name="Mats", last_name="Malm"),
        "uppsala": in_("Uppsala", first_name="Ulla", last_name="Upp"),
    }


@pytest.fixture
def admin_for(client, staff_member, reference_data):
    """A signed-in course administrator with the given scope (or none)."""

    def make(**scope):
        administrator = staff_member("Kursadministratörer", is_staff=True)
        if scope:
            AdministratorScope.objects.create(user=administrator, **scope)
        client.force_login(administrator)
        client.user = administrator
        return client

    return make


def detail_url(learner) -> str:
    return reverse("learners:inspect", args=[learner.pk])


def listed(client, **params) -> set[int]:
    response = client.get(reverse("learners:index"), params)
    assert response.status_code == HTTPStatus.OK
    return {user.pk for user in response.context["object_list"]}


ROLES = {
    "county": lambda: {"kind": ScopeKind.COUNTY, "county": County.objects.get(name="Skåne län")},
    "police_region": lambda: {"kind": ScopeKind.POLICE_REGION, "police_region": PoliceRegion.objects.get(name="Syd")},
    "municipality": lambda: {"kind": ScopeKind.MUNICIPALITY, "municipality": Municipality.objects.get(name="Lund")},
}


@pytest.mark.parametrize("role", ROLES)
def test_a_learner_elsewhere_is_404_and_absent_from_the_list(admin_for, learners, role):
    client = admin_for(**ROLES[role]())
    assert client.get(detail_url(learners["uppsala"])).status_code == HTTPStatus.NOT_FOUND
    assert learners["uppsala"].pk not in listed(client)
    assert learners["uppsala"].pk not in listed(client, q="Upp")
    assert client.get(detail_url(learners["lund"])).status_code == HTTPStatus.OK
    assert learners["lund"].pk in listed(client)


def test_a_municipality_administrator_sees_only_their_municipality(admin_for, learners):
    client = admin_for(**ROLES["municipality"]())
    assert listed(client) == {learners["lund"].pk}
    assert client.get(detail_url(learners["malmo"])).status_code == HTTPStatus.NOT_FOUND


def test_a_national_administrator_sees_everyone(admin_for, learners):
    client = admin_for(kind=ScopeKind.NATIONAL)
    assert {user.pk for user in learners.values()} <= listed(client)


def test_an_administrator_without_scope_is_not_let_in(admin_for, learners):
    client = admin_for()
    assert client.get(reverse("learners:index")).status_code != HTTPStatus.OK
    assert client.get(detail_url(learners["lund"])).status_code != HTTPStatus.OK


def test_an_editor_is_not_let_in(client, staff_member, learners):
    editor = staff_member("Redaktörer", is_staff=True)
    AdministratorScope.objects.create(user=editor, kind=ScopeKind.NATIONAL)
    client.force_login(editor)
    assert client.get(detail_url(learners["lund"])).status_code != HTTPStatus.OK


def test_searching_lund_finds_lunds_learners(admin_for, learners):
    client = admin_for(kind=ScopeKind.NATIONAL)
    assert listed(client, q="Lund") == {learners["lund"].pk}
    assert listed(client, q="malmö") == {learners["malmo"].pk}


def test_admin_search_offers_learners_to_course_administrators(admin_for, learners, rf):
    from wagtail.admin.search import admin_search_areas

    client = admin_for(kind=ScopeKind.NATIONAL)
    request = rf.get("/admin/")
    request.user = client.user
    assert "learners" in {area.name for area in admin_search_areas.search_items_for_request(request)}
    request.user = UserFactory()
    assert "learners" not in {area.name for area in admin_search_areas.search_items_for_request(request)}


def test_viewing_a_learner_is_logged(admin_for, learners):
    client = admin_for(kind=ScopeKind.NATIONAL)
    client.get(detail_url(learners["lund"]))
    entry = ModelLogEntry.objects.get(action="enrolments.learner.view")
    assert (entry.object_id, entry.user_id) == (str(learners["lund"].pk), client.user.pk)


def test_a_404_is_not_logged(admin_for, learners):
    client = admin_for(**ROLES["county"]())
    client.get(detail_url(learners["uppsala"]))
    assert not ModelLogEntry.objects.filter(action="enrolments.learner.view").exists()


def _busy(learner, courses, quizzes):
    """Enrol on every course, take each quiz twice (fail, then pass), complete the first course."""
    for course in courses:
        enrol_learner(learner=learner, course=course)
    for quiz in quizzes:
        for answers in (wrong_answers, correct_answers):
            attempt, _created = start_attempt(learner=learner, quiz=quiz, rng=random.Random(1))
            submit_attempt(learner=learner, attempt=attempt, answers=answers(attempt))
    complete_course(learner, courses[0])


def test_the_page_shows_progress_attempts_and_certificates(admin_for, learners, course):
    quiz = build_quiz(course)
    _busy(learners["lund"], [course], [quiz])
    client = admin_for(kind=ScopeKind.NATIONAL)
    response = client.get(detail_url(learners["lund"]))
    content = response.content.decode()
    assert course.title in content
    assert quiz.title in content
    certificate = learners["lund"].enrolments.get().certificate
    assert certificate.serial in content
    assert "Lund" in content and "Skåne län" in content and "Syd" in content


def test_the_page_costs_the_same_queries_for_a_busy_learner(admin_for, learners, course, django_assert_max_num_queries):
    courses = [course, build_course(modules=3, lessons_per_module=3, index=course.get_parent().specific)]
    quizzes = [build_quiz(course), build_quiz(courses[1])]
    enrol_learner(learner=learners["malmo"], course=course)
    client = admin_for(kind=ScopeKind.NATIONAL)
    client.get(detail_url(learners["malmo"]))  # warm the course structure cache and the session
    with django_assert_max_num_queries(20) as quiet:
        client.get(detail_url(learners["malmo"]))
    baseline = len(quiet)
    _busy(learners["lund"], courses, quizzes)
    client.get(detail_url(learners["lund"]))
    with django_assert_max_num_queries(baseline):
        response = client.get(detail_url(learners["lund"]))
    assert response.status_code == HTTPStatus.OK


def test_the_list_costs_the_same_queries_for_more_learners(admin_for, learners, django_assert_max_num_queries):
    client = admin_for(kind=ScopeKind.NATIONAL)
    client.get(reverse("learners:index"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("learners:index"))
    baseline = len(few)
    for number in range(15):
        in_("Lund", last_name=f"Extra{number}")
    with django_assert_max_num_queries(baseline):
        client.get(reverse("learners:index"))


def test_each_listed_learner_links_to_their_page(admin_for, learners):
    client = admin_for(kind=ScopeKind.NATIONAL)
    content = client.get(reverse("learners:index"), {"q": "Lund"}).content.decode()
    assert f'href="{detail_url(learners["lund"])}"' in content
