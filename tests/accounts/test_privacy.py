"""The readable personal-data page, and the audit log of every export and every administrator's look."""

import json
from http import HTTPStatus

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from accounts import services
from accounts.models import User
from accounts.personal_data import erase_personal_data
from enrolments.services import complete_step, enrol_learner

from ..factories import lessons_of

pytestmark = pytest.mark.django_db


def _sign_in_and_reauthenticate(client, user) -> None:
    client.force_login(user)
    client.post("/accounts/reauthenticate/", {"password": "correct-horse-battery"})


def _log_entries(subject: User, action: str) -> list[ModelLogEntry]:
    return list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(subject.pk), action=action
        )
    )


@pytest.fixture
def enrolled_learner(learner, course):
    enrol_learner(learner=learner, course=course)
    complete_step(learner=learner, step=lessons_of(course)[0])
    return learner


def test_the_learner_reads_their_personal_data_as_a_page(client, enrolled_learner, course):
    _sign_in_and_reauthenticate(client, enrolled_learner)

    response = client.get(reverse("accounts:personal_data"))

    body = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert response["Cache-Control"] == "private, no-store"
    assert "<h2" in body and "Kurser och framsteg" in body
    assert enrolled_learner.email in body
    assert course.title in body
    assert lessons_of(course)[0].title in body


def test_the_page_is_in_english_under_en(client, enrolled_learner):
    _sign_in_and_reauthenticate(client, enrolled_learner)

    body = client.get("/en/profile/my-data/").content.decode()

    assert "Courses and progress" in body
    assert "E-mail address" in body


def test_the_page_asks_for_the_password_again(client, learner):
    client.force_login(learner)

    response = client.get(reverse("accounts:personal_data"))

    assert response.status_code == HTTPStatus.FOUND
    assert "reauthenticate" in response["Location"]


def test_the_page_escapes_what_the_learner_typed(client, learner):
    learner.job_title = '<script>alert("x")</script>'
    learner.save()
    _sign_in_and_reauthenticate(client, learner)

    body = client.get(reverse("accounts:personal_data")).content.decode()

    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


@pytest.mark.parametrize(("url_name", "output"), [("accounts:export", "json"), ("accounts:personal_data", "html")])
def test_every_own_export_is_audit_logged(client, learner, url_name, output):
    _sign_in_and_reauthenticate(client, learner)

    client.get(reverse(url_name))

    [entry] = _log_entries(learner, services.LOG_EXPORT)
    assert entry.user_id == learner.pk
    assert entry.data == {"format": output, "own": True}


def test_an_administrator_sees_a_learners_data_and_the_look_is_logged(admin_client, admin_user, enrolled_learner):
    response = admin_client.get(reverse("accounts_admin:personal_data", args=[enrolled_learner.pk]))

    assert response.status_code == HTTPStatus.OK
    assert enrolled_learner.email in response.content.decode()
    [entry] = _log_entries(enrolled_learner, services.LOG_VIEW)
    assert entry.user_id == admin_user.pk


def test_an_administrators_export_is_logged(admin_client, admin_user, enrolled_learner):
    response = admin_client.get(reverse("accounts_admin:personal_data_json", args=[enrolled_learner.pk]))

    assert json.loads(response.content)["account"]["email"] == enrolled_learner.email
    [entry] = _log_entries(enrolled_learner, services.LOG_EXPORT)
    assert (entry.user_id, entry.data) == (admin_user.pk, {"format": "json", "own": False})


def test_opening_a_learner_in_the_user_editor_is_logged(admin_client, admin_user, learner):
    assert admin_client.get(reverse("wagtailusers_users:edit", args=[learner.pk])).status_code == HTTPStatus.OK

    [entry] = _log_entries(learner, services.LOG_VIEW)
    assert entry.user_id == admin_user.pk


@pytest.mark.parametrize("group", ["Redaktörer", "Granskare", "Kursadministratörer"])
def test_staff_without_the_user_permission_cannot_see_personal_data(client, staff_member, learner, group):
    client.force_login(staff_member(group))

    for name in ("accounts_admin:personal_data", "accounts_admin:personal_data_json"):
        response = client.get(reverse(name, args=[learner.pk]))
        # Wagtail's admin answers a PermissionDenied with a redirect to its dashboard and a message.
        assert (response.status_code, response["Location"]) == (HTTPStatus.FOUND, "/admin/")
    assert not _log_entries(learner, services.LOG_VIEW)
    assert not _log_entries(learner, services.LOG_EXPORT)


def test_erasure_keeps_the_audit_log_without_the_name(admin_client, learner):
    admin_client.get(reverse("accounts_admin:personal_data", args=[learner.pk]))
    learner_id, name = learner.pk, learner.get_full_name()

    erase_personal_data(learner)

    entries = ModelLogEntry.objects.filter(object_id=str(learner_id), action=services.LOG_VIEW)
    assert entries.count() == 1
    assert name not in entries.get().label
