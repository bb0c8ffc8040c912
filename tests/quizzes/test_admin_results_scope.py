"""Quiz results on Wagtail's ReportView count only the learners in the administrator's scope;
the attempts report lists them one by one, links to each learner, and exports safely."""

import csv
import io
from http import HTTPStatus

from django.urls import reverse

import pytest

from accounts.models import AdministratorScope, OrganisationType, ScopeKind
from enrolments.services import enrol_learner
from organisations.models import County, Municipality
from quizzes.services import start_attempt, submit_attempt
from tests.factories import UserFactory

from .helpers import correct_answers, wrong_answers

pytestmark = pytest.mark.django_db


def take(course, quiz, learner, answers_for):
    enrol_learner(learner=learner, course=course)
    attempt, _created = start_attempt(learner=learner, quiz=quiz)
    return submit_attempt(learner=learner, attempt=attempt, answers=answers_for(attempt))[0]


@pytest.fixture
def world(reference_data, course, quiz):
    lund = UserFactory(
        organisation_type=OrganisationType.MUNICIPALITY,
        municipality=Municipality.objects.get(name="Lund"),
        first_name='=HYPERLINK("http://evil.example")',
        last_name="Lundqvist",
    )
    uppsala = UserFactory(
        organisation_type=OrganisationType.MUNICIPALITY,
        municipality=Municipality.objects.get(name="Uppsala"),
        last_name="Uppström",
    )
    return {"lund": take(course, quiz, lund, correct_answers), "uppsala": take(course, quiz, uppsala, wrong_answers)}


@pytest.fixture
def skane_client(client, staff_member, reference_data):
    administrator = staff_member("Kursadministratörer", is_staff=True)
    AdministratorScope.objects.create(
        user=administrator, kind=ScopeKind.COUNTY, county=County.objects.get(name="Skåne län")
    )
    client.force_login(administrator)
    return client


def test_the_summary_counts_only_attempts_in_scope(skane_client, world, quiz):
    response = skane_client.get(reverse("quizzes_results"))
    assert response.status_code == HTTPStatus.OK
    row = next(item for item in response.context["object_list"] if item.pk == quiz.pk)
    assert (row.learner_count, row.attempt_count, row.passed_count) == (1, 1, 1)


def test_the_summary_counts_everyone_for_a_superuser(admin_client, world, quiz):
    row = next(
        item for item in admin_client.get(reverse("quizzes_results")).context["object_list"] if item.pk == quiz.pk
    )
    assert (row.learner_count, row.attempt_count, row.passed_count) == (2, 2, 1)


def test_without_scope_the_summary_counts_nobody(client, staff_member, world, quiz):
    client.force_login(staff_member("Kursadministratörer", is_staff=True))
    row = next(item for item in client.get(reverse("quizzes_results")).context["object_list"] if item.pk == quiz.pk)
    assert (row.learner_count, row.attempt_count) == (0, 0)


def test_the_item_analysis_counts_only_attempts_in_scope(skane_client, world, quiz):
    response = skane_client.get(reverse("quizzes_results_detail", args=[quiz.pk]))
    assert {item.answered for item in response.context["items"]} == {1}


def test_the_attempts_report_lists_only_learners_in_scope_and_links_to_them(skane_client, world):
    response = skane_client.get(reverse("quizzes_attempts"))
    assert response.status_code == HTTPStatus.OK
    assert [attempt.pk for attempt in response.context["object_list"]] == [world["lund"].pk]
    content = response.content.decode()
    assert reverse("learners:inspect", args=[world["lund"].learner_id]) in content
    assert "Uppström" not in content


def test_the_attempts_report_filters_by_learner_and_result(admin_client, world):
    by_name = admin_client.get(reverse("quizzes_attempts"), {"learner": "uppsala"})
    assert [attempt.pk for attempt in by_name.context["object_list"]] == [world["uppsala"].pk]
    failed = admin_client.get(reverse("quizzes_attempts"), {"passed": "false"})
    assert [attempt.pk for attempt in failed.context["object_list"]] == [world["uppsala"].pk]


def test_the_csv_export_is_scoped_and_neutralises_formulas(skane_client, world):
    response = skane_client.get(reverse("quizzes_attempts"), {"export": "csv"})
    assert response.status_code == HTTPStatus.OK
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) == 2
    assert rows[1][0].startswith("'=HYPERLINK")
    assert "Uppström" not in content


def test_the_summary_exports_as_xlsx(admin_client, world):
    response = admin_client.get(reverse("quizzes_results"), {"export": "xlsx"})
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_reports_cost_the_same_queries_for_more_attempts(
    skane_client, world, course, quiz, django_assert_max_num_queries
):
    urls = [reverse("quizzes_results"), reverse("quizzes_attempts")]
    counts = []
    for url in urls:
        skane_client.get(url)
        with django_assert_max_num_queries(25) as few:
            skane_client.get(url)
        counts.append(len(few))
    for number in range(6):
        learner = UserFactory(
            organisation_type=OrganisationType.MUNICIPALITY,
            municipality=Municipality.objects.get(name="Malmö"),
            last_name=f"Malm{number}",
        )
        take(course, quiz, learner, correct_answers)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            response = skane_client.get(url)
        assert response.status_code == HTTPStatus.OK
