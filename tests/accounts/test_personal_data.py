import json
from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress

from accounts import personal_data
from accounts.models import User
from enrolments.models import Enrolment, StepProgress
from enrolments.services import complete_step, enrol_learner

from ..factories import lessons_of

PASSWORD = "correct-horse-battery"


@pytest.fixture
def enrolled_learner(learner, course):
    enrol_learner(learner=learner, course=course)
    complete_step(learner=learner, step=lessons_of(course)[0])
    return learner


def _sign_in_and_reauthenticate(client, user, password: str = PASSWORD) -> None:
    """Signed in, and asked for the password again within allauth's reauthentication timeout."""
    client.force_login(user)
    client.post("/accounts/reauthenticate/", {"password": password})


@pytest.fixture
def fake_handler():
    calls = []
    personal_data.register(
        "fake_app",
        export=lambda user: {"fake": user.email},
        erase=lambda user: calls.append(user.email),
        order=10,
    )
    yield calls
    personal_data._registry.pop("fake_app", None)


def test_export_contains_the_account_and_enrolments(client, enrolled_learner, course):
    _sign_in_and_reauthenticate(client, enrolled_learner)

    response = client.get("/profil/mina-uppgifter.json")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == enrolled_learner.email
    assert data["account"]["last_name"] == enrolled_learner.last_name
    assert data["enrolments"][0]["course"] == course.title
    assert data["enrolments"][0]["completed_steps"][0]["step"] == lessons_of(course)[0].title


def test_export_holds_only_the_requesting_users_data(client, enrolled_learner, db):
    other = User.objects.create_user("annan@example.com", "ett-bra-losenord")
    _sign_in_and_reauthenticate(client, other, "ett-bra-losenord")

    data = json.loads(client.get("/profil/mina-uppgifter.json").content)

    assert data["account"]["email"] == "annan@example.com"
    assert data["enrolments"] == []


def test_export_requires_login(client, db):
    response = client.get("/profil/mina-uppgifter.json")

    assert response.status_code == HTTPStatus.FOUND


def test_export_is_not_stored_by_caches(client, enrolled_learner):
    _sign_in_and_reauthenticate(client, enrolled_learner)

    response = client.get("/profil/mina-uppgifter.json")

    assert "no-store" in response["Cache-Control"]


def test_export_asks_for_the_password_again_first(client, enrolled_learner):
    client.force_login(enrolled_learner)

    response = client.get("/profil/mina-uppgifter.json")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url == "/accounts/reauthenticate/?next=%2Fprofil%2Fmina-uppgifter.json"
    assert enrolled_learner.email not in response.content.decode()


def test_erasure_asks_for_the_password_again_and_then_erases(client, enrolled_learner):
    client.force_login(enrolled_learner)

    response = client.post("/profil/radera/", {"confirm": "yes"})
    assert response.url == "/accounts/reauthenticate/?next=%2Fprofil%2Fradera%2F"
    assert User.objects.filter(pk=enrolled_learner.pk).exists()

    client.post(response.url, {"password": PASSWORD})

    assert not User.objects.filter(pk=enrolled_learner.pk).exists()
    assert "_auth_user_id" not in client.session


def test_erasure_with_a_wrong_password_erases_nothing(client, enrolled_learner):
    client.force_login(enrolled_learner)
    response = client.post("/profil/radera/", {"confirm": "yes"})

    client.post(response.url, {"password": "wrong-password"})

    assert User.objects.filter(pk=enrolled_learner.pk).exists()


def test_erasure_deletes_the_account_and_enrolments(client, enrolled_learner):
    _sign_in_and_reauthenticate(client, enrolled_learner)

    response = client.post("/profil/radera/", {"confirm": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert not User.objects.filter(pk=enrolled_learner.pk).exists()
    assert not EmailAddress.objects.filter(email=enrolled_learner.email).exists()
    assert not Enrolment.objects.exists()
    assert not StepProgress.objects.exists()
    assert "_auth_user_id" not in client.session


def test_erasure_without_confirmation_deletes_nothing(client, enrolled_learner):
    _sign_in_and_reauthenticate(client, enrolled_learner)

    response = client.post("/profil/radera/", {})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert User.objects.filter(pk=enrolled_learner.pk).exists()
    assert Enrolment.objects.exists()


def test_get_on_the_erasure_page_deletes_nothing(client, enrolled_learner):
    _sign_in_and_reauthenticate(client, enrolled_learner)

    response = client.get("/profil/radera/?confirm=yes")

    assert response.status_code == HTTPStatus.OK
    assert User.objects.filter(pk=enrolled_learner.pk).exists()


def test_a_registered_handler_is_part_of_the_export(learner, fake_handler):
    assert personal_data.export_personal_data(learner)["fake_app"] == {"fake": learner.email}


def test_a_registered_handler_is_called_on_erasure_before_the_account_goes(learner, fake_handler):
    erased = personal_data.erase_personal_data(learner)

    assert fake_handler == [learner.email]
    assert erased.index("fake_app") < erased.index("account")
    assert not User.objects.filter(email=learner.email).exists()


def test_erasure_is_all_or_nothing(learner, course):
    enrol_learner(learner=learner, course=course)

    def failing_eraser(user):
        raise RuntimeError("storage unavailable")

    personal_data.register("failing_app", export=lambda user: None, erase=failing_eraser, order=500)
    try:
        with pytest.raises(RuntimeError):
            personal_data.erase_personal_data(learner)
    finally:
        personal_data._registry.pop("failing_app", None)

    assert User.objects.filter(pk=learner.pk).exists()
    assert Enrolment.objects.filter(learner=learner).exists()
