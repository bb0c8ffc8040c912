from http import HTTPStatus

from django.urls import reverse

from tests.factories import UserFactory
from workbook import services
from workbook.models import Answer, AnswerState


def post_answer(client, assignment, *, base=0, action="save", **fields):
    data = {"base_version": base, "action": action}
    data.update({f"field-{key}": value for key, value in fields.items()})
    return client.post(reverse("workbook:save", args=[assignment.pk]), data)


def test_the_assignment_page_shows_the_form_and_the_privacy_notice(enrolled, assignment, client):
    client.force_login(enrolled)
    response = client.get(assignment.url)
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert 'name="field-f0"' in content and 'name="field-f1"' in content
    assert 'name="base_version" value="0"' in content
    assert "känslig" in content or "sensitive" in content


def test_a_learner_not_enrolled_is_asked_to_enrol(learner, assignment, client):
    client.force_login(learner)
    content = client.get(assignment.url).content.decode()
    assert 'name="field-f0"' not in content


def test_saving_and_submitting_through_the_form(enrolled, assignment, client):
    client.force_login(enrolled)
    response = post_answer(client, assignment, f0="Utkast")
    assert response.status_code == HTTPStatus.FOUND
    response = post_answer(client, assignment, base=1, action="submit", f0="Klart")
    assert response.status_code == HTTPStatus.FOUND
    answer = Answer.objects.get()
    assert (answer.state, answer.fields["f0"]) == (AnswerState.SUBMITTED, "Klart")
    content = client.get(assignment.url).content.decode()
    assert 'name="field-f0"' not in content
    assert "Klart" in content


def test_a_stale_save_shows_both_texts_and_keeps_mine(enrolled, assignment, client):
    services.save_answer(
        author=enrolled, assignment=assignment, fields={"f0": "Sparad i en annan flik"}, base_version=0
    )
    client.force_login(enrolled)
    response = post_answer(client, assignment, base=0, f0="Min nya text")
    content = response.content.decode()
    assert response.status_code == HTTPStatus.CONFLICT
    assert "Sparad i en annan flik" in content
    assert "Min nya text" in content
    assert 'name="base_version" value="1"' in content
    assert Answer.objects.get().fields["f0"] == "Sparad i en annan flik"


def test_learner_markup_is_escaped_in_the_form_and_cleaned_when_shown(enrolled, assignment, client):
    client.force_login(enrolled)
    post_answer(client, assignment, action="submit", f0='<script>alert("x")</script> *ok*')
    content = client.get(assignment.url).content.decode()
    assert '<script>alert("x")' not in content
    assert "<em>ok</em>" in content


def test_history_lists_versions_with_authors_and_compares_them(enrolled, assignment, client):
    services.save_answer(author=enrolled, assignment=assignment, fields={"f0": "rad ett\nrad två"}, base_version=0)
    answer = services.save_answer(
        author=enrolled, assignment=assignment, fields={"f0": "rad ett\nrad tre"}, base_version=1
    )
    client.force_login(enrolled)
    response = client.get(reverse("workbook:history", args=[answer.pk]), {"old": 1, "new": 2})
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert enrolled.get_full_name() in content
    assert "rad två</del>" in content
    assert "rad tre</ins>" in content


def test_someone_else_gets_404_for_the_history(enrolled, assignment, client):
    answer = services.save_answer(author=enrolled, assignment=assignment, fields={"f0": "x"}, base_version=0)
    client.force_login(UserFactory())
    assert client.get(reverse("workbook:history", args=[answer.pk])).status_code == HTTPStatus.NOT_FOUND


def test_the_assignment_page_query_count_does_not_grow_with_versions_or_reviews(
    enrolled, assignment, client, django_assert_max_num_queries
):
    client.force_login(enrolled)
    client.get(assignment.url)
    for number in range(6):
        services.save_answer(author=enrolled, assignment=assignment, fields={"f0": f"v{number}"}, base_version=number)
    # Warm (structure and chrome cached), signed in, enrolled: the same for 1 or 60 versions.
    with django_assert_max_num_queries(17):
        response = client.get(assignment.url)
    assert response.status_code == HTTPStatus.OK
