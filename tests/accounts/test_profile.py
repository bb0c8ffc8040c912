from http import HTTPStatus

import pytest

from accounts.models import OrganisationType

from ..factories import UserFactory


@pytest.fixture
def new_user(reference_data):
    return UserFactory(organisation_type="")


@pytest.fixture
def new_user_client(client, new_user):
    client.force_login(new_user)
    return client


def _profile(**overrides):
    data = {
        "first_name": "Nora",
        "last_name": "Nilsson",
        "organisation_type": OrganisationType.MUNICIPALITY,
        "municipality": "0114",
        "county": "",
        "job_title": "Samordnare",
        "preferred_language": "sv",
    }
    data.update(overrides)
    return data


def test_profile_page_requires_login(client, db):
    response = client.get("/profil/")

    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith("/accounts/login/")


def test_profile_offers_all_290_municipalities(new_user_client):
    response = new_user_client.get("/profil/")

    choices = [value for value, _label in response.context["form"].fields["municipality"].choices if value]
    assert len(choices) == 290


def test_municipal_staff_save_their_municipality_by_scb_code(new_user_client, new_user):
    response = new_user_client.post("/profil/", _profile())

    assert response.status_code == HTTPStatus.FOUND
    new_user.refresh_from_db()
    assert new_user.municipality.name == "Upplands Väsby"
    assert new_user.job_title == "Samordnare"
    assert new_user.profile_is_complete


@pytest.mark.parametrize("organisation_type", [OrganisationType.MUNICIPALITY, OrganisationType.POLICE])
def test_municipal_and_police_staff_must_choose_a_municipality(new_user_client, new_user, organisation_type):
    response = new_user_client.post(
        "/en/profile/", _profile(organisation_type=organisation_type, municipality="", county="01")
    )

    assert response.status_code == HTTPStatus.OK
    assert "Choose the municipality you work with." in response.content.decode()
    new_user.refresh_from_db()
    assert new_user.organisation_type == ""
    assert new_user.county is None


def test_county_boards_must_choose_a_county(new_user_client, new_user):
    response = new_user_client.post(
        "/en/profile/", _profile(organisation_type=OrganisationType.COUNTY_BOARD, municipality="")
    )

    assert "Choose the county of your county administrative board." in response.content.decode()
    new_user.refresh_from_db()
    assert new_user.organisation_type == ""


def test_county_board_saves_the_county_and_no_municipality(new_user_client, new_user):
    new_user_client.post("/profil/", _profile(organisation_type=OrganisationType.COUNTY_BOARD, county="20"))

    new_user.refresh_from_db()
    assert new_user.county.name == "Dalarnas län"
    assert new_user.municipality is None


def test_unknown_municipality_code_gives_an_error_and_saves_nothing(new_user_client, new_user):
    response = new_user_client.post("/en/profile/", _profile(municipality="9999", first_name="Ändrad"))

    assert response.status_code == HTTPStatus.OK
    assert "municipality" in response.context["form"].errors
    new_user.refresh_from_db()
    assert new_user.first_name == "Lena"
    assert new_user.municipality is None


def test_profile_ignores_an_offsite_next_url(new_user_client):
    response = new_user_client.post("/profil/", {**_profile(), "next": "https://evil.example.com/"})

    assert response.url == "/mina-kurser/"


def test_profile_follows_a_local_next_url(new_user_client):
    response = new_user_client.post("/profil/", {**_profile(), "next": "/kurser/"})

    assert response.url == "/kurser/"
